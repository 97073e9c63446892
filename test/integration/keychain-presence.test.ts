/**
 * Secret presence ("set / not set") from the keychain ledger's confirmed rows (docs/security.md, "Where each
 * secret lives"): the REAL keytar-backed SecretStore behind a delegate that counts calls (and can fail a write),
 * a real SQLite file. The list and a profile's view make no keychain call; presence follows create, update and
 * delete; an interrupted write shows "not set"; reconcile corrects the ledger both ways; an older database's
 * ledger is taken as written and corrected by reconcile.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createContext, type AppContext } from '../../src-main/context';
import { databasePath } from '../../src-main/paths';
import { createKeytarStore } from '../../src-main/secrets/keytar-store';
import type { SecretStore } from '../../src-main/secrets/secret-store';
import { MIGRATIONS, migrate } from '../../src-main/store/migrations';
import { AppError } from '../../src-shared/errors';
import { clearKeychainService, makeTestContext, type TestContext } from '../helpers/context';

/** Counts each call; `failSet` makes a write fail, after (`landed`) or without reaching the keychain. */
function countingStore(inner: SecretStore) {
  const calls = { get: 0, set: 0, delete: 0, listAccounts: 0 };
  const control = { failSet: undefined as undefined | 'landed' | 'lost' };
  const store: SecretStore = {
    get: (account) => (calls.get++, inner.get(account)),
    set: async (account, value) => {
      calls.set++;
      if (control.failSet === 'lost') throw new AppError('keychain_unavailable', 'The OS keychain is locked');
      await inner.set(account, value);
      if (control.failSet === 'landed') throw new AppError('keychain_unavailable', 'Interrupted after the write');
    },
    delete: (account) => (calls.delete++, inner.delete(account)),
    listAccounts: () => (calls.listAccounts++, inner.listAccounts()),
  };
  const reset = () => {
    for (const k of Object.keys(calls) as (keyof typeof calls)[]) calls[k] = 0;
    control.failSet = undefined;
  };
  return { store, calls, control, reset };
}

const base = {
  grantType: 'client_credentials',
  identityProviderName: 'idp',
  clientId: 'presence-client',
  // Written as is into SQLite below: a row the app writes always has its client authentication method.
  clientAuthMethod: 'client_secret_basic',
  tokenUrl: 'https://idp.example.test/token',
};

