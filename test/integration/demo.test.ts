/** The embedded demo IdP and its two profiles: the "try it now" path of the CLI and the app's default data. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoIdp, type DemoIdp } from '../../src-main/demo/demo-idp';
import {
  DEMO_BROWSER_PROFILE_NAME,
  DEMO_JWT_PROFILE_NAME,
  DEMO_PROFILE_NAME,
  ensureDemoProfile,
} from '../../src-main/demo/demo-profile';
import { launchLoginBrowser, type LoginBrowser } from '../helpers/browser-login';
import { makeTestContext, type TestContext } from '../helpers/context';

describe('demo IdP', () => {
  let demo: DemoIdp;
  let browser: LoginBrowser;
  let ctx: TestContext;

  beforeAll(async () => {
    [demo, browser] = await Promise.all([startDemoIdp(), launchLoginBrowser()]);
  });
  afterAll(async () => {
    await ctx?.dispose();
    await browser?.close();
    await demo?.idp.close();
  });

  it('creates both demo profiles, configured, and both pass their Test', async () => {
    const opener = browser.opener();
    ctx = makeTestContext({ openBrowser: opener.open });
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
    // The private_key_jwt demo profile signs its client assertion with the key the IdP started with.
    const jwt = await ctx.profiles.getByName(DEMO_JWT_PROFILE_NAME);
    expect(jwt).toMatchObject({ clientAuthMethod: 'private_key_jwt', status: 'configured' });
    const jwtRun = await ctx.tests.run(jwt.id);
    expect(jwtRun.error).toBeUndefined();
    expect(jwtRun.exchanges.at(-1)!.request.assertions![0]!.header).toMatchObject({ alg: 'ES256', kid: 'demo-1' });
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
  });

  it('points existing demo profiles at a restarted IdP instead of duplicating them', async () => {
    const again = await startDemoIdp();
    try {
      await ensureDemoProfile(ctx.profiles, again);
      const names = (await ctx.profiles.list()).map((p) => p.name).sort();
      expect(names).toEqual([DEMO_PROFILE_NAME, DEMO_BROWSER_PROFILE_NAME, DEMO_JWT_PROFILE_NAME].sort());
      expect((await ctx.profiles.getByName(DEMO_BROWSER_PROFILE_NAME)).tokenUrl).toBe(`${again.idp.issuer}/token`);
      expect((await ctx.tests.run((await ctx.profiles.getByName(DEMO_PROFILE_NAME)).id)).ok).toBe(true);
    } finally {
      await again.idp.close();
    }
  });
});
