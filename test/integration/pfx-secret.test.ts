/**
 * A PFX client certificate holds a private key, so it is the keychain secret `clientPfx`
 * (docs/security.md, "Where each secret lives"): never in SQLite, seen by the window only as set / not set,
 * exported only with secrets; an older database's PFX moves to the keychain before the first keychain call.
 * Real SQLite files and the real keychain.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { AppError } from '../../src-shared/errors';
import { EXPORT_FORMAT } from '../../src-shared/export-format';
import { createContext, type AppContext } from '../../src-main/context';
import { databasePath } from '../../src-main/paths';
import { createKeytarStore } from '../../src-main/secrets/keytar-store';
import type { SecretStore } from '../../src-main/secrets/secret-store';
import { MIGRATIONS, migrate } from '../../src-main/store/migrations';
import { makeTestContext, type TestContext } from '../helpers/context';

const base = {
  grantType: 'client_credentials',
  identityProviderName: 'idp',
  clientId: 'mtls-client',
  tokenUrl: 'https://idp.example.com/token',
};
const pfxFields = { clientCertificate: { enabled: true, format: 'pfx', certificate: '' } };
/** A distinctive base64 PFX stand-in: its text must not appear in any file but the keychain. */
const newPfx = () => randomBytes(900).toString('base64');

/** The bytes of the database and its -wal, as text, to look for a value in. */
function databaseFiles(dataDir: string): string {
  const file = databasePath(dataDir);
  return ['', '-wal']
    .filter((s) => existsSync(file + s))
    .map((s) => readFileSync(file + s).toString('latin1'))
    .join('\n');
}

