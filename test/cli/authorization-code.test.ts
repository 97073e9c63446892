/**
 * `authbench test NAME` for an authorization-code profile (docs/architecture.md, "The CLI"): the built bin in a child process,
 * `$BROWSER` pointing at a script that signs in with Chromium, a real oidc-provider on loopback.
 */
import { chmodSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchLoginBrowser } from '../helpers/browser-login';
import { browserCommand, cliNativeProfile, startCliNativeIdp, useCliSandbox } from '../helpers/cli';
import type { RunningIdp } from '../../src-main/demo/demo-idp';

describe('authbench test with an authorization-code profile', () => {
  let idp: RunningIdp;
  const sandbox = useCliSandbox('authbench-cli-ac-');
  const run = (args: string[], browser: string) => sandbox.run(args, { env: { BROWSER: browser } });
  const signIn = browserCommand('browser-login-cli.mjs');

  beforeAll(async () => {
    idp = await startCliNativeIdp();
    const imported = await sandbox.importProfiles([cliNativeProfile(idp, 'sign in')], { env: { BROWSER: signIn } });
    expect(imported.stdout).toContain('imported "sign in"');
    expect(imported.code).toBe(0);
  });

  afterAll(async () => {
    await idp?.close();
  });

  it('signs in through $BROWSER: exit 0, ok true, the authorization URL printed on stderr', async () => {
    const res = await run(['test', 'sign in', '--json'], signIn);
    // The browser's own output is not the CLI's to print.
    expect(res.stderr).not.toContain('browser-login-cli');
    expect(res.code).toBe(0);
    const testRun = JSON.parse(res.stdout);
    expect(testRun).toMatchObject({
      ok: true,
      profile: 'sign in',
      grantType: 'authorization_code',
      token: { tokenType: 'Bearer', hasRefreshToken: true },
    });
    expect(testRun.exchanges.map((e: { step: string }) => e.step)).toEqual(['authorize', 'callback', 'token']);
    const authorizeUrl: string = testRun.exchanges[0].request.url;
    expect(res.stderr).toContain(`Sign in at this URL (opening your browser):\n  ${authorizeUrl}\n`);
    expect(new URL(authorizeUrl).searchParams.get('code_challenge_method')).toBe('S256');
    const callbackUrl = new URL(testRun.exchanges[1].request.url);
    expect(callbackUrl.searchParams.get('code')).toBe('[redacted]');
    // The callback URL (it carries the code) is never printed.
    expect(res.stderr).not.toContain('/callback?');
    expect(new URLSearchParams(testRun.exchanges[2].request.body).get('code_verifier')).toBe('[redacted]');
  });

  it('shows the steps on stderr and a verdict on stdout without --json', async () => {
    const res = await run(['test', 'sign in'], signIn);
    expect(res.code).toBe(0);
    expect(res.stdout).toMatch(/^PASS {2}sign in/);
    expect(res.stdout).toMatch(/\[authorize\] GET http:\/\/127\.0\.0\.1:\d+\/auth\?\S+ -> opened in the browser/);
    expect(res.stdout).toMatch(/\[callback\] GET http:\/\/127\.0\.0\.1:\d+\/callback\?code=\[redacted\]\S* -> 200 OK/);
    for (const line of ['… Opening the browser…', '… Waiting for you to sign in (5 min)…', '… Exchanging the code…'])
      expect(res.stderr).toContain(line);
  });

  it('exits 1 with access_denied when the user cancels at the IdP', async () => {
    const res = await run(['test', 'sign in', '--json'], browserCommand('browser-login-cli.mjs', '--cancel'));
    expect(res.code).toBe(1);
    const testRun = JSON.parse(res.stdout);
    expect(testRun.error).toMatchObject({ code: 'oauth_error', oauthError: 'access_denied' });
    expect(testRun.exchanges.map((e: { step: string }) => e.step)).toEqual(['authorize', 'callback']);
  });

  it('says once that $BROWSER failed, not what the command printed, and completes when the URL is visited', async () => {
    const failing = join(sandbox.dir, 'fail-browser.sh');
    writeFileSync(
      failing,
      `#!/bin/sh\necho "xdg-open: no method available for opening '$1'" >&2\necho "fail-browser: second line" >&2\nexit 3\n`,
    );
    chmodSync(failing, 0o755);
    const login = await launchLoginBrowser();
    try {
      const child = sandbox.spawn(['test', 'sign in', '--json'], { env: { BROWSER: failing } });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (c) => (stdout += c));
      const reported = new Promise<string>((ok) =>
        child.stderr.on('data', (c) => {
          stderr += c;
          if (stderr.includes('Could not open a browser')) ok(/opening your browser\):\n {2}(\S+)\n/.exec(stderr)![1]!);
        }),
      );
      const code = new Promise<number | null>((ok) => child.on('close', ok));
      const url = await reported;
      // The user opens the printed URL in a browser of their own.
      const page = await login.signIn(url);
      expect(page.status).toBe(200);
      expect(await code).toBe(0);

      const lines = stderr.split('\n');
      expect(lines.filter((l) => l.includes('Could not open a browser'))).toEqual([
        'Could not open a browser (fail-browser.sh exited 3): open the URL above to sign in.',
      ]);
      expect(stderr).not.toContain('no method available');
      expect(stderr).not.toContain('second line');
      const testRun = JSON.parse(stdout);
      expect(testRun).toMatchObject({ ok: true, token: { tokenType: 'Bearer' } });
      expect(testRun.exchanges[0].request.url).toBe(url);
    } finally {
      await login.close();
    }
  });
});
