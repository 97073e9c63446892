/**
 * `authbench test NAME --curl FILE --bundle FILE` as scripts run it: the built bin in a child process, a real data
 * dir, the real keychain under a throwaway service and a real oidc-provider on loopback. Both files are written
 * 0600 (also over a wider existing file), for a passing and a failing Test, and hold no secret.
 */
import { chmodSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startOidcIdp, type RunningIdp } from '../../src-main/demo/demo-idp';
import { useCliSandbox } from '../helpers/cli';

const SECRET = 'cli-export Secret & $HOME %+:';
const WRONG = 'cli-export wrong secret';

describe('authbench test --curl --bundle', () => {
  let idp: RunningIdp;
  const sandbox = useCliSandbox('authbench-cli-exports-');
  const { run: cli } = sandbox;
  const mode = (path: string) => statSync(path).mode & 0o777;

  beforeAll(async () => {
    idp = await startOidcIdp({
      clients: [
        {
          client_id: 'cli-export',
          client_secret: SECRET,
          token_endpoint_auth_method: 'client_secret_basic',
          grant_types: ['client_credentials'],
          scope: 'api:read',
        },
      ],
      scopes: ['api:read'],
    });
    const profile = (name: string, clientSecret: string) => ({
      name,
      grantType: 'client_credentials',
      identityProviderName: 'oidc-provider',
      clientId: 'cli-export',
      clientAuthMethod: 'client_secret_basic',
      tokenUrl: idp.tokenEndpoint,
      scopes: [{ key: 'scope', value: 'api:read' }],
      clientSecret,
    });
    expect((await sandbox.importProfiles([profile('good', SECRET), profile('bad', WRONG)])).code).toBe(0);
  });
  afterAll(async () => {
    await idp?.close();
  });

  it('writes a cURL script and a support bundle of a passing Test, 0600 over a wider existing file', async () => {
    const curl = join(sandbox.dir, 'good.sh');
    const bundle = join(sandbox.dir, 'good.json');
    writeFileSync(curl, 'old');
    chmodSync(curl, 0o644);
    const res = await cli(['test', 'good', '--json', '--curl', curl, '--bundle', bundle]);
    expect(res.code).toBe(0);
    const run = JSON.parse(res.stdout);
    expect([mode(curl), mode(bundle)]).toEqual([0o600, 0o600]);

    const script = readFileSync(curl, 'utf8');
    expect(script).toMatch(/^#!\/bin\/sh\n/);
    expect(script).toContain(`--user 'cli-export:'"$CLIENT_SECRET"`);
    expect(script).toContain(`--url '${idp.tokenEndpoint}'`);
    const parsed = JSON.parse(readFileSync(bundle, 'utf8'));
    expect(parsed).toMatchObject({
      format: 'authbench.support-bundle/v1',
      os: { platform: process.platform },
      profile: { name: 'good', clientId: 'cli-export', tokenUrl: idp.tokenEndpoint },
      run: { id: run.id, ok: true },
    });
    expect(parsed.profile).not.toHaveProperty('clientSecret');
    for (const text of [script, JSON.stringify(parsed), res.stdout, res.stderr]) {
      expect(text).not.toContain(SECRET);
      expect(text).not.toContain(encodeURIComponent(SECRET));
      expect(text).not.toContain(Buffer.from(`cli-export:${encodeURIComponent(SECRET)}`).toString('base64'));
    }
  });

  it('writes them for a failing Test too (exit 1): the bundle carries the IdP error', async () => {
    const curl = join(sandbox.dir, 'bad.sh');
    const bundle = join(sandbox.dir, 'bad.json');
    const har = join(sandbox.dir, 'bad.har');
    const res = await cli(['test', 'bad', '--curl', curl, '--bundle', bundle, '--har', har]);
    expect(res.code).toBe(1);
    expect([mode(curl), mode(bundle), mode(har)]).toEqual([0o600, 0o600, 0o600]);
    const parsed = JSON.parse(readFileSync(bundle, 'utf8'));
    expect(parsed.run).toMatchObject({ ok: false, error: { oauthError: 'invalid_client', status: 401 } });
    for (const file of [curl, bundle, har]) expect(readFileSync(file, 'utf8')).not.toContain(WRONG);
  });
});
