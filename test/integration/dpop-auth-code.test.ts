/**
 * DPoP (RFC 9449) on a signed-in token: a pre-authorize authorization-code profile signs in through Chromium and
 * gets a DPoP token bound to its key; Refresh now sends a proof (§5, public client: the refresh token is bound too);
 * the next Test uses the held token because the key is the same, and signs in again once the key is replaced
 * (held-token.ts); the check call and UserInfo (token tools) present it as `DPoP` with a proof carrying `ath`.
 */
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestRun } from '../../src-shared/test-run';
import { startOidcIdp, type RunningIdp } from '../../src-main/demo/demo-idp';
import { storedKeyThumbprint } from '../../src-main/oauth/dpop-key';
import { launchLoginBrowser, type LoginBrowser } from '../helpers/browser-login';
import { makeTestContext, type TestContext } from '../helpers/context';

const SECRET = 'dpop auth code client secret 0123';
const steps = (run: TestRun) => run.exchanges.map((e) => e.step);
const ath = (token: string) => createHash('sha256').update(token).digest('base64url');

describe('DPoP on a signed-in authorization-code token', () => {
  let idp: RunningIdp;
  let browser: LoginBrowser;
  let ctx: TestContext;

  beforeAll(async () => {
    idp = await startOidcIdp({
      clients: [
        {
          client_id: 'native-app',
          client_secret: SECRET,
          token_endpoint_auth_method: 'client_secret_basic',
          grant_types: ['authorization_code', 'refresh_token'],
          redirect_uris: ['http://127.0.0.1/callback'],
          application_type: 'native',
          scope: 'openid offline_access',
        },
      ],
    });
    browser = await launchLoginBrowser();
    ctx = makeTestContext({ openBrowser: browser.opener().open });
  });

  afterAll(async () => {
    await ctx?.dispose();
    await browser?.close();
    await idp?.close();
  });

  it('binds, refreshes, reuses with the same key, signs in again with a new key; check and UserInfo send DPoP', async () => {
    const profile = await ctx.profiles.create(
      {
        grantType: 'authorization_code',
        name: 'dpop auth code',
        identityProviderName: 'oidc-provider',
        clientId: 'native-app',
        clientAuthMethod: 'client_secret_basic',
        authorizationUrl: `${idp.issuer}/auth`,
        tokenUrl: idp.tokenEndpoint,
        issuer: idp.issuer,
        checkUrl: `${idp.issuer}/me`,
        userinfoUrl: `${idp.issuer}/me`,
        introspectionUrl: `${idp.issuer}/token/introspection`,
        scopes: [{ key: 'scope', value: 'openid offline_access' }],
        authorizationMode: 'pre_authorize',
        dpop: { enabled: true, alg: 'ES256' },
      },
      { clientSecret: SECRET },
    );
    const run = (signIn = false) => ctx.tests.run(profile.id, { authorizationTimeoutMs: 60_000, signIn });

    const first = await run();
    expect(first.error).toBeUndefined();
    expect(first.token?.tokenType).toBe('DPoP');
    expect(steps(first)).toEqual(['discovery', 'authorize', 'callback', 'token', 'check', 'discovery']);
    const thumbprint = await storedKeyThumbprint(await ctx.profiles.readSecret(profile.id, 'dpopPrivateKey'));
    const held = (await ctx.tests.tokens.load(profile.id))!;
    expect(held.dpopJkt).toBe(thumbprint);
    expect(first.exchanges.find((e) => e.step === 'token')!.request.dpopProof!.jkt).toBe(thumbprint);
    // The check call presents the token as DPoP (the default Authorization field) with a proof bound to it.
    const check = first.exchanges.find((e) => e.step === 'check')!;
    expect(check.response?.status).toBe(200);
    expect(check.request.headers.authorization).toBe('DPoP [redacted]');
    expect(check.request.dpopProof?.claims).toMatchObject({
      htm: 'GET',
      htu: `${idp.issuer}/me`,
      ath: ath(held.accessToken),
    });
    // No proof where RFC 9449 sends none: the authorization request and discovery.
    for (const e of first.exchanges.filter((x) => x.step !== 'token' && x.step !== 'check'))
      expect(e.request.dpopProof).toBeUndefined();

    const refreshed = await ctx.tests.refreshNow(profile.id);
    expect(refreshed.error).toBeUndefined();
    const refresh = refreshed.exchanges.find((e) => e.step === 'refresh')!;
    expect(refresh.request.dpopProof?.claims).toMatchObject({ htm: 'POST', htu: idp.tokenEndpoint });
    expect(refresh.request.dpopProof?.jkt).toBe(thumbprint);
    expect(refreshed.token?.tokenType).toBe('DPoP');
    const afterRefresh = (await ctx.tests.tokens.load(profile.id))!;
    expect(afterRefresh.accessToken).not.toBe(held.accessToken);
    expect(afterRefresh.dpopJkt).toBe(thumbprint);
    expect((await ctx.tests.tokenState(profile.id))?.dpopJkt).toBe(thumbprint);

    // Same key: the held token is used, no sign-in.
    const second = await run();
    expect(second.error).toBeUndefined();
    expect(second.tokenSource).toBe('held');
    expect(steps(second)).toEqual(['discovery', 'check']);

    // UserInfo through the token tools: DPoP scheme and a proof with ath of the held token.
    const userinfo = await ctx.router.handle('tokens:userinfo', { profileId: profile.id });
    expect(userinfo.ok).toBe(true);
    const tool = (userinfo as { value: TestRun }).value;
    expect(tool.error).toBeUndefined();
    const call = tool.exchanges[0]!;
    expect(call.request.headers.authorization).toBe('DPoP [redacted]');
    expect(call.request.dpopProof?.claims).toMatchObject({ htm: 'GET', ath: ath(afterRefresh.accessToken) });
    expect(JSON.stringify(tool)).not.toContain(afterRefresh.accessToken);

    // Introspection (no proof: RFC 9449 sends none there) shows the token's cnf.jkt = the key's thumbprint (§6.2).
    const introspected = await ctx.router.handle('tokens:introspect', { profileId: profile.id });
    const found = (introspected as { value: TestRun }).value;
    expect(found.error).toBeUndefined();
    expect(found.tool).toMatchObject({ active: true, cnfJkt: thumbprint, heldJkt: thumbprint });
    expect(found.exchanges[0]!.request.dpopProof).toBeUndefined();
    expect(found.warnings ?? []).toEqual([]);

    // A new key (the old one deleted): the held token is bound to the old key, so the Test signs in again.
    await ctx.profiles.update(
      profile.id,
      (({ id, createdAt, updatedAt, secrets, status, statusReasons, lastTest, tokenExpiry, ...rest }) => {
        void [id, createdAt, updatedAt, secrets, status, statusReasons, lastTest, tokenExpiry];
        return rest;
      })(await ctx.profiles.get(profile.id)),
      { dpopPrivateKey: null },
    );
    const third = await run();
    expect(third.error).toBeUndefined();
    expect(third.tokenSource).toBe('signed_in');
    expect(third.tokenSourceReason).toMatch(/another DPoP key/);
    const newThumbprint = await storedKeyThumbprint(await ctx.profiles.readSecret(profile.id, 'dpopPrivateKey'));
    expect(newThumbprint).not.toBe(thumbprint);
    expect((await ctx.tests.tokens.load(profile.id))!.dpopJkt).toBe(newThumbprint);
  });
});
