/**
 * The `authbench` command as scripts run it: the built bin in a child process, a real data dir, the real
 * keychain under a throwaway service, and a real oidc-provider on loopback.
 */
import { chmodSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useCliSandbox } from '../helpers/cli';
import { startOidcIdp, type RunningIdp } from '../../src-main/demo/demo-idp';
import { createKeytarStore } from '../../src-main/secrets/keytar-store';

const SECRET = 'cli-Secret with spaces & symbols %+:';
const WRONG = 'definitely-not-the-secret';

describe('authbench CLI', () => {
  let idp: RunningIdp;
  const sandbox = useCliSandbox('authbench-cli-');
  const { run } = sandbox;

  const profile = (name: string, extra: Record<string, unknown> = {}) => ({
    grantType: 'client_credentials',
    name,
    identityProviderName: 'oidc-provider',
    clientId: 'cli-client',
    clientAuthMethod: 'client_secret_basic',
    tokenUrl: idp.tokenEndpoint,
    scopes: [{ key: 'scope', value: 'api:read' }],
    ...extra,
  });

  beforeAll(async () => {
    idp = await startOidcIdp({
      clients: [
        {
          client_id: 'cli-client',
          client_secret: SECRET,
          token_endpoint_auth_method: 'client_secret_basic',
          grant_types: ['client_credentials'],
          scope: 'api:read',
        },
      ],
      scopes: ['api:read'],
    });
    const imported = await sandbox.importProfiles([
      { ...profile('good'), clientSecret: SECRET },
      { ...profile('wrong secret'), clientSecret: WRONG },
      { ...profile('bad url'), tokenUrl: 'javascript:alert(1)' },
    ]);
    expect(imported.stdout).toContain('imported "good"');
    expect(imported.stdout).toContain('imported "wrong secret"');
    // Named by number, name and UI label, never by schema path.
    expect(imported.stderr).toContain(
      'rejected: Profile 3 (“bad url”), Token Request URL: javascript: URLs are not allowed\n',
    );
    expect(imported.stderr).not.toContain('tokenUrl');
    expect(imported.code).toBe(2);
  });

  afterAll(async () => {
    await idp?.close();
  });

  it('prints help and exits 0', async () => {
    const res = await run(['--help']);
    expect(res.code).toBe(0);
    for (const command of ['profiles', 'test', 'demo']) expect(res.stdout).toContain(command);
  });

  it('exits 2 on a usage error', async () => {
    expect((await run(['frobnicate'])).code).toBe(2);
    expect((await run(['test'])).code).toBe(2);
    expect((await run(['test', 'good', '--timeout', 'soon'])).code).toBe(2);
    const missing = await run(['test', 'no such profile']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('No profile named "no such profile"');
  });

  it('lists the imported profiles with their status', async () => {
    const res = await run(['profiles', 'list', '--json']);
    expect(res.code).toBe(0);
    expect(JSON.parse(res.stdout).map((p: { name: string; status: string }) => [p.name, p.status])).toEqual([
      ['good', 'configured'],
      ['wrong secret', 'configured'],
    ]);
    const table = await run(['profiles', 'list']);
    expect(table.stdout).toMatch(/^NAME\s+AUTHORIZATION TYPE\s+STATUS\s+LAST TEST$/m);
    expect(table.stdout).toMatch(/^good\s+OAuth v2 client credentials\s+Configured\s+Never tested$/m);
    expect(JSON.parse(res.stdout)[0]).not.toHaveProperty('lastTest');
  });

  it('tests a profile against the IdP: exit 0 and a redacted TestRun on stdout', async () => {
    const har = join(sandbox.dir, 'run.har');
    const res = await run(['test', 'good', '--json', '--har', har]);
    expect(res.code).toBe(0);
    const testRun = JSON.parse(res.stdout);
    expect(testRun).toMatchObject({
      ok: true,
      profile: 'good',
      grantType: 'client_credentials',
      token: { tokenType: 'Bearer', hasRefreshToken: false },
    });
    const [exchange] = testRun.exchanges;
    expect(exchange.step).toBe('token');
    expect(exchange.request.headers.authorization).toBe('Basic [redacted]');
    expect(exchange.request.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(exchange.response.status).toBe(200);
    expect(JSON.parse(exchange.response.body).access_token).toBe('[redacted]');
    const harText = readFileSync(har, 'utf8');
    expect(JSON.parse(harText).log.entries[0].response.status).toBe(200);
    for (const text of [res.stdout, res.stderr, harText]) {
      expect(text).not.toContain(SECRET);
      expect(text).not.toContain(encodeURIComponent(SECRET));
    }
  });

  it("reports the IdP's invalid_client for a wrong secret, exit 1", async () => {
    const res = await run(['test', 'wrong secret', '--json']);
    expect(res.code).toBe(1);
    const testRun = JSON.parse(res.stdout);
    expect(testRun.ok).toBe(false);
    expect(testRun.error).toMatchObject({ code: 'oauth_error', oauthError: 'invalid_client', status: 401 });
    expect(testRun.error.diagnosis).toBeTruthy();
    expect(testRun.exchanges[0].response.status).toBe(401);
    expect(res.stdout).not.toContain(WRONG);
  });

  it('prints a readable verdict without --json', async () => {
    const res = await run(['test', 'wrong secret']);
    expect(res.code).toBe(1);
    expect(res.stdout).toMatch(/^FAIL {2}wrong secret/);
    expect(res.stdout).toMatch(/idp\s+invalid_client/);
    expect(res.stdout).toMatch(/try\s+Check the Client Secret/);
  });

  it("lists each profile's last Test: LAST TEST in the table, lastTest in --json", async () => {
    const json = await run(['profiles', 'list', '--json']);
    const rows = JSON.parse(json.stdout) as Array<{ name: string; lastTest?: Record<string, unknown> }>;
    const byName = Object.fromEntries(rows.map((r) => [r.name, r.lastTest]));
    expect(byName.good).toMatchObject({ ok: true, startedAt: expect.any(String), durationMs: expect.any(Number) });
    expect(byName.good).not.toHaveProperty('code');
    expect(byName['wrong secret']).toMatchObject({ ok: false, code: 'oauth_error', oauthError: 'invalid_client' });
    const table = await run(['profiles', 'list']);
    expect(table.stdout).toMatch(
      /^good\s+OAuth v2 client credentials\s+Configured\s+Passed · (just now|\d+ min ago)$/m,
    );
    expect(table.stdout).toMatch(/^wrong secret\s+.*\s+Failed · invalid_client · (just now|\d+ min ago)$/m);
  });

  it('exports without secrets, in a form that imports again', async () => {
    const res = await run(['profiles', 'export', '--all']);
    expect(res.code).toBe(0);
    const doc = JSON.parse(res.stdout);
    expect(doc.format).toBe('authbench.profiles/v1');
    expect(doc.profiles.map((p: { name: string }) => p.name)).toEqual(['good', 'wrong secret']);
    expect(doc.profiles[0]).toMatchObject(profile('good', { description: '' }));
    expect(doc.profiles[0]).toMatchObject({ tenancy: { enabled: false }, clientCertificate: { enabled: false } });
    expect(res.stdout).not.toMatch(/clientSecret|cli-Secret/);
  });

  it('exports secrets only with --include-secrets, and warns', async () => {
    const res = await run(['profiles', 'export', 'good', '--include-secrets']);
    expect(res.code).toBe(0);
    expect(JSON.parse(res.stdout).profiles[0].clientSecret).toBe(SECRET);
    expect(res.stderr).toMatch(/warning: the export contains secrets/);
  });

  it('keeps every secret out of the database file', () => {
    const bytes = ['authbench.db', 'authbench.db-wal']
      .map((f) => join(sandbox.dataDir, f))
      .filter(existsSync)
      .map((f) => readFileSync(f).toString('latin1'))
      .join('');
    expect(bytes).toContain('cli-client');
    expect(bytes).not.toContain(SECRET);
    expect(bytes).not.toContain(WRONG);
  });

  it('keeps a corrupt database aside, says so, and carries on with a clean one', async () => {
    const other = join(sandbox.dir, 'corrupt');
    mkdirSync(other);
    writeFileSync(join(other, 'authbench.db'), 'garbage '.repeat(1000));
    const res = await run(['--data-dir', other, 'profiles', 'list', '--json']);
    expect(res.code).toBe(0);
    expect(JSON.parse(res.stdout)).toEqual([]);
    expect(res.stderr).toMatch(
      /^warning: The database could not be read and was kept aside as .*authbench\.db\.corrupt-/m,
    );
  });

  it('exits 3 when the keychain cannot be reached, and says so; the list alone needs no keychain', async () => {
    const env = { DBUS_SESSION_BUS_ADDRESS: undefined, DISPLAY: undefined };
    // Presence comes from the database's ledger: listing works without the keychain.
    expect((await run(['profiles', 'list'], { env })).code).toBe(0);
    const res = await run(['profiles', 'list', '--check-keychain'], { env });
    expect(res.code).toBe(3);
    expect(res.stderr).toMatch(/^error \[keychain_unavailable\]: The OS keychain is not available/);
  });

  it('duplicates a profile, with its secrets only when asked', async () => {
    const bare = await run(['profiles', 'duplicate', 'good', 'good copy']);
    expect(bare).toMatchObject({
      code: 0,
      stdout: 'duplicated "good" as "good copy" (not configured: Client Secret is not set)\n',
    });
    const full = await run(['profiles', 'duplicate', 'good', 'good copy 2', '--with-secrets']);
    expect(full).toMatchObject({ code: 0, stdout: 'duplicated "good" as "good copy 2"\n' });
    expect(JSON.parse((await run(['test', 'good copy 2', '--json'])).stdout).ok).toBe(true);
    expect((await run(['profiles', 'duplicate', 'good', 'good'])).code).toBe(2);
    for (const n of ['good copy', 'good copy 2']) expect((await run(['profiles', 'delete', n, '--yes'])).code).toBe(0);
  });

  it('renames in one step with --delete-original: the copy takes the secrets, the original goes', async () => {
    const names = async () =>
      JSON.parse((await run(['profiles', 'list', '--json'])).stdout).map((p: { name: string }) => p.name);
    expect((await run(['profiles', 'duplicate', 'good', 'good temp', '--with-secrets'])).code).toBe(0);
    const taken = await run(['profiles', 'duplicate', 'good temp', 'good', '--with-secrets', '--delete-original']);
    expect(taken.code).toBe(2);
    expect(await names()).toContain('good temp');
    const moved = await run([
      'profiles',
      'duplicate',
      'good temp',
      'good renamed',
      '--with-secrets',
      '--delete-original',
    ]);
    expect(moved).toMatchObject({
      code: 0,
      stdout: 'duplicated "good temp" as "good renamed" and deleted the original\n',
    });
    expect(await names()).not.toContain('good temp');
    expect(JSON.parse((await run(['test', 'good renamed', '--json'])).stdout).ok).toBe(true);
    expect((await run(['profiles', 'delete', 'good renamed', '--yes'])).code).toBe(0);
  });

  it('deletes only with --yes, removing the keychain entries', async () => {
    const refused = await run(['profiles', 'delete', 'wrong secret']);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('cannot be undone');
    const before = (await createKeytarStore(sandbox.service).listAccounts()).length;
    const res = await run(['profiles', 'delete', 'wrong secret', '--yes']);
    expect(res.code).toBe(0);
    expect((await createKeytarStore(sandbox.service).listAccounts()).length).toBe(before - 1);
    expect(JSON.parse((await run(['profiles', 'list', '--json'])).stdout).map((p: { name: string }) => p.name)).toEqual(
      ['good'],
    );
  });

  it('imports a name in use as "Name (2)"; --replace drops the stored secret when the token host changes', async () => {
    const file = join(sandbox.dir, 'clash.json');
    const write = (entry: Record<string, unknown>) =>
      writeFileSync(file, JSON.stringify({ format: 'authbench.profiles/v1', profiles: [entry] }));
    write({ ...profile('clash'), clientSecret: SECRET });
    expect((await run(['profiles', 'import', file])).stdout).toBe('imported "clash"\n');
    const elsewhere = profile('clash', { tokenUrl: 'http://localhost:9/token' });
    write(elsewhere);
    const copied = await run(['profiles', 'import', file]);
    expect(copied).toMatchObject({ code: 0, stdout: 'imported "clash" as "clash (2)" (the name is in use)\n' });
    const list = async () =>
      Object.fromEntries(
        JSON.parse((await run(['profiles', 'list', '--json'])).stdout).map((p: { name: string; status: string }) => [
          p.name,
          p.status,
        ]),
      );
    expect(await list()).toMatchObject({ clash: 'configured', 'clash (2)': 'not_configured' });
    expect(JSON.parse((await run(['test', 'clash', '--json'])).stdout).ok).toBe(true);

    // Same host, another path: the secret stays.
    write(profile('clash', { tokenUrl: `${idp.tokenEndpoint}?v=2` }));
    expect((await run(['profiles', 'import', file, '--replace'])).stdout).toBe('replaced "clash"\n');
    expect((await list()).clash).toBe('configured');
    // Another host: replaced, and the secret stored for the old host is gone.
    write(elsewhere);
    const replaced = await run(['profiles', 'import', file, '--replace']);
    expect(replaced).toMatchObject({ code: 0, stdout: 'replaced "clash"\n' });
    expect(replaced.stderr).toContain('"clash" moved to another host: its stored secrets and token were deleted');
    expect((await list()).clash).toBe('not_configured');
    const exported = JSON.parse((await run(['profiles', 'export', 'clash', '--include-secrets'])).stdout);
    expect(exported.profiles[0]).toMatchObject({ tokenUrl: 'http://localhost:9/token' });
    expect(exported.profiles[0].clientSecret).toBeUndefined();
  });

  it('refuses an import file over 10 MB, and writes --out 0600 over an existing file', async () => {
    const huge = join(sandbox.dir, 'huge.json');
    writeFileSync(huge, Buffer.alloc(10 * 1024 * 1024 + 1, 0x20));
    const refused = await run(['profiles', 'import', huge]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('Authbench imports files of at most 10 MB');
    const out = join(sandbox.dir, 'existing.json');
    writeFileSync(out, 'old');
    chmodSync(out, 0o644);
    expect((await run(['profiles', 'export', 'good', '--include-secrets', '--out', out])).code).toBe(0);
    expect(statSync(out).mode & 0o777).toBe(0o600);
    expect(JSON.parse(readFileSync(out, 'utf8')).profiles[0].clientSecret).toBe(SECRET);
  });
});
