/**
 * `authbench test NAME` for a device-code profile (RFC 8628; docs/architecture.md, "The CLI"): the built bin in a
 * child process, `$BROWSER` pointing at a script that approves the user code with Chromium, a real oidc-provider
 * with its deviceFlow on loopback. Polling runs at the real 5 s interval.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEVICE_GRANT, startOidcIdp, type RunningIdp } from '../../src-main/demo/demo-idp';
import { browserCommand, useCliSandbox } from '../helpers/cli';

describe('authbench test with a device-code profile', () => {
  let idp: RunningIdp;
  const sandbox = useCliSandbox('authbench-cli-device-');
  const run = (args: string[], browser: string) => sandbox.run(args, { env: { BROWSER: browser } });

  beforeAll(async () => {
    idp = await startOidcIdp({
      clients: [{ client_id: 'tv-cli', grant_types: [DEVICE_GRANT], scope: 'openid' }],
    });
    const profile = {
      grantType: 'device_code',
      name: 'tv',
      identityProviderName: 'oidc-provider',
      clientId: 'tv-cli',
      clientAuthMethod: 'none',
      deviceAuthorizationUrl: `${idp.issuer}/device/auth`,
      tokenUrl: idp.tokenEndpoint,
      scopes: [{ key: 'scope', value: 'openid' }],
    };
    const imported = await sandbox.importProfiles([profile], { env: { BROWSER: 'false' } });
    expect(imported.code).toBe(0);
  });

  afterAll(async () => {
    await idp?.close();
  });

  it('prints the user code and URL on stderr, approves through $BROWSER, exits 0 with --json', async () => {
    const res = await run(['test', 'tv', '--json'], browserCommand('device-login-cli.mjs'));
    expect(res.stderr).not.toContain('device-login-cli');
    expect(res.code).toBe(0);
    const testRun = JSON.parse(res.stdout);
    expect(testRun).toMatchObject({ ok: true, grantType: 'device_code', token: { tokenType: 'Bearer' } });
    expect(testRun.exchanges[0].step).toBe('device_authorization');
    expect(testRun.exchanges.at(-1).step).toBe('token');
    expect(testRun.polls.count).toBeGreaterThanOrEqual(1);
    const code = /User code: ([B-DF-HJ-NP-TV-XZ]{4}-[B-DF-HJ-NP-TV-XZ]{4})\n/.exec(res.stderr)?.[1];
    expect(code, res.stderr).toBeDefined();
    expect(res.stderr).toContain(`Enter it at: ${idp.issuer}/device\n`);
    expect(res.stderr).toContain(`Or open: ${idp.issuer}/device?user_code=${code}\n`);
    expect(res.stderr).toMatch(/Waiting for approval \(polling every 5 s, expires in (9:\d\d|10:00)\)/);
    // The device code is a secret: [redacted] on stdout, never printed.
    expect(JSON.parse(testRun.exchanges[0].response.body).device_code).toBe('[redacted]');
  }, 60_000);

  it('exits 1 with access_denied when the person aborts', async () => {
    const res = await run(['test', 'tv'], browserCommand('device-login-cli.mjs', '--abort'));
    expect(res.code).toBe(1);
    expect(res.stdout).toContain('access_denied');
    expect(res.stderr).toContain('User code: ');
  }, 60_000);
});
