/**
 * `authbench test NAME --json` with a pushed authorization request (RFC 9126; docs/architecture.md, "Pushed
 * authorization requests"): the built bin in a child process, `$BROWSER` signing in with Chromium, a real
 * oidc-provider on loopback that requires PAR.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningIdp } from '../../src-main/demo/demo-idp';
import { browserCommand, cliNativeProfile, startCliNativeIdp, useCliSandbox } from '../helpers/cli';

describe('authbench test with a profile that pushes its authorization request', () => {
  let idp: RunningIdp;
  const { run, importProfiles } = useCliSandbox('authbench-cli-par-', {
    env: () => ({ BROWSER: browserCommand('browser-login-cli.mjs') }),
  });

  beforeAll(async () => {
    idp = await startCliNativeIdp({ requirePar: true });
    const imported = await importProfiles([
      cliNativeProfile(idp, 'par auto', { issuer: idp.issuer }),
      cliNativeProfile(idp, 'par never', { issuer: idp.issuer, pushedAuthorization: 'never' }),
    ]);
    expect(imported.code).toBe(0);
  });

  afterAll(async () => {
    await idp?.close();
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
