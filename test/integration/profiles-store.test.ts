/** ProfileService over the real SQLite file and the real OS keychain. */
import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '../../src-shared/errors';
import { makeTestContext, type TestContext } from '../helpers/context';

const SECRET = 'Sup3r-Secret-Value-0f-The-Client';
const input = {
  grantType: 'client_credentials' as const,
  name: 'Okta prod',
  identityProviderName: 'Okta',
  description: 'the production tenant',
  clientId: 'client-1',
  clientAuthMethod: 'client_secret_post' as const,
  tokenUrl: 'https://idp.example.com/oauth2/token',
  scopes: [
    { key: 'scope', value: 'read write' },
    { key: 'audience', value: 'https://api.example.com' },
  ],
};

function dbBytes(dataDir: string): string {
  return ['authbench.db', 'authbench.db-wal']
    .map((f) => join(dataDir, f))
    .filter(existsSync)
    .map((f) => readFileSync(f).toString('latin1'))
    .join('');
}

async function rejection(promise: Promise<unknown>): Promise<AppError> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(AppError);
  return err as AppError;
}

describe('ProfileService', () => {
  let ctx: TestContext;
  beforeEach(() => {
    ctx = makeTestContext();
  });
  afterEach(async () => {
    await ctx.dispose();
  });

  it('round-trips every field, and keeps the client secret out of the database file', async () => {
    const created = await ctx.profiles.create(input, { clientSecret: SECRET });
    expect(created).toMatchObject({ ...input, secrets: { clientSecret: true }, status: 'configured' });
    expect(await ctx.profiles.get(created.id)).toEqual(created);
    expect(await ctx.profiles.readSecret(created.id, 'clientSecret')).toBe(SECRET);
    ctx.db.pragma('wal_checkpoint(FULL)');
    const bytes = dbBytes(ctx.dataDir);
    expect(bytes).toContain('client-1'); // the row is really there...
    expect(bytes).not.toContain(SECRET); // ...but the secret is not
    expect(JSON.stringify(created)).not.toContain(SECRET);
  });

  it('is Not configured until the secret is set, with the reason', async () => {
    const created = await ctx.profiles.create(input);
    expect(created).toMatchObject({ status: 'not_configured', statusReasons: ['Client Secret is not set'] });
    const updated = await ctx.profiles.update(created.id, input, { clientSecret: SECRET });
    expect(updated.status).toBe('configured');
    const cleared = await ctx.profiles.update(created.id, input, { clientSecret: null });
    expect(cleared.secrets.clientSecret).toBe(false);
  });

  it('refuses a duplicate name with the field named', async () => {
    await ctx.profiles.create(input);
    const err = await rejection(ctx.profiles.create(input));
    expect(err.code).toBe('conflict');
    expect(err.details?.issues).toEqual([{ path: 'name', message: 'Already in use' }]);
  });

  it('keeps Name immutable after create', async () => {
    const created = await ctx.profiles.create(input);
    const err = await rejection(ctx.profiles.update(created.id, { ...input, name: 'Renamed' }));
    expect(err.code).toBe('immutable_field');
    expect((await ctx.profiles.get(created.id)).name).toBe('Okta prod');
  });

  it('validates raw input in main, whatever the caller checked', async () => {
    const err = await rejection(
      ctx.profiles.create({ ...input, tokenUrl: 'javascript:alert(1)', clientId: 'x'.repeat(300) }),
    );
    expect(err.code).toBe('invalid_request');
    expect(err.details?.issues?.map((i) => i.path).sort()).toEqual(['clientId', 'tokenUrl']);
    expect(await ctx.profiles.list()).toEqual([]);
  });

  it('deletes the row and every keychain entry of the profile', async () => {
    const created = await ctx.profiles.create(input, { clientSecret: SECRET });
    expect(await ctx.secrets.listAccounts()).toEqual([`${created.id}/clientSecret`]);
    await ctx.profiles.delete(created.id);
    expect(await ctx.profiles.list()).toEqual([]);
    expect(await ctx.secrets.listAccounts()).toEqual([]);
    expect((await rejection(ctx.profiles.get(created.id))).code).toBe('not_found');
  });

  it("reconciles: removes our orphans after a crash, leaves other data dirs' entries alone", async () => {
    const kept = await ctx.profiles.create(input, { clientSecret: SECRET });
    const crashed = await ctx.profiles.create({ ...input, name: 'crashed' }, { clientSecret: SECRET });
    // A crash after the row was deleted but before the keychain was cleaned:
    ctx.db.prepare('DELETE FROM profiles WHERE id = ?').run(crashed.id);
    // An entry written by another database that shares the keychain service:
    const foreign = '00000000-0000-4000-8000-000000000000/clientSecret';
    await ctx.secrets.set(foreign, 'belongs to another data dir');
    expect(await ctx.profiles.reconcile()).toEqual([`${crashed.id}/clientSecret`]);
    expect((await ctx.secrets.listAccounts()).sort()).toEqual([foreign, `${kept.id}/clientSecret`].sort());
    expect(await ctx.profiles.reconcile()).toEqual([]);
  });

  it('a secret removed outside Authbench shows as not set once a Test (or reconcile) finds it missing', async () => {
    const created = await ctx.profiles.create(input, { clientSecret: SECRET });
    // Removed outside Authbench: the ledger still confirms the entry, and the list (which reads no keychain)
    // trusts it until something reads the keychain.
    await ctx.secrets.delete(`${created.id}/clientSecret`);
    const ledger = ctx.db.prepare('SELECT account, written FROM keychain_entries WHERE profile_id = ?');
    expect(ledger.all(created.id)).toEqual([{ account: `${created.id}/clientSecret`, written: 1 }]);
    expect((await ctx.profiles.get(created.id)).status).toBe('configured');
    // The Test reads the secret, finds none, and unconfirms the row.
    expect((await rejection(ctx.tests.run(created.id))).code).toBe('not_configured');
    expect(ledger.all(created.id)).toEqual([{ account: `${created.id}/clientSecret`, written: 0 }]);
    const view = await ctx.profiles.get(created.id);
    expect(view).toMatchObject({ secrets: { clientSecret: false }, status: 'not_configured' });
    expect(view.statusReasons).toEqual(['Client Secret is not set']);
    expect((await ctx.profiles.list()).map((r) => [r.status, r.statusReasons])).toEqual([
      ['not_configured', ['Client Secret is not set']],
    ]);
    // Its profile exists, so the entry is not an orphan: reconcile leaves its row for the user to set again.
    expect(await ctx.profiles.reconcile()).toEqual([]);
    expect(ledger.all(created.id)).toEqual([{ account: `${created.id}/clientSecret`, written: 0 }]);
  });

  it('duplicates under a new name, with secrets only when asked', async () => {
    const source = await ctx.profiles.create(input, { clientSecret: SECRET });
    const bare = await ctx.profiles.duplicate(source.id, 'copy without secrets', false);
    expect(bare).toMatchObject({ ...input, name: 'copy without secrets', status: 'not_configured' });
    const full = await ctx.profiles.duplicate(source.id, 'copy with secrets', true);
    expect(full.status).toBe('configured');
    expect(await ctx.profiles.readSecret(full.id, 'clientSecret')).toBe(SECRET);
    expect((await rejection(ctx.profiles.duplicate(source.id, 'Okta prod', false))).code).toBe('conflict');
  });

  it('deletes engine entries (tokens) with the profile', async () => {
    const created = await ctx.profiles.create(input, { clientSecret: SECRET });
    await ctx.profiles.writeEntry(created.id, 'token', '{"access_token":"x"}');
    await ctx.profiles.delete(created.id);
    expect(await ctx.secrets.listAccounts()).toEqual([]);
  });

  it('stores a username and password only for a pre-authorized password-grant profile', async () => {
    const legacy = {
      ...input,
      grantType: 'password' as const,
      name: 'legacy',
      authorizationMode: 'pre_authorize' as const,
    };
    const created = await ctx.profiles.create(legacy, { clientSecret: SECRET, username: 'alice', password: 'pw' });
    expect(created).toMatchObject({ status: 'configured', secrets: { username: true, password: true } });
    // Switching to user-authorize forgets them: the person running the Test types them.
    const user = await ctx.profiles.update(created.id, { ...legacy, authorizationMode: 'user' });
    expect(user.secrets).toMatchObject({ username: false, password: false });
    const err = await rejection(
      ctx.profiles.update(created.id, { ...legacy, authorizationMode: 'user' }, { password: 'pw' }),
    );
    expect(err.details?.issues).toEqual([
      { path: 'secrets.password', message: 'Stored only for a password-grant profile in pre-authorize mode' },
    ]);
    expect((await rejection(ctx.profiles.create({ ...input, name: 'cc' }, { username: 'bob' }))).code).toBe(
      'invalid_request',
    );
  });

  it('keeps a pre-authorized profile its username and password across an update', async () => {
    const legacy = {
      ...input,
      grantType: 'password' as const,
      name: 'kept',
      authorizationMode: 'pre_authorize' as const,
    };
    const created = await ctx.profiles.create(legacy, { username: 'alice', password: 'pw' });
    await ctx.profiles.update(created.id, { ...legacy, description: 'edited' }, { password: 'pw-2' });
    expect(await ctx.profiles.readSecret(created.id, 'username')).toBe('alice');
    expect(await ctx.profiles.readSecret(created.id, 'password')).toBe('pw-2');
  });

  it('drops the stored secrets and token when the token URL moves to another host, unless confirmed', async () => {
    const legacy = {
      ...input,
      grantType: 'password' as const,
      name: 'moving',
      authorizationMode: 'pre_authorize' as const,
    };
    const stored = { clientSecret: SECRET, username: 'alice', password: 'pw', clientCertificatePassphrase: 'pp' };
    const created = await ctx.profiles.create(legacy, stored);
    await ctx.profiles.writeEntry(created.id, 'token', '{"access_token":"x"}');
    const accounts = async () => (await ctx.secrets.listAccounts()).filter((a) => a.startsWith(`${created.id}/`));

    // Same origin (path, query, explicit default port, case): everything kept.
    const samePlace = { ...legacy, tokenUrl: 'HTTPS://idp.example.com:443/v2/token?x=1' };
    await ctx.profiles.update(created.id, samePlace);
    expect((await accounts()).length).toBe(5);

    // Another host, confirmed: kept.
    const moved = { ...legacy, tokenUrl: 'https://new-idp.example.net/token' };
    await ctx.profiles.update(created.id, moved, {}, { keepSecretsForNewOrigin: true });
    expect(await ctx.profiles.readSecret(created.id, 'clientSecret')).toBe(SECRET);
    expect(await ctx.profiles.readEntry(created.id, 'token')).not.toBeNull();

    // Another port, not confirmed: every stored secret and the token dropped, the one sent along kept.
    const view = await ctx.profiles.update(
      created.id,
      { ...moved, tokenUrl: 'https://new-idp.example.net:8443/t' },
      {
        password: 'pw-new',
      },
    );
    expect(view.secrets).toEqual({
      clientSecret: false,
      username: false,
      password: true,
      clientPrivateKey: false,
      clientCertificatePassphrase: false,
      clientPfx: false,
      jwtSigningKey: false,
      subjectToken: false,
      actorToken: false,
      dpopPrivateKey: false,
    });
    expect(await accounts()).toEqual([`${created.id}/password`]);
    expect(await ctx.profiles.readSecret(created.id, 'password')).toBe('pw-new');
  });

  it('treats a new proxy, check URL or refresh URL origin as a move; removing one is not', async () => {
    const created = await ctx.profiles.create(input, { clientSecret: SECRET });
    const kept = async () => (await ctx.profiles.get(created.id)).secrets.clientSecret;
    await ctx.profiles.update(created.id, { ...input, refreshTokenUrl: 'https://idp.example.com/refresh' });
    expect(await kept()).toBe(true);
    for (const change of [
      { proxyUrl: 'http://127.0.0.1:3128' },
      { checkUrl: 'https://api.example.org/me' },
      { refreshTokenUrl: 'https://other.example.com/token' },
    ]) {
      await ctx.profiles.update(created.id, input, { clientSecret: SECRET });
      await ctx.profiles.update(created.id, { ...input, ...change });
      expect(await kept()).toBe(false);
    }
    await ctx.profiles.update(
      created.id,
      { ...input, checkUrl: 'https://api.example.org/me' },
      { clientSecret: SECRET },
    );
    await ctx.profiles.update(created.id, input);
    expect(await kept()).toBe(true);
  });

  it('lists the same status and reasons as get() for every kind of profile', async () => {
    const variants = [
      { ...input, name: 'public client', clientAuthMethod: 'none' as const },
      { ...input, name: 'mtls pem', clientCertificate: { enabled: true, format: 'pem' as const, certificate: 'PEM' } },
      { ...input, name: 'mtls pfx', clientCertificate: { enabled: true, format: 'pfx' as const, certificate: '' } },
      { ...input, grantType: 'password' as const, name: 'pre-authorized', authorizationMode: 'pre_authorize' as const },
      { ...input, grantType: 'password' as const, name: 'user mode' },
      {
        ...input,
        grantType: 'authorization_code' as const,
        name: 'web',
        authorizationUrl: 'https://idp.example.com/authorize',
      },
    ];
    for (const v of variants) await ctx.profiles.create(v, v.name.startsWith('mtls') ? { clientSecret: SECRET } : {});
    const listed = await ctx.profiles.list();
    for (const row of listed) {
      const view = await ctx.profiles.get(row.id);
      expect([row.name, row.status, row.statusReasons]).toEqual([view.name, view.status, view.statusReasons]);
    }
    expect(listed.find((r) => r.name === 'mtls pem')!.statusReasons).toEqual(['Client Private Key is not set']);
    expect(listed.find((r) => r.name === 'mtls pfx')!.statusReasons).toEqual(['Client Certificate (PFX) is not set']);
    expect(listed.find((r) => r.name === 'public client')!.status).toBe('configured');
    expect(listed.find((r) => r.name === 'pre-authorized')!.statusReasons).toEqual([
      'Client Secret is not set',
      'Username is not set',
      'Password is not set',
    ]);
  });

  it('lists profiles sorted by name with their status', async () => {
    await ctx.profiles.create({ ...input, name: 'zeta' }, { clientSecret: SECRET });
    await ctx.profiles.create({ ...input, name: 'Alpha' });
    expect((await ctx.profiles.list()).map((p) => [p.name, p.status])).toEqual([
      ['Alpha', 'not_configured'],
      ['zeta', 'configured'],
    ]);
  });
});
