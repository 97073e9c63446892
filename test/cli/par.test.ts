/**
 * `authbench test NAME --json` with a pushed authorization request (RFC 9126; docs/architecture.md, "Pushed
 * authorization requests"): the built bin in a child process, `$BROWSER` signing in with Chromium, a real
 * oidc-provider on loopback that requires PAR.
 */
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startOidcIdp, type RunningIdp } from '../../src-main/demo/demo-idp';
import { cliNativeProfile, runCli } from '../helpers/cli';
import { clearKeychainService } from '../helpers/context';

const LOGIN_SCRIPT = resolve(__dirname, '../helpers/browser-login-cli.mjs');

describe('authbench test with a profile that pushes its authorization request', () => {
  let idp: RunningIdp;
  let dir: string;
  let dataDir: string;
  const service = `authbench-test-${randomUUID()}`;
  const run = (args: string[]) =>
    runCli(['--data-dir', dataDir, ...args], {
      ...process.env,
      AUTHBENCH_KEYCHAIN_SERVICE: service,
      BROWSER: `${process.execPath} ${LOGIN_SCRIPT} %s`,
    });

  beforeAll(async () => {
    expect(existsSync(join(__dirname, '../../out/main/cli.js')), 'run `npx electron-vite build` first').toBe(true);
    idp = await startOidcIdp({
      requirePar: true,
      clients: [
        {
          client_id: 'cli-native',
          token_endpoint_auth_method: 'none',
          grant_types: ['authorization_code', 'refresh_token'],
          redirect_uris: ['http://127.0.0.1/callback'],
          application_type: 'native',
          scope: 'openid offline_access',
        },
      ],
    });
    dir = mkdtempSync(join(tmpdir(), 'authbench-cli-par-'));
    dataDir = join(dir, 'data');
    const file = join(dir, 'profiles.json');
    const profiles = [
      cliNativeProfile(idp, 'par auto', { issuer: idp.issuer }),
      cliNativeProfile(idp, 'par never', { issuer: idp.issuer, pushedAuthorization: 'never' }),
    ];
    writeFileSync(file, JSON.stringify({ format: 'authbench.profiles/v1', profiles }));
    const imported = await run(['profiles', 'import', file]);
    expect(imported.code).toBe(0);
  });

  afterAll(async () => {
    await idp?.close();
    await clearKeychainService(service);
    rmSync(dir, { recursive: true, force: true });
  });

  it('shows the par step (201, request_uri) before the authorization in --json', async () => {
    const res = await run(['test', 'par auto', '--json']);
    expect(res.code).toBe(0);
    const testRun = JSON.parse(res.stdout);
    expect(testRun.ok).toBe(true);
    const steps = testRun.exchanges.map((e: { step: string }) => e.step);
    expect(steps.slice(0, 5)).toEqual(['discovery', 'par', 'authorize', 'callback', 'token']);
    const par = testRun.exchanges[1];
    expect(par.request).toMatchObject({ method: 'POST', url: `${idp.issuer}/request` });
    expect(par.response.status).toBe(201);
    expect(JSON.parse(par.response.body).request_uri).toMatch(/^urn:ietf:params:oauth:request_uri:/);
    expect([...new URL(testRun.exchanges[2].request.url).searchParams.keys()]).toEqual(['client_id', 'request_uri']);
  });

  it('prints the push as a progress line and the par exchange in the verdict without --json', async () => {
    const res = await run(['test', 'par auto']);
    expect(res.code).toBe(0);
    expect(res.stderr).toMatch(/… Pushing the authorization request to 127\.0\.0\.1:\d+\n/);
    expect(res.stderr).toMatch(
      /… Pushed the authorization request \(RFC 9126\); its request_uri expires in \d+ s, at /,
    );
    expect(res.stdout).toMatch(/\[par\] +POST http:\/\/127\.0\.0\.1:\d+\/request -> 201/);
  });

  it('authbench discover names the PAR endpoint and says the IdP requires it', async () => {
    const res = await run(['discover', idp.issuer]);
    expect(res.code).toBe(0);
    expect(res.stdout).toMatch(new RegExp(`^PAR endpoint: +${idp.issuer}/request \\(required\\)$`, 'm'));
  });

  it('exits 1 with the lint warning and the PAR diagnosis when the profile says Never', async () => {
    const res = await run(['test', 'par never', '--json']);
    expect(res.code).toBe(1);
    const testRun = JSON.parse(res.stdout);
    expect(testRun.exchanges.map((e: { step: string }) => e.step)).not.toContain('par');
    expect(testRun.warnings.join('\n')).toMatch(/requires pushed authorization requests/);
    expect(testRun.error).toMatchObject({
      oauthError: 'invalid_request',
      diagnosis: expect.stringMatching(/RFC 9126 §5/),
      variant: { overrides: { pushedAuthorization: 'always' } },
    });
  });

  it('prints the variant as a --set option, and that option pushes and passes', async () => {
    const failed = await run(['test', 'par never']);
    expect(failed.code).toBe(1);
    expect(failed.stdout).toMatch(/^ +variant +--set pushedAuthorization=always$/m);
    const res = await run(['test', 'par never', '--json', '--set', 'pushedAuthorization=always']);
    expect(res.code).toBe(0);
    const testRun = JSON.parse(res.stdout);
    expect(testRun.overrides).toEqual({ pushedAuthorization: 'always' });
    expect(testRun.exchanges.map((e: { step: string }) => e.step).slice(0, 5)).toEqual([
      'discovery',
      'par',
      'authorize',
      'callback',
      'token',
    ]);
  });
});
