/** The embedded demo IdP and its three profiles: the "try it now" path of the CLI and the app's default data. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoIdp, type DemoIdp } from '../../src-main/demo/demo-idp';
import { chromium } from 'playwright-core';
import {
  DEMO_BROWSER_PROFILE_NAME,
  DEMO_DEVICE_PROFILE_NAME,
  DEMO_DPOP_PROFILE_NAME,
  DEMO_JWT_PROFILE_NAME,
  DEMO_PAR_PROFILE_NAME,
  DEMO_EXCHANGE_PROFILE_NAME,
  DEMO_PROFILE_NAME,
  ensureDemoProfile,
} from '../../src-main/demo/demo-profile';
import { realSleep } from '../../src-main/services/device-progress';
import { CHROMIUM, CHROMIUM_ARGS } from '../helpers/browser-login';
import { approveDevice } from '../helpers/device-login-cli.mjs';
import { launchLoginBrowser, type LoginBrowser } from '../helpers/browser-login';
import { makeTestContext, type TestContext } from '../helpers/context';

describe('demo IdP', () => {
  let demo: DemoIdp;
  let browser: LoginBrowser;
  let ctx: TestContext;
  let open: (url: string) => Promise<void> = async () => {};

  beforeAll(async () => {
    [demo, browser] = await Promise.all([startDemoIdp(), launchLoginBrowser()]);
  });
  afterAll(async () => {
    await ctx?.dispose();
    await browser?.close();
    await demo?.idp.close();
  });

  it('creates the demo profiles, configured, and the first two pass their Test', async () => {
    const opener = browser.opener();
    open = opener.open;
    ctx = makeTestContext({ openBrowser: (url) => open(url) });
    const machine = await ensureDemoProfile(ctx.profiles, demo);
    expect(machine).toMatchObject({ name: DEMO_PROFILE_NAME, status: 'configured' });
    const signIn = await ctx.profiles.getByName(DEMO_BROWSER_PROFILE_NAME);
    expect(signIn).toMatchObject({
      grantType: 'authorization_code',
      status: 'configured',
      pkce: { enabled: true, method: 'S256' },
    });

    const machineRun = await ctx.tests.run(machine.id);
    expect(machineRun).toMatchObject({
      ok: true,
      token: { tokenType: 'Bearer', claims: { client_id: 'authbench-demo' } },
    });
    // The token exchange demo profile trades the access token (a JWT) the client-credentials one now holds (RFC 8693).
    const exchange = await ctx.profiles.getByName(DEMO_EXCHANGE_PROFILE_NAME);
    expect(exchange).toMatchObject({ grantType: 'token_exchange', status: 'configured' });
    const exchangeRun = await ctx.tests.run(exchange.id);
    expect(exchangeRun.error).toBeUndefined();
    expect(exchangeRun.token?.issuedTokenType).toBe('urn:ietf:params:oauth:token-type:access_token');
    // The private_key_jwt demo profile signs its client assertion with the key the IdP started with.
    const jwt = await ctx.profiles.getByName(DEMO_JWT_PROFILE_NAME);
    expect(jwt).toMatchObject({ clientAuthMethod: 'private_key_jwt', status: 'configured' });
    const jwtRun = await ctx.tests.run(jwt.id);
    expect(jwtRun.error).toBeUndefined();
    expect(jwtRun.exchanges.at(-1)!.request.assertions![0]!.header).toMatchObject({ alg: 'ES256', kid: 'demo-1' });
    // The DPoP demo profile gets a token bound to its key (RFC 9449): token_type DPoP, cnf.jkt its thumbprint.
    const dpop = await ctx.profiles.getByName(DEMO_DPOP_PROFILE_NAME);
    const dpopRun = await ctx.tests.run(dpop.id);
    expect(dpopRun.error).toBeUndefined();
    expect(dpopRun.token?.tokenType).toBe('DPoP');
    const proof = dpopRun.exchanges.find((e) => e.step === 'token')!.request.dpopProof!;
    expect((dpopRun.token?.claims?.cnf as { jkt?: string }).jkt).toBe(proof.jkt);
    const browserRun = await ctx.tests.run(signIn.id, { authorizationTimeoutMs: 60_000 });
    expect(browserRun.error).toBeUndefined();
    expect(browserRun).toMatchObject({ ok: true, token: { tokenType: 'Bearer', hasRefreshToken: true } });
    // The sign-in profile names its Issuer: the Test reads the demo IdP's metadata first and finds it agrees.
    // Then its ID token is verified against the JWKS the metadata names: every check passes or does not apply.
    expect(browserRun.exchanges.map((e) => e.step)).toEqual([
      'discovery',
      'authorize',
      'callback',
      'token',
      'discovery',
    ]);
    expect(browserRun.token?.verification?.idToken?.filter((c) => c.result === 'fail')).toEqual([]);
    expect(browserRun.token?.verification?.idToken?.[0]).toMatchObject({ check: 'signature', result: 'pass' });
    expect(browserRun.warnings ?? []).toEqual([]);
    // The PAR demo profile pushes its authorization request first (RFC 9126): the browser gets a request_uri.
    const par = await ctx.profiles.getByName(DEMO_PAR_PROFILE_NAME);
    const parRun = await ctx.tests.run(par.id, { authorizationTimeoutMs: 60_000 });
    expect(parRun.error).toBeUndefined();
    expect(parRun.exchanges.map((e) => e.step)).toEqual([
      'discovery',
      'par',
      'authorize',
      'callback',
      'token',
      'discovery',
    ]);
    expect(parRun.exchanges[1]!.response?.status).toBe(201);
    expect(new URL(parRun.exchanges[2]!.request.url).searchParams.get('request_uri')).toMatch(
      /^urn:ietf:params:oauth:request_uri:/,
    );
  });

  it('points existing demo profiles at a restarted IdP instead of duplicating them', async () => {
    const again = await startDemoIdp();
    try {
      await ensureDemoProfile(ctx.profiles, again);
      const names = (await ctx.profiles.list()).map((p) => p.name).sort();
      expect(names).toEqual(
        [
          DEMO_PROFILE_NAME,
          DEMO_BROWSER_PROFILE_NAME,
          DEMO_DEVICE_PROFILE_NAME,
          DEMO_JWT_PROFILE_NAME,
          DEMO_EXCHANGE_PROFILE_NAME,
          DEMO_DPOP_PROFILE_NAME,
          DEMO_PAR_PROFILE_NAME,
        ].sort(),
      );
      expect((await ctx.profiles.getByName(DEMO_DEVICE_PROFILE_NAME)).tokenUrl).toBe(`${again.idp.issuer}/token`);
      expect((await ctx.profiles.getByName(DEMO_BROWSER_PROFILE_NAME)).tokenUrl).toBe(`${again.idp.issuer}/token`);
      expect((await ctx.tests.run((await ctx.profiles.getByName(DEMO_PROFILE_NAME)).id)).ok).toBe(true);
    } finally {
      await again.idp.close();
    }
  });

  it('the device-code demo profile passes its Test once the code is approved, and agrees with the metadata', async () => {
    await ensureDemoProfile(ctx.profiles, demo); // back at the running IdP after the restart above
    const device = await ctx.profiles.getByName(DEMO_DEVICE_PROFILE_NAME);
    expect(device).toMatchObject({ grantType: 'device_code', status: 'configured', clientAuthMethod: 'none' });
    const approver = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    const pages: Promise<string>[] = [];
    open = async (url) => void pages.push(approver.newPage().then((page) => approveDevice(page, url)));
    try {
      const run = await ctx.tests.run(device.id, { sleep: (ms, signal) => realSleep(ms / 20, signal) });
      expect(await pages[0]).toContain('Device approved');
      expect(run.error).toBeUndefined();
      expect(run).toMatchObject({ ok: true, token: { tokenType: 'Bearer', hasRefreshToken: true } });
      expect(run.exchanges[0]!.step).toBe('discovery');
      expect(run.exchanges[1]!.step).toBe('device_authorization');
      // The metadata lists the device grant and endpoint the profile uses: no lint warning.
      expect(run.warnings ?? []).toEqual([]);
    } finally {
      await approver.close();
    }
  }, 60_000);
});
