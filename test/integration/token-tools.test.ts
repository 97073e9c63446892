/**
 * Token tools (docs/architecture.md, "Token tools") against a real oidc-provider: introspection (RFC 7662),
 * revocation (RFC 7009) and UserInfo (OIDC Core §5.3) on the held token of a profile signed in through Chromium,
 * over the `tokens:*` channels; the stored runs hold no token value; failures are diagnosed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Envelope } from '../../src-shared/errors';
import type { ProfileInput } from '../../src-shared/profile';
import type { TestRun, TokenState } from '../../src-shared/test-run';
import { startOidcIdp, type RunningIdp } from '../../src-main/demo/demo-idp';
import { launchLoginBrowser, type LoginBrowser } from '../helpers/browser-login';
import { makeTestContext, type TestContext } from '../helpers/context';

const SECRET = 'token tools client secret: spaces & %+';
const clients = [
  {
    client_id: 'web-app',
    client_secret: SECRET,
    token_endpoint_auth_method: 'client_secret_basic' as const,
    grant_types: ['authorization_code', 'refresh_token'],
    redirect_uris: ['http://127.0.0.1/callback'],
    application_type: 'native' as const,
    scope: 'openid offline_access',
  },
  { client_id: 'service', client_secret: SECRET, grant_types: ['client_credentials'], scope: 'api:read' },
];

describe('token tools against oidc-provider', () => {
  let idp: RunningIdp;
  let browser: LoginBrowser;
  let ctx: TestContext;
  const call = <T = TestRun>(channel: string, payload: unknown) =>
    ctx.router.handle(channel, payload) as Promise<Envelope<T>>;
  const value = <T>(envelope: Envelope<T>): T => {
    if (!envelope.ok) throw new Error(`${envelope.error.code}: ${envelope.error.message}`);
    return envelope.value;
  };
  const urls = () => ({
    introspectionUrl: `${idp.issuer}/token/introspection`,
    revocationUrl: `${idp.issuer}/token/revocation`,
    userinfoUrl: `${idp.issuer}/me`,
  });

  beforeAll(async () => {
    idp = await startOidcIdp({ clients, scopes: ['api:read'] });
    browser = await launchLoginBrowser();
    ctx = makeTestContext({ openBrowser: browser.opener().open });
  });

  afterAll(async () => {
    await ctx?.dispose();
    await browser?.close();
    await idp?.close();
  });

  let counter = 0;
  /** An auth-code profile of `web-app` signed in once through Chromium: an opaque access token and a refresh token held. */
  async function signedIn(fields: Partial<Extract<ProfileInput, { grantType: 'authorization_code' }>> = {}) {
    const profile = await ctx.profiles.create(
      {
        grantType: 'authorization_code',
        name: `tools ${++counter}`,
        identityProviderName: 'oidc-provider',
        clientId: 'web-app',
        clientAuthMethod: 'client_secret_basic',
        authorizationUrl: `${idp.issuer}/auth`,
        tokenUrl: idp.tokenEndpoint,
        scopes: [{ key: 'scope', value: 'openid offline_access' }],
        ...urls(),
        ...fields,
      },
      { clientSecret: SECRET },
    );
    const run = await ctx.tests.run(profile.id, { authorizationTimeoutMs: 60_000 });
    expect(run.error).toBeUndefined();
    expect(run.token?.hasRefreshToken).toBe(true);
    const held = (await ctx.tests.tokens.load(profile.id))!;
    return { profile, secrets: [held.accessToken, held.refreshToken!, SECRET] };
  }

  /** The run as returned and as stored contain none of `secrets`. */
  const noSecrets = (run: TestRun, secrets: string[]) => {
    const stored = JSON.stringify(ctx.runs.get(run.id));
    for (const s of secrets) {
      expect(JSON.stringify(run)).not.toContain(s);
      expect(stored).not.toContain(s);
    }
  };

  it('introspects the held access token and refresh token (active), calls UserInfo, then revokes: inactive', async () => {
    const { profile, secrets } = await signedIn();
    const profileId = profile.id;

    const active = value(await call('tokens:introspect', { profileId }));
    expect(active.ok).toBe(true);
    expect(active.exchanges.map((e) => e.step)).toEqual(['introspection']);
    const request = active.exchanges[0]!.request;
    expect(request.method).toBe('POST');
    expect(request.url).toBe(urls().introspectionUrl);
    expect(request.headers.authorization).toBe('Basic [redacted]');
    expect(Object.fromEntries(new URLSearchParams(request.body!))).toEqual({
      token: '[redacted]',
      token_type_hint: 'access_token',
    });
    expect(active.tool).toMatchObject({ tool: 'introspect', which: 'access_token', active: true, clientId: 'web-app' });
    expect(active.tool?.sub).toEqual(expect.any(String));
    expect(active.tool?.exp).toBeGreaterThan(Date.now() / 1000);
    expect(active.tool?.scope).toContain('openid');
    noSecrets(active, secrets);

    const refresh = value(await call('tokens:introspect', { profileId, which: 'refresh_token' }));
    expect(refresh.tool).toMatchObject({ which: 'refresh_token', active: true });
    expect(new URLSearchParams(refresh.exchanges[0]!.request.body!).get('token_type_hint')).toBe('refresh_token');
    noSecrets(refresh, secrets);

    const info = value(await call('tokens:userinfo', { profileId }));
    expect(info.ok).toBe(true);
    expect(info.exchanges[0]!.step).toBe('userinfo');
    expect(info.exchanges[0]!.request).toMatchObject({ method: 'GET', url: urls().userinfoUrl, body: null });
    expect(info.exchanges[0]!.request.headers.authorization).toBe('Bearer [redacted]');
    expect(info.tool?.claims).toEqual({ sub: active.tool?.sub });
    noSecrets(info, secrets);

    const revoked = value(await call('tokens:revoke', { profileId }));
    expect(revoked.ok).toBe(true);
    expect(revoked.exchanges[0]!.step).toBe('revocation');
    expect(revoked.exchanges[0]!.response?.status).toBe(200);
    expect(revoked.tool).toMatchObject({ tool: 'revoke', revoked: true, heldToken: 'marked_unusable' });
    expect(revoked.warnings?.join(' ')).toContain('marked unusable');
    noSecrets(revoked, secrets);
    expect(value(await call<TokenState>('tokens:get', { profileId })).usable).toBe(false);

    const after = value(await call('tokens:introspect', { profileId }));
    expect(after.ok).toBe(true);
    expect(after.tool).toMatchObject({ active: false });

    // The stored history holds each tool run, newest first, all redacted.
    const history = ctx.runs.list(profileId);
    expect(history.slice(0, 5).map((r) => r.exchanges[0]?.step)).toEqual([
      'introspection',
      'revocation',
      'userinfo',
      'introspection',
      'introspection',
    ]);
    for (const s of secrets) expect(JSON.stringify(history)).not.toContain(s);
  });

  it('a wrong client secret is a failed run diagnosed as invalid_client, without the token or either secret', async () => {
    const { profile, secrets } = await signedIn();
    const WRONG = 'a wrong secret, long enough to be masked';
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
    await ctx.profiles.update(id, input, { clientSecret: WRONG });
    const run = value(await call('tokens:introspect', { profileId: id }));
    expect(run.ok).toBe(false);
    expect(run.error).toMatchObject({ code: 'oauth_error', oauthError: 'invalid_client', status: 401 });
    expect(run.error?.diagnosis).toContain('client credentials');
    noSecrets(run, [...secrets, WRONG]);
  });

  it('a JWT access token is unsupported_token_type at oidc-provider, with its own diagnosis', async () => {
    const profile = await ctx.profiles.create(
      {
        grantType: 'client_credentials',
        name: 'tools service',
        identityProviderName: 'oidc-provider',
        clientId: 'service',
        tokenUrl: idp.tokenEndpoint,
        scopes: [{ key: 'scope', value: 'api:read' }],
        ...urls(),
      },
      { clientSecret: SECRET },
    );
    expect((await ctx.tests.run(profile.id)).ok).toBe(true);
    const token = (await ctx.tests.tokens.load(profile.id))!.accessToken;
    expect(token.split('.')).toHaveLength(3);
    const run = value(await call('tokens:revoke', { profileId: profile.id }));
    expect(run.ok).toBe(false);
    expect(run.error).toMatchObject({ oauthError: 'unsupported_token_type' });
    expect(run.error?.diagnosis).toContain('unsupported_token_type');
    expect(run.tool).toEqual({ tool: 'revoke', which: 'access_token' });
    expect(value(await call<TokenState>('tokens:get', { profileId: profile.id })).usable).toBe(true);
    noSecrets(run, [token, SECRET]);
  });

  it('refuses before any request: a missing URL names the field, no token held, unknown which', async () => {
    const { profile } = await signedIn({ userinfoUrl: undefined });
    const before = ctx.runs.list(profile.id).length;
    const missing = await call('tokens:userinfo', { profileId: profile.id });
    expect(missing).toMatchObject({
      ok: false,
      error: { code: 'invalid_request', details: { issues: [{ path: 'userinfoUrl' }] } },
    });
    expect(!missing.ok && missing.error.message).toContain('UserInfo URL');
    expect(ctx.runs.list(profile.id)).toHaveLength(before);

    await ctx.tests.forgetToken(profile.id);
    expect(await call('tokens:introspect', { profileId: profile.id })).toMatchObject({
      ok: false,
      error: { code: 'not_found' },
    });
    expect(await call('tokens:revoke', { profileId: profile.id, which: 'id_token' })).toMatchObject({
      ok: false,
      error: { code: 'invalid_request' },
    });
  });
});
