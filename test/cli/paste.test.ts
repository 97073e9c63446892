/**
 * `authbench test NAME --paste` (docs/architecture.md, "The CLI"): the built bin in a child process with no
 * usable browser, a real oidc-provider on loopback; the test plays the user: it reads the authorization URL
 * from stderr, signs in with Chromium stopped at the redirect (the loopback never reached), and writes the
 * URL the browser ended at to the CLI's stdin.
 */
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchLoginBrowser, type LoginBrowser } from '../helpers/browser-login';
import { BIN, runCli } from '../helpers/cli';
import { clearKeychainService } from '../helpers/context';
import { startOidcIdp, type RunningIdp } from '../../src-main/demo/demo-idp';

describe('authbench test --paste', () => {
  let idp: RunningIdp;
  let login: LoginBrowser;
  let dir: string;
  let dataDir: string;
  let browserMarker: string;
  const service = `authbench-test-${randomUUID()}`;
  /** No browser here: $BROWSER is a command that only leaves a mark, and there is no display for the OS opener. */
  const env = () => {
    const { DISPLAY: _d, WAYLAND_DISPLAY: _w, ...rest } = process.env;
    return { ...rest, AUTHBENCH_KEYCHAIN_SERVICE: service, BROWSER: `touch ${browserMarker}` };
  };

  beforeAll(async () => {
    expect(existsSync(join(__dirname, '../../out/main/cli.js')), 'run `npx electron-vite build` first').toBe(true);
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
    dir = mkdtempSync(join(tmpdir(), 'authbench-cli-paste-'));
    dataDir = join(dir, 'data');
    browserMarker = join(dir, 'browser-was-started');
    const file = join(dir, 'profiles.json');
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
    writeFileSync(file, JSON.stringify({ format: 'authbench.profiles/v1', profiles: [profile] }));
    const imported = await runCli(['--data-dir', dataDir, 'profiles', 'import', file], env());
    expect(imported.code).toBe(0);
  });

  afterAll(async () => {
    await login?.close();
    await idp?.close();
    await clearKeychainService(service);
    rmSync(dir, { recursive: true, force: true });
  });

  it('prints the URL, opens no browser, and completes with the redirected URL read from stdin', async () => {
    const child = spawn(process.execPath, [BIN, '--data-dir', dataDir, 'test', 'paste', '--paste', '--json'], {
      env: env(),
      stdio: ['pipe', 'pipe', 'pipe'],
    });
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
    child.stdin.write(`${elsewhere}\n`);
    child.stdin.end(`${callbackUrl}\n`);
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
    expect(existsSync(browserMarker)).toBe(false);
  });

  it('cancels the Test when stdin ends before a redirected URL was accepted', async () => {
    const res = await runCli(['--data-dir', dataDir, 'test', 'paste', '--paste', '--json'], env(), 'not a url\n');
    expect(res.code).toBe(1);
    expect(JSON.parse(res.stdout).error).toMatchObject({ code: 'cancelled' });
    expect(res.stderr).toContain('That is not a URL');
    expect(res.stderr).toContain('Standard input ended before a redirected URL was accepted; the Test is cancelled');
    expect(existsSync(browserMarker)).toBe(false);
  });

  it('shows its progress without a line about opening a browser, which it does not do', async () => {
    const res = await runCli(['--data-dir', dataDir, 'test', 'paste', '--paste'], env(), 'not a url\n');
    expect(res.code).toBe(1);
    expect(res.stderr).toContain('… Testing paste');
    expect(res.stderr).toContain('Sign in at this URL in any browser:');
    expect(res.stderr).not.toContain('Opening the browser');
    expect(existsSync(browserMarker)).toBe(false);
  });

  it('refuses --paste with --password-stdin (both read stdin)', async () => {
    const res = await runCli(['--data-dir', dataDir, 'test', 'paste', '--paste', '--password-stdin'], env(), '');
    expect(res.code).toBe(2);
    expect(res.stderr).toContain('--paste reads the redirected URL from standard input');
  });
});
