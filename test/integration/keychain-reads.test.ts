/**
 * Secrets are read only where they are used (docs/security.md, "Where each secret lives"): the REAL
 * keytar-backed SecretStore, wrapped in a delegate that counts every call, under the real services, router
 * and an oidc-provider IdP on loopback. Showing, listing and exporting profiles without secrets make no
 * keychain call (presence comes from the ledger); an export with secrets and a Test read each secret of the profile once.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Envelope } from '../../src-shared/errors';
import { SECRET_FIELDS } from '../../src-shared/profile';
import { startOidcIdp, type RunningIdp } from '../../src-main/demo/demo-idp';
import { createKeytarStore } from '../../src-main/secrets/keytar-store';
import type { SecretStore } from '../../src-main/secrets/secret-store';
import { makeTestContext, type TestContext } from '../helpers/context';

const CLIENT_SECRET = 'counted-client-secret-value';
const legacySecrets = { clientSecret: 'legacy-cs', username: 'alice', password: 'legacy-pw' };

/** A SecretStore that counts each method's calls and each account read, delegating every call to `inner`. */
function countingStore(inner: SecretStore) {
  const calls = { get: 0, set: 0, delete: 0, listAccounts: 0 };
  const reads = new Map<string, number>();
  const store: SecretStore = {
    get: (account) => {
      calls.get++;
      reads.set(account, (reads.get(account) ?? 0) + 1);
      return inner.get(account);
    },
    set: (account, value) => {
      calls.set++;
      return inner.set(account, value);
    },
    delete: (account) => {
      calls.delete++;
      return inner.delete(account);
    },
    listAccounts: () => {
      calls.listAccounts++;
      return inner.listAccounts();
    },
  };
  const total = () => calls.get + calls.set + calls.delete + calls.listAccounts;
  const reset = () => {
    for (const k of Object.keys(calls) as (keyof typeof calls)[]) calls[k] = 0;
    reads.clear();
  };
  return { store, calls, reads, total, reset };
}

