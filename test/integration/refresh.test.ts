/**
 * Refresh (RFC 6749 §6, docs/security.md, "OAuth defences") against a real oidc-provider: rotation, client authentication on
 * the refresh call, an expired refresh token (short TTL) marked unusable, and Kore's auto-refresh
 * regeneration with the profile's own grant. Tokens come from a real sign-in in Chromium.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Envelope } from '../../src-shared/errors';
import type { ProfileInput } from '../../src-shared/profile';
import type { TestRun, TokenState } from '../../src-shared/test-run';
import { startOidcIdp, type RunningIdp } from '../../src-main/demo/demo-idp';
import { launchLoginBrowser, type LoginBrowser } from '../helpers/browser-login';
import { makeTestContext, type TestContext } from '../helpers/context';

const SECRET = 'refresh client secret: spaces & %+';
const SHORT_TTL_S = 2;
const clients = [
  {
    client_id: 'native-app',
    token_endpoint_auth_method: 'none' as const,
    grant_types: ['authorization_code', 'refresh_token'],
    redirect_uris: ['http://127.0.0.1/callback'],
    application_type: 'native' as const,
    scope: 'openid offline_access',
  },
  {
    client_id: 'web-app',
    client_secret: SECRET,
    token_endpoint_auth_method: 'client_secret_basic' as const,
    grant_types: ['authorization_code', 'refresh_token'],
    redirect_uris: ['http://127.0.0.1/callback'],
    application_type: 'native' as const,
    scope: 'openid',
  },
  { client_id: 'service', client_secret: SECRET, grant_types: ['client_credentials'], scope: 'api:read' },
];

describe('stored tokens and refresh against oidc-provider', () => {
  let idp: RunningIdp;
  let shortIdp: RunningIdp;
  let browser: LoginBrowser;
  let ctx: TestContext;
  const refreshed: { profileId: string; token: TokenState }[] = [];
  const call = <T = TestRun>(channel: string, payload: unknown) =>
    ctx.router.handle(channel, payload) as Promise<Envelope<T>>;
  const value = <T>(envelope: Envelope<T>): T => {
    if (!envelope.ok) throw new Error(`${envelope.error.code}: ${envelope.error.message}`);
    return envelope.value;
  };

  beforeAll(async () => {
    [idp, shortIdp] = await Promise.all([
      startOidcIdp({ clients, scopes: ['api:read'] }),
      startOidcIdp({ clients, scopes: ['api:read'], refreshTokenTtlSeconds: SHORT_TTL_S }),
    ]);
    browser = await launchLoginBrowser();
    ctx = makeTestContext({ openBrowser: browser.opener().open });
    ctx.events.on('token:refreshed', (e) => refreshed.push(e));
  });

  afterAll(async () => {
    await ctx?.dispose();
    await browser?.close();
    await Promise.all([idp?.close(), shortIdp?.close()]);
  });

  let counter = 0;
  /** Creates an auth-code profile on `on` and signs in once (through Chromium), so a refresh token is held. */
  async function signedIn(
    on: RunningIdp,
    fields: Partial<Extract<ProfileInput, { grantType: 'authorization_code' }>> = {},
    secret?: string,
  ) {
    const profile = await ctx.profiles.create(
      {
        grantType: 'authorization_code',
        name: `refresh ${++counter}`,
        identityProviderName: 'oidc-provider',
        clientId: 'native-app',
        clientAuthMethod: 'none',
        authorizationUrl: `${on.issuer}/auth`,
        tokenUrl: on.tokenEndpoint,
        scopes: [{ key: 'scope', value: 'openid offline_access' }],
        ...fields,
      },
      secret ? { clientSecret: secret } : {},
    );
    const run = await ctx.tests.run(profile.id, { authorizationTimeoutMs: 60_000 });
    expect(run.error).toBeUndefined();
    expect(run.token?.hasRefreshToken).toBe(true);
    return profile;
  }

  const refreshTokenOf = async (profileId: string) => (await ctx.tests.tokens.load(profileId))?.refreshToken;
  const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

  it('tokens:get shows what is held (never the tokens); tokens:forget removes it; bad input is refused', async () => {
    const profile = await signedIn(idp);
    const stored = (await ctx.tests.tokens.load(profile.id))!;
    const held = value(await call<TokenState | null>('tokens:get', { profileId: profile.id }));
    expect(held).toMatchObject({
      tokenType: 'Bearer',
      hasRefreshToken: true,
      usable: true,
      obtainedAt: expect.any(String),
      expiresAt: expect.any(String),
    });
    for (const secret of [stored.accessToken, stored.refreshToken!]) expect(JSON.stringify(held)).not.toContain(secret);

    expect(await call('tokens:forget', { profileId: profile.id })).toEqual({ ok: true, value: { forgotten: true } });
    expect(await call('tokens:get', { profileId: profile.id })).toEqual({ ok: true, value: null });
    expect(await call('tokens:forget', { profileId: profile.id })).toEqual({ ok: true, value: { forgotten: false } });
    expect(await call('tokens:refresh', { profileId: profile.id })).toMatchObject({
      ok: false,
      error: { code: 'not_found' },
    });
    expect(await call('tokens:get', { profileId: 'not-a-uuid' })).toMatchObject({
      ok: false,
      error: { code: 'invalid_request' },
    });
    expect(await call('tokens:get', { profileId: profile.id, extra: 1 })).toMatchObject({
      ok: false,
      error: { code: 'invalid_request' },
    });
    expect(await call('tokens:forget', { profileId: crypto.randomUUID() })).toMatchObject({
      ok: false,
      error: { code: 'not_found' },
    });
    expect(await call('tokens:refresh', { profileId: crypto.randomUUID() })).toMatchObject({
      ok: false,
      error: { code: 'not_found' },
    });
  });

  it('refreshes with the stored refresh token; the rotated one replaces it and the old one is dead', async () => {
    const profile = await signedIn(idp);
    const old = (await refreshTokenOf(profile.id))!;
    refreshed.length = 0;

    const run = value(await call('tokens:refresh', { profileId: profile.id }));
    expect(run.ok).toBe(true);
    expect(run.exchanges.map((e) => e.step)).toEqual(['refresh']);
    const form = new URLSearchParams(run.exchanges[0]!.request.body!);
    expect(Object.fromEntries(form)).toEqual({
      grant_type: 'refresh_token',
      refresh_token: '[redacted]',
      client_id: 'native-app',
    });
    expect(run.exchanges[0]!.request.url).toBe(idp.tokenEndpoint);
    expect(run.token).toMatchObject({ tokenType: 'Bearer', hasRefreshToken: true });

    const rotated = (await refreshTokenOf(profile.id))!;
    expect(rotated).toBeTruthy();
    expect(rotated).not.toBe(old);
    expect(JSON.stringify(run)).not.toContain(old);
    expect(JSON.stringify(run)).not.toContain(rotated);
    expect(refreshed).toEqual([
      { profileId: profile.id, token: expect.objectContaining({ hasRefreshToken: true, usable: true }) },
    ]);
    expect(value(await call<TokenState>('tokens:get', { profileId: profile.id }))).toMatchObject({
      usable: true,
      hasRefreshToken: true,
    });

    // The rotated token refreshes again; the old one is refused by the IdP.
    expect(value(await call('tokens:refresh', { profileId: profile.id })).ok).toBe(true);
    const reuse = await fetch(idp.tokenEndpoint, {
      method: 'POST',
      body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: old, client_id: 'native-app' }),
    });
    expect(reuse.status).toBe(400);
    expect(((await reuse.json()) as { error: string }).error).toBe('invalid_grant');
  });

  it('authenticates the client on the refresh call, and sends extra headers only with "apply to refresh"', async () => {
    const fields = {
      clientId: 'web-app',
      clientAuthMethod: 'client_secret_basic' as const,
      scopes: [{ key: 'scope', value: 'openid' }],
      requestHeaders: [{ key: 'X-Trace', value: 'authbench' }],
    };
    const profile = await signedIn(idp, fields, SECRET);
    const without = value(await call('tokens:refresh', { profileId: profile.id }));
    expect(without.ok).toBe(true);
    expect(without.exchanges[0]!.request.headers.authorization).toBe('Basic [redacted]');
    expect(without.exchanges[0]!.request.headers).not.toHaveProperty('x-trace');

    const {
      id,
      createdAt: _c,
      updatedAt: _u,
      secrets: _s,
      status: _st,
      statusReasons: _r,
      lastTest: _l,
      tokenExpiry: _e,
      ...input
    } = await ctx.profiles.get(profile.id);
    await ctx.profiles.update(id, { ...input, applyHeadersToRefresh: true });
    const withHeaders = value(await call('tokens:refresh', { profileId: profile.id }));
    expect(withHeaders.ok).toBe(true);
    expect(withHeaders.exchanges[0]!.request.headers['x-trace']).toBe('authbench');
    expect(JSON.stringify([without, withHeaders])).not.toContain(SECRET);
  });

  it('uses the Refresh Token URL when one is set', async () => {
    const profile = await signedIn(idp, { refreshTokenUrl: `${idp.issuer}/refresh-elsewhere` });
    const run = value(await call('tokens:refresh', { profileId: profile.id }));
    expect(run.exchanges[0]!.request.url).toBe(`${idp.issuer}/refresh-elsewhere`);
    expect(run.error).toMatchObject({ code: 'http_error', status: 404 });
    expect(value(await call<TokenState>('tokens:get', { profileId: profile.id })).usable).toBe(true);
  });

  it('marks the token unusable when an expired refresh token gets invalid_grant', async () => {
    const profile = await signedIn(shortIdp);
    await sleep(SHORT_TTL_S * 1000 + 500);
    refreshed.length = 0;
    const run = value(await call('tokens:refresh', { profileId: profile.id }));
    expect(run.ok).toBe(false);
    expect(run.exchanges.map((e) => e.step)).toEqual(['refresh']);
    expect(run.error).toMatchObject({ code: 'oauth_error', oauthError: 'invalid_grant', status: 400 });
    expect(run.error?.diagnosis).toMatch(/expired, revoked, or was already used/);
    expect(value(await call<TokenState>('tokens:get', { profileId: profile.id }))).toMatchObject({ usable: false });
    expect(refreshed).toEqual([]);
  });

  it('regenerates the token with the original grant after invalid_grant, with auto-refresh consent (pre-authorize)', async () => {
    const profile = await signedIn(shortIdp, { authorizationMode: 'pre_authorize', autoRefresh: true });
    const old = await refreshTokenOf(profile.id);
    await sleep(SHORT_TTL_S * 1000 + 500);
    refreshed.length = 0;
    const run = value(await call('tokens:refresh', { profileId: profile.id }));
    expect(run.error).toBeUndefined();
    expect(run.exchanges.map((e) => [e.step, e.response?.status ?? null])).toEqual([
      ['refresh', 400],
      ['authorize', null],
      ['callback', 200],
      ['token', 200],
    ]);
    const state = value(await call<TokenState>('tokens:get', { profileId: profile.id }));
    expect(state).toMatchObject({ usable: true, hasRefreshToken: true });
    expect(await refreshTokenOf(profile.id)).not.toBe(old);
    expect(refreshed).toEqual([{ profileId: profile.id, token: expect.objectContaining({ usable: true }) }]);
  });

  it('regenerates a client-credentials token (no user needed) only with auto-refresh consent', async () => {
    const base = {
      grantType: 'client_credentials',
      identityProviderName: 'oidc-provider',
      clientId: 'service',
      tokenUrl: idp.tokenEndpoint,
      scopes: [{ key: 'scope', value: 'api:read' }],
    };
    const consenting = await ctx.profiles.create(
      { ...base, name: 'cc auto-refresh', autoRefresh: true },
      { clientSecret: SECRET },
    );
    const run = value(await call('tokens:refresh', { profileId: consenting.id }));
    expect(run.ok).toBe(true);
    expect(run.exchanges.map((e) => e.step)).toEqual(['token']);
    expect(value(await call<TokenState>('tokens:get', { profileId: consenting.id }))).toMatchObject({
      usable: true,
      hasRefreshToken: false,
    });

    const plain = await ctx.profiles.create({ ...base, name: 'cc no consent' }, { clientSecret: SECRET });
    expect(await call('tokens:refresh', { profileId: plain.id })).toMatchObject({
      ok: false,
      error: { code: 'not_found', message: expect.stringMatching(/holds no refresh token/) },
    });
  });
});
