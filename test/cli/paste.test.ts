/**
 * `authbench test NAME --paste` (docs/architecture.md, "The CLI"): the built bin in a child process with no
 * usable browser, a real oidc-provider on loopback; the test plays the user: it reads the authorization URL
 * from stderr, signs in with Chromium stopped at the redirect (the loopback never reached), and writes the
 * URL the browser ended at to the CLI's stdin.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchLoginBrowser, type LoginBrowser } from '../helpers/browser-login';
import { useCliSandbox } from '../helpers/cli';
import { startOidcIdp, type RunningIdp } from '../../src-main/demo/demo-idp';

describe('authbench test --paste', () => {
  let idp: RunningIdp;
  let login: LoginBrowser;
  /** No browser here: $BROWSER is a command that only leaves a mark, and there is no display for the OS opener. */
  const sandbox = useCliSandbox('authbench-cli-paste-', {
    env: () => ({ DISPLAY: undefined, WAYLAND_DISPLAY: undefined, BROWSER: `touch ${browserMarker()}` }),
  });
  const { run, spawn, importProfiles } = sandbox;
  const browserMarker = () => join(sandbox.dir, 'browser-was-started');

  beforeAll(async () => {
    idp = await startOidcIdp({
      clients: [
        {
          client_id: 'cli-paste',
          token_endpoint_auth_method: 'none',
          grant_types: ['authorization_code'],
          redirect_uris: ['http://127.0.0.1/callback'],
          application_type: 'native',
          scope: 'openid',
        },
      ],
    });
    login = await launchLoginBrowser();
    const profile = {
      grantType: 'authorization_code',
      name: 'paste',
      identityProviderName: 'oidc-provider',
      clientId: 'cli-paste',
      clientAuthMethod: 'none',
      authorizationUrl: `${idp.issuer}/auth`,
      tokenUrl: idp.tokenEndpoint,
      scopes: [{ key: 'scope', value: 'openid' }],
    };
    const imported = await importProfiles([profile]);
    expect(imported.code).toBe(0);
  });

  afterAll(async () => {
    await login?.close();
    await idp?.close();
  });

  it('prints the URL, opens no browser, and completes with the redirected URL read from stdin', async () => {
    const child = spawn(['test', 'paste', '--paste', '--json'], { pipeStdin: true });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c) => (stdout += c));
    const printed = new Promise<string>((ok) =>
      child.stderr.on('data', (c) => {
        stderr += c;
        const match = /Sign in at this URL in any browser:\n {2}(\S+)\n/.exec(stderr);
        if (match && stderr.includes('press Enter')) ok(match[1]!);
      }),
    );
    const code = new Promise<number | null>((ok) => child.on('close', ok));
    const url = await printed;
    const redirectUri = new URL(url).searchParams.get('redirect_uri')!;
    expect(stderr).toContain(`(it starts with ${redirectUri})`);

    const { callbackUrl } = await login.signIn(url, { login: 'cli-user', capture: true });
    const secretCode = new URL(callbackUrl).searchParams.get('code')!;
    expect(secretCode).toBeTruthy();
    const elsewhere = new URL(callbackUrl);
    elsewhere.pathname = '/elsewhere';
    // A wrong line first: refused with a message, and the CLI reads on.
    child.stdin!.write(`${elsewhere}\n`);
    child.stdin!.end(`${callbackUrl}\n`);
    expect(await code).toBe(0);

    const testRun = JSON.parse(stdout);
    expect(testRun).toMatchObject({ ok: true, token: { tokenType: 'Bearer' } });
    expect(testRun.exchanges.map((e: { step: string }) => e.step)).toEqual(['authorize', 'callback', 'token']);
    expect(testRun.exchanges[1].request).toMatchObject({ method: 'GET', headers: {} });
    expect(new URL(testRun.exchanges[1].request.url).searchParams.get('code')).toBe('[redacted]');
    expect(stderr).toContain(
      `That URL is not this sign-in’s redirect URI: paste the address that starts with ${redirectUri}`,
    );
    expect(stderr).toContain('Authbench received the authorization response and is exchanging the code.');
    expect(stderr + stdout).not.toContain(secretCode);
    expect(stderr).not.toContain('opening your browser');
    expect(existsSync(browserMarker())).toBe(false);
  });

  it('cancels the Test when stdin ends before a redirected URL was accepted', async () => {
    const res = await run(['test', 'paste', '--paste', '--json'], { stdin: 'not a url\n' });
    expect(res.code).toBe(1);
    expect(JSON.parse(res.stdout).error).toMatchObject({ code: 'cancelled' });
    expect(res.stderr).toContain('That is not a URL');
    expect(res.stderr).toContain('Standard input ended before a redirected URL was accepted; the Test is cancelled');
    expect(existsSync(browserMarker())).toBe(false);
  });

  it('shows its progress without a line about opening a browser, which it does not do', async () => {
    const res = await run(['test', 'paste', '--paste'], { stdin: 'not a url\n' });
    expect(res.code).toBe(1);
    expect(res.stderr).toContain('… Testing paste');
    expect(res.stderr).toContain('Sign in at this URL in any browser:');
    expect(res.stderr).not.toContain('Opening the browser');
    expect(existsSync(browserMarker())).toBe(false);
  });

  it('refuses --paste with --password-stdin (both read stdin)', async () => {
    const res = await run(['test', 'paste', '--paste', '--password-stdin'], { stdin: '' });
    expect(res.code).toBe(2);
    expect(res.stderr).toContain('--paste reads the redirected URL from standard input');
  });
});