describe('keychain reads: values only where they are used', () => {
  const counted = countingStore(createKeytarStore(`authbench-test-${randomUUID()}`));
  let idp: RunningIdp;
  let ctx: TestContext;
  let dir: string;
  let nextSave: string | null = null;
  const ids: Record<'machine' | 'legacy' | 'bare', string> = { machine: '', legacy: '', bare: '' };
  const call = async <T = unknown>(channel: string, payload: unknown) =>
    (await ctx.router.handle(channel, payload)) as Envelope<T>;
  const value = <T>(res: Envelope<T>): T => {
    if (!res.ok) throw new Error(`${res.error.code}: ${res.error.message}`);
    return res.value;
  };

  beforeAll(async () => {
    idp = await startOidcIdp({
      scopes: ['api:read'],
      clients: [
        { client_id: 'counted', client_secret: CLIENT_SECRET, grant_types: ['client_credentials'], scope: 'api:read' },
      ],
    });
    dir = mkdtempSync(join(tmpdir(), 'authbench-reads-'));
    const save = async () => nextSave;
    const confirmExportWithSecrets = async () => true;
    const dialogs = {
      openProfiles: async () => null,
      saveProfiles: save,
      saveHar: save,
      saveCurl: save,
      saveBundle: save,
      confirmExportWithSecrets,
    };
    ctx = makeTestContext({ secrets: counted.store, dialogs });
    const base = { identityProviderName: 'oidc-provider', clientId: 'counted', tokenUrl: idp.tokenEndpoint };
    const scopes = [{ key: 'scope', value: 'api:read' }];
    const machine = { ...base, grantType: 'client_credentials', name: 'machine', scopes };
    ids.machine = (await ctx.profiles.create(machine, { clientSecret: CLIENT_SECRET })).id;
    const legacy = { ...base, grantType: 'password', name: 'legacy', authorizationMode: 'pre_authorize' };
    ids.legacy = (await ctx.profiles.create(legacy, legacySecrets)).id;
    ids.bare = (await ctx.profiles.create({ ...base, grantType: 'client_credentials', name: 'bare' })).id;
  });
  afterAll(async () => {
    await ctx?.dispose();
    await idp?.close();
    rmSync(dir, { recursive: true, force: true });
  });
  beforeEach(() => counted.reset());

  it('get, getByName and profiles:get make no keychain call (presence from the ledger), presence still right', async () => {
    const machine = await ctx.profiles.get(ids.machine);
    const legacy = await ctx.profiles.getByName('legacy');
    const bare = value(await call<{ status: string; statusReasons: string[] }>('profiles:get', { id: ids.bare }));
    expect(machine).toMatchObject({ status: 'configured', secrets: { clientSecret: true, password: false } });
    expect(legacy.secrets).toEqual({
      clientSecret: true,
      username: true,
      password: true,
      clientPrivateKey: false,
      clientCertificatePassphrase: false,
      clientPfx: false,
      jwtSigningKey: false,
      subjectToken: false,
      actorToken: false,
      dpopPrivateKey: false,
    });
    expect(bare).toMatchObject({ status: 'not_configured', statusReasons: ['Client Secret is not set'] });
    expect(counted.calls).toEqual({ get: 0, set: 0, delete: 0, listAccounts: 0 });
  });

  it('list makes no keychain call: presence of every profile from the ledger', async () => {
    const rows = await ctx.profiles.list();
    expect(rows.map((r) => [r.name, r.status])).toEqual([
      ['bare', 'not_configured'],
      ['legacy', 'configured'],
      ['machine', 'configured'],
    ]);
    expect(counted.calls).toEqual({ get: 0, set: 0, delete: 0, listAccounts: 0 });
  });

  it('create writes its secrets and lists nothing: a fresh profile holds what it wrote, whatever the keychain holds', async () => {
    const view = await ctx.profiles.create(
      {
        identityProviderName: 'x',
        clientId: 'c',
        tokenUrl: idp.tokenEndpoint,
        grantType: 'client_credentials',
        name: 'fresh',
      },
      { clientSecret: 'fresh-secret' },
    );
    expect(counted.calls).toEqual({ get: 0, set: 1, delete: 0, listAccounts: 0 });
    expect(view).toMatchObject({ status: 'configured', secrets: { clientSecret: true, password: false } });
    // The same presence a later read of the keychain gives.
    expect((await ctx.profiles.get(view.id)).secrets).toEqual(view.secrets);
    await ctx.profiles.delete(view.id);
  });

  it('exists and fields read only the database', () => {
    expect(ctx.profiles.exists(ids.machine)).toBe(true);
    expect(ctx.profiles.exists(randomUUID())).toBe(false);
    expect(ctx.profiles.fields(ids.legacy).name).toBe('legacy');
    expect(counted.total()).toBe(0);
  });

  it('an export without secrets does not touch the keychain, through the router and the service', async () => {
    nextSave = join(dir, 'plain.json');
    const all = [ids.machine, ids.legacy, ids.bare];
    const result = value(await call('profiles:export', { ids: all }));
    expect(result).toEqual({ path: nextSave, count: 3, includedSecrets: false });
    const text = await ctx.transfer.exportText(all, false);
    expect(readFileSync(nextSave, 'utf8')).toBe(text);
    expect(text).not.toMatch(/counted-client-secret-value|legacy-cs|legacy-pw|alice/);
    expect(counted.total()).toBe(0);
  });

  it('an export with secrets reads each secret of each profile exactly once, and nothing else', async () => {
    nextSave = join(dir, 'with-secrets.json');
    const all = [ids.machine, ids.legacy, ids.bare];
    value(await call('profiles:export', { ids: all, includeSecrets: true }));
    const doc = JSON.parse(readFileSync(nextSave, 'utf8'));
    expect(doc.profiles[1]).toMatchObject({ name: 'legacy', ...legacySecrets });
    const expected = all.flatMap((id) => SECRET_FIELDS.map((f) => [`${id}/${f}`, 1]));
    expect([...counted.reads].sort()).toEqual(expected.sort());
    expect(counted.calls).toEqual({ get: all.length * SECRET_FIELDS.length, set: 0, delete: 0, listAccounts: 0 });
  });

  it("a Test reads only the secrets its profile uses, once (and its token entry), no other profile's", async () => {
    const res = await call<{ ok: boolean }>('test:run', { profileId: ids.machine, timeoutMs: 10_000 });
    const run = value(res);
    expect(run.ok).toBe(true);
    expect(JSON.stringify(run)).not.toContain(CLIENT_SECRET);
    // Client credentials with client_secret_basic and no client certificate: the client secret alone.
    expect([...counted.reads].filter(([a]) => a !== `${ids.machine}/token`)).toEqual([
      [`${ids.machine}/clientSecret`, 1],
    ]);
  });

  it('a pre-authorized password-grant Test reads its client secret, username and password; a variant reads all', async () => {
    await ctx.tests.run(ids.legacy, { timeoutMs: 10_000 });
    const used = ['clientSecret', 'username', 'password'].map((f) => `${ids.legacy}/${f}`);
    expect([...counted.reads.keys()].filter((a) => a !== `${ids.legacy}/token`).sort()).toEqual(used.sort());
    counted.reset();
    // A variant may switch to a secret the stored profile does not use: every field is read once.
    await ctx.tests.run(ids.machine, {
      timeoutMs: 10_000,
      overrides: { scopes: [{ key: 'scope', value: 'api:read' }] },
    });
    for (const field of SECRET_FIELDS) expect(counted.reads.get(`${ids.machine}/${field}`)).toBe(1);
  });
});
