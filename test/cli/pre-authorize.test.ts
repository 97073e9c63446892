/**
 * `authbench test NAME` for a pre-authorize authorization-code profile (docs/architecture.md, "Held tokens"):
 * the first Test signs in through `$BROWSER`, the next uses the held token and says so (and that nothing was
 * sent), `--sign-in` signs in again. The built bin in a child process, a real oidc-provider on loopback.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserCommand, cliNativeProfile, startCliNativeIdp, useCliSandbox } from '../helpers/cli';
import type { RunningIdp } from '../../src-main/demo/demo-idp';

const SIGN_IN_PROMPT = 'Sign in at this URL (opening your browser)';

describe('authbench test with a pre-authorize authorization-code profile', () => {
  let idp: RunningIdp;
  const { run, importProfiles } = useCliSandbox('authbench-cli-pre-', {
    env: () => ({ BROWSER: browserCommand('browser-login-cli.mjs') }),
  });
  const steps = (stdout: string) =>
    (JSON.parse(stdout) as { exchanges: { step: string }[] }).exchanges.map((e) => e.step);

  beforeAll(async () => {
    idp = await startCliNativeIdp();
    const base = cliNativeProfile(idp, 'once', { authorizationMode: 'pre_authorize' });
    const profiles = [
      { ...base, name: 'once' },
      { ...base, name: 'once checked', checkUrl: `${idp.issuer}/me` },
      { ...base, name: 'every time', authorizationMode: 'user' },
    ];
    expect((await importProfiles(profiles)).code).toBe(0);
  });

  afterAll(async () => {
    await idp?.close();
  });

  it('signs in once, then uses the held token and says that nothing was sent; --sign-in signs in again', async () => {
    const first = await run(['test', 'once', '--json']);
    expect(first.code).toBe(0);
    expect(steps(first.stdout)).toEqual(['authorize', 'callback', 'token']);
    expect(JSON.parse(first.stdout)).toMatchObject({
      tokenSource: 'signed_in',
      tokenSourceReason: 'No token was held for this profile, so it signed in',
    });
    expect(first.stderr).toContain(SIGN_IN_PROMPT);

    const second = await run(['test', 'once']);
    expect(second.code).toBe(0);
    expect(second.stderr).not.toContain(SIGN_IN_PROMPT);
    expect(second.stderr).toContain('… Using the held token: no sign-in needed');
    const lines = second.stdout.split('\n');
    expect(lines[0]).toMatch(/^PASS {2}once \(authorization_code\)/);
    expect(lines[1]).toMatch(
      /^ {2}source {4}Used the held token — no sign-in needed\. The held token is valid until \S+Z \(\d+ min left\)\. Nothing was sent: the profile has no Authorization Check URL to call with the token\.$/,
    );
    expect(second.stdout).toMatch(/token {5}Bearer, expires in \d+ s, scope "openid", refresh token held/);

    const json = await run(['test', 'once', '--json']);
    expect(JSON.parse(json.stdout)).toMatchObject({ ok: true, exchanges: [], tokenSource: 'held' });

    const again = await run(['test', 'once', '--sign-in']);
    expect(again.code).toBe(0);
    expect(again.stderr).toContain('… Sign in again was asked for: signing in through the browser\n');
    expect(again.stderr).toContain(SIGN_IN_PROMPT);
    expect(again.stdout).toMatch(/\[authorize\] GET \S+ -> opened in the browser/);
    expect(again.stdout).toContain(
      '  source    A person signed in for a new token. Sign in again was asked for, so it signed in.\n',
    );
  });

  it('calls the Authorization Check URL with the held token, and shows it under the source line', async () => {
    expect((await run(['test', 'once checked'])).code).toBe(0);
    const held = await run(['test', 'once checked']);
    expect(held.code).toBe(0);
    expect(held.stderr).not.toContain(SIGN_IN_PROMPT);
    const lines = held.stdout.split('\n');
    expect(lines[1]).toMatch(/^ {2}\[check\] {3}GET http:\/\/127\.0\.0\.1:\d+\/me -> 200 OK/);
    expect(lines[2]).toMatch(/^ {2}source {4}Used the held token — no sign-in needed\. The held token is valid until/);
    expect(held.stdout).not.toContain('Nothing was sent');
  });

  it('says that --sign-in changes nothing for a profile that does not keep its token, and signs in as always', async () => {
    const res = await run(['test', 'every time', '--sign-in']);
    expect(res.code).toBe(0);
    expect(res.stderr).toContain(
      'Note: --sign-in changes nothing here: "every time" does not keep its token between Tests (only an authorization-code profile in Pre-authorize mode does), so this Test obtains a new one anyway',
    );
    expect(res.stderr).toContain(SIGN_IN_PROMPT);
  });
});