describe('the PFX client certificate is a keychain secret', () => {
  let ctx: TestContext | undefined;
  const cleanups: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    await ctx?.dispose();
    ctx = undefined;
    for (const clean of cleanups.splice(0).reverse()) await clean();
  });

  it('stays out of SQLite and the view, and is exported only with secrets', async () => {
    ctx = makeTestContext();
    const pfx = newPfx();
    const view = await ctx.profiles.create(
      { ...base, name: 'pfx', ...pfxFields },
      { clientSecret: 's', clientPfx: pfx },
    );
    expect(view.secrets.clientPfx).toBe(true);
    expect(view.status).toBe('configured');
    expect(JSON.stringify(view)).not.toContain(pfx);
    expect(JSON.stringify(await ctx.router.handle('profiles:get', { id: view.id }))).not.toContain(pfx);
    expect(await ctx.profiles.readSecret(view.id, 'clientPfx')).toBe(pfx);
    ctx.db.pragma('wal_checkpoint(TRUNCATE)');
    expect(databaseFiles(ctx.dataDir)).not.toContain(pfx);

    const without = await ctx.transfer.exportText([view.id], false);
    expect(without).not.toContain(pfx);
    expect(JSON.parse(without).profiles[0]).not.toHaveProperty('clientPfx');
    const withSecrets = JSON.parse(await ctx.transfer.exportText([view.id], true));
    expect(withSecrets.profiles[0]).toMatchObject({ clientPfx: pfx, clientCertificate: { certificate: '' } });

    // A PFX put in the fields is refused, not stored.
    const err = await ctx.profiles
      .update(view.id, { ...base, name: 'pfx', clientCertificate: { enabled: true, format: 'pfx', certificate: pfx } })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe('invalid_request');
  });

  it('imports an old export that carries the PFX in the certificate into the keychain', async () => {
    ctx = makeTestContext();
    const pfx = newPfx();
    const entry = {
      ...base,
      name: 'old export',
      clientCertificate: { enabled: true, format: 'pfx', certificate: pfx },
    };
    const report = await ctx.transfer.importText(JSON.stringify({ format: EXPORT_FORMAT, profiles: [entry] }));
    expect(report).toEqual([{ index: 0, name: 'old export', outcome: 'imported' }]);
    const id = ctx.profiles.idByName('old export');
    expect(ctx.profiles.fields(id).clientCertificate).toEqual({ enabled: true, format: 'pfx', certificate: '' });
    expect(await ctx.profiles.readSecret(id, 'clientPfx')).toBe(pfx);
  });

  describe('an older database holding a PFX in a profile row', () => {
    /** A data dir whose database stopped at migration 2, with one PFX profile in the row. */
    function oldDataDir(pfx: string): { dataDir: string; id: string } {
      const dataDir = mkdtempSync(join(tmpdir(), 'authbench-pfx-'));
      cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
      const db = new BetterSqlite3(databasePath(dataDir));
      db.pragma('journal_mode = WAL');
      migrate(db, MIGRATIONS.slice(0, 2));
      const data = {
        ...base,
        name: 'legacy pfx',
        clientCertificate: { enabled: true, format: 'pfx', certificate: pfx },
      };
      const id = randomUUID();
      db.prepare('INSERT INTO profiles VALUES (?, ?, ?, ?, ?, ?)').run(
        id,
        data.name,
        data.grantType,
        JSON.stringify(data),
        '2026-01-01T00:00:00.000Z',
        '2026-01-01T00:00:00.000Z',
      );
      db.close();
      return { dataDir, id };
    }
    function open(dataDir: string, secrets: SecretStore, service: string): AppContext {
      const opened = createContext({ dataDir, keychainService: service, secrets });
      cleanups.push(async () => {
        opened.close();
        const store = createKeytarStore(service);
        for (const account of await store.listAccounts()) await store.delete(account);
      });
      return opened;
    }

    it('moves it to the keychain before the first keychain call, leaving no copy in the files', async () => {
      const pfx = newPfx();
      const { dataDir, id } = oldDataDir(pfx);
      const service = `authbench-test-${randomUUID()}`;
      const app = open(dataDir, createKeytarStore(service), service);
      expect(app.profiles.fields(id).clientCertificate.certificate).toBe('');
      // Presence comes from the ledger (its row was taken as written): no keychain call, so no move yet.
      const view = await app.profiles.get(id);
      expect(view.secrets.clientPfx).toBe(true);
      expect(view.statusReasons).toEqual(['Client Secret is not set']);
      // The app's start-up reconcile is its first keychain call.
      expect(await app.profiles.reconcile()).toEqual([]);
      expect(await createKeytarStore(service).get(`${id}/clientPfx`)).toBe(pfx);
      expect(app.db.prepare('SELECT count(*) AS n FROM pending_secrets').get()).toEqual({ n: 0 });
      expect(databaseFiles(dataDir)).not.toContain(pfx);
      // The move was recorded in the ledger: deleting the profile removes the keychain entry.
      await app.profiles.delete(id);
      expect(await createKeytarStore(service).listAccounts()).toEqual([]);
    });

    it('retries the move when the keychain was unavailable, and never loses the PFX', async () => {
      const pfx = newPfx();
      const { dataDir, id } = oldDataDir(pfx);
      const service = `authbench-test-${randomUUID()}`;
      const real = createKeytarStore(service);
      let down = true;
      const flaky: SecretStore = {
        get: (a) => real.get(a),
        set: async (a, v) => {
          if (down) throw new AppError('keychain_unavailable', 'The OS keychain is locked');
          return real.set(a, v);
        },
        delete: (a) => real.delete(a),
        listAccounts: () => real.listAccounts(),
      };
      const app = open(dataDir, flaky, service);
      await expect(app.profiles.reconcile()).rejects.toMatchObject({ code: 'keychain_unavailable' });
      expect(app.db.prepare('SELECT count(*) AS n FROM pending_secrets').get()).toEqual({ n: 1 });
      down = false;
      expect(await app.profiles.reconcile()).toEqual([]);
      expect((await app.profiles.get(id)).secrets.clientPfx).toBe(true);
      expect(await real.get(`${id}/clientPfx`)).toBe(pfx);
    });
  });
});