describe('secret presence from the keychain ledger', () => {
  const inner = createKeytarStore(`authbench-test-${randomUUID()}`);
  const counted = countingStore(inner);
  let ctx: TestContext;
  const ledger = (id: string) =>
    ctx.db.prepare('SELECT account, written FROM keychain_entries WHERE profile_id = ? ORDER BY 1').all(id);

  beforeAll(() => {
    ctx = makeTestContext({ secrets: counted.store });
  });
  afterAll(async () => {
    await ctx?.dispose();
  });
  afterEach(() => counted.reset());

  it('list and get make no keychain call, whatever the profiles hold', async () => {
    const a = await ctx.profiles.create({ ...base, name: 'a' }, { clientSecret: 's-a' });
    await ctx.profiles.writeEntry(a.id, 'token', '{"accessToken":"t"}');
    await ctx.profiles.create({ ...base, name: 'b' });
    counted.reset();
    const rows = await ctx.profiles.list();
    expect(rows.filter((r) => ['a', 'b'].includes(r.name)).map((r) => [r.name, r.status])).toEqual([
      ['a', 'configured'],
      ['b', 'not_configured'],
    ]);
    expect((await ctx.profiles.get(a.id)).secrets.clientSecret).toBe(true);
    expect((await ctx.profiles.getByName('b')).secrets.clientSecret).toBe(false);
    expect(counted.calls).toEqual({ get: 0, set: 0, delete: 0, listAccounts: 0 });
  });

  it('presence follows create, update and delete of secrets; delete lists no keychain', async () => {
    const created = await ctx.profiles.create({ ...base, name: 'lifecycle' }, { clientSecret: 'one' });
    expect(created.secrets.clientSecret).toBe(true);
    expect((await ctx.profiles.get(created.id)).secrets.clientSecret).toBe(true);
    const fields = ctx.profiles.fields(created.id);
    const cleared = await ctx.profiles.update(created.id, fields, { clientSecret: null });
    expect(cleared).toMatchObject({ secrets: { clientSecret: false }, status: 'not_configured' });
    expect(ledger(created.id)).toEqual([]);
    const set = await ctx.profiles.update(created.id, fields, { clientSecret: 'two' });
    expect(set).toMatchObject({ secrets: { clientSecret: true }, status: 'configured' });
    expect(ledger(created.id)).toEqual([{ account: `${created.id}/clientSecret`, written: 1 }]);
    await ctx.profiles.writeEntry(created.id, 'token', '{"accessToken":"t"}');
    counted.reset();
    await ctx.profiles.delete(created.id);
    expect(counted.calls.listAccounts).toBe(0);
    expect(ledger(created.id)).toEqual([]);
    expect((await inner.listAccounts()).filter((a) => a.startsWith(created.id))).toEqual([]);
  });

  it('an interrupted write shows "not set"; reconcile confirms it when the entry did land', async () => {
    const lost = await ctx.profiles.create({ ...base, name: 'lost write' });
    const landed = await ctx.profiles.create({ ...base, name: 'landed write' });
    counted.control.failSet = 'lost';
    await expect(ctx.profiles.update(lost.id, ctx.profiles.fields(lost.id), { clientSecret: 'x' })).rejects.toThrow(
      /locked/,
    );
    counted.control.failSet = 'landed';
    await expect(ctx.profiles.update(landed.id, ctx.profiles.fields(landed.id), { clientSecret: 'y' })).rejects.toThrow(
      /Interrupted/,
    );
    counted.control.failSet = undefined;
    for (const p of [lost, landed]) {
      expect(ledger(p.id)).toEqual([{ account: `${p.id}/clientSecret`, written: 0 }]);
      expect((await ctx.profiles.get(p.id)).secrets.clientSecret).toBe(false);
    }
    expect(await ctx.profiles.reconcile()).toEqual([]);
    expect((await ctx.profiles.get(lost.id)).secrets.clientSecret).toBe(false);
    expect((await ctx.profiles.get(landed.id)).secrets.clientSecret).toBe(true);
    expect(ledger(landed.id)).toEqual([{ account: `${landed.id}/clientSecret`, written: 1 }]);
  });

  it('reconcile unconfirms an entry deleted outside, and records one of our profiles that had no row', async () => {
    const gone = await ctx.profiles.create({ ...base, name: 'deleted outside' }, { clientSecret: 'g' });
    const unknown = await ctx.profiles.create({ ...base, name: 'written outside' });
    await inner.delete(`${gone.id}/clientSecret`);
    await inner.set(`${unknown.id}/clientSecret`, 'u');
    const foreign = `${randomUUID()}/clientSecret`;
    await inner.set(foreign, 'another data dir');
    // Before reconcile the ledger still says what this database did.
    expect((await ctx.profiles.get(gone.id)).secrets.clientSecret).toBe(true);
    expect((await ctx.profiles.get(unknown.id)).secrets.clientSecret).toBe(false);
    counted.reset();
    expect(await ctx.profiles.reconcile()).toEqual([]);
    expect(counted.calls.listAccounts).toBe(1);
    const rows = await ctx.profiles.list();
    const statusOf = (name: string) => rows.find((r) => r.name === name)?.status;
    expect(statusOf('deleted outside')).toBe('not_configured');
    expect(statusOf('written outside')).toBe('configured');
    expect(ledger(unknown.id)).toEqual([{ account: `${unknown.id}/clientSecret`, written: 1 }]);
    // Another data dir's entry is neither recorded nor removed.
    expect(ctx.db.prepare('SELECT * FROM keychain_entries WHERE account = ?').all(foreign)).toEqual([]);
    expect(await inner.get(foreign)).toBe('another data dir');
    await inner.delete(foreign);
  });
});

describe('an existing database gains the confirmations', () => {
  const service = `authbench-test-${randomUUID()}`;
  const dataDir = mkdtempSync(join(tmpdir(), 'authbench-presence-'));
  let app: AppContext | undefined;
  afterAll(async () => {
    app?.close();
    await clearKeychainService(service);
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('takes its ledger rows as written, and reconcile adds the entries written before the ledger', async () => {
    const db = new BetterSqlite3(databasePath(dataDir));
    migrate(db, MIGRATIONS.slice(0, 5));
    const insert = db.prepare("INSERT INTO profiles VALUES (?, ?, 'client_credentials', ?, 'x', 'x')");
    const [recorded, unrecorded] = [randomUUID(), randomUUID()];
    insert.run(recorded, 'recorded', JSON.stringify({ ...base, name: 'recorded' }));
    insert.run(unrecorded, 'unrecorded', JSON.stringify({ ...base, name: 'unrecorded' }));
    db.prepare('INSERT INTO keychain_entries VALUES (?, ?)').run(`${recorded}/clientSecret`, recorded);
    db.close();
    const store = createKeytarStore(service);
    await store.set(`${recorded}/clientSecret`, 'r');
    await store.set(`${unrecorded}/clientSecret`, 'u');

    app = createContext({ dataDir, keychainService: service });
    const status = async () => Object.fromEntries((await app!.profiles.list()).map((r) => [r.name, r.status]));
    expect(await status()).toEqual({ recorded: 'configured', unrecorded: 'not_configured' });
    expect(await app.profiles.reconcile()).toEqual([]);
    expect(await status()).toEqual({ recorded: 'configured', unrecorded: 'configured' });
  });
});
