/**
 * The diagnosis corpus, continued (see diagnosis-corpus.test.ts): misconfigurations of the authorization-code
 * flow, refresh, tenancy, TLS, the check URL and discovery, each a real Test against a real IdP on loopback
 * (oidc-provider with Chromium signing in, @node-oauth/oauth2-server over TLS) that asserts the classification
 * and that the diagnosis, hint or warning names the cause.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Envelope } from '../../src-shared/errors';
import type { ProfileInput, SecretsPatch } from '../../src-shared/profile';
import type { TestRun } from '../../src-shared/test-run';
import { startOidcIdp, type RunningIdp } from '../../src-main/demo/demo-idp';
import { challengeFor } from '../../src-main/oauth/pkce';
import { launchLoginBrowser, type LoginBrowser } from '../helpers/browser-login';
import { makeTestContext, type TestContext } from '../helpers/context';
import { startPasswordIdp, type PasswordIdp, type PasswordIdpOptions } from '../helpers/password-idp';
import { makeTlsFixtures, type TlsFixtures } from '../helpers/tls-fixtures';

const SECRET = 'corpus-flows-Secret-1';
const PASSWORD = 'corpus-flows-password-2';
const SHORT_TTL_S = 2;
const native = {
  token_endpoint_auth_method: 'none' as const,
  grant_types: ['authorization_code', 'refresh_token'],
  application_type: 'native' as const,
  scope: 'openid offline_access',
};
const clients = [
  { ...native, client_id: 'native-app', redirect_uris: ['http://127.0.0.1/callback'] },
  { ...native, client_id: 'elsewhere-app', redirect_uris: ['http://127.0.0.1/other-callback'] },
  {
    client_id: 'web-app',
    client_secret: SECRET,
    token_endpoint_auth_method: 'client_secret_basic' as const,
    grant_types: ['authorization_code'],
    redirect_uris: ['http://127.0.0.1/callback'],
    application_type: 'native' as const,
    scope: 'openid',
  },
];

let oidc: RunningIdp;
let shortOidc: RunningIdp;
let browser: LoginBrowser;
let ctx: TestContext;
let n = 0;
/** Every value that must never reach a run: secrets, and the codes and tokens the IdPs issued. */
const secrets = [SECRET, PASSWORD];

beforeAll(async () => {
  [oidc, shortOidc, browser] = await Promise.all([
    startOidcIdp({ clients, scopes: ['api:read'] }),
    startOidcIdp({ clients, scopes: ['api:read'], refreshTokenTtlSeconds: SHORT_TTL_S }),
    launchLoginBrowser(),
  ]);
  ctx = makeTestContext({ openBrowser: (url) => open(url) });
});
afterAll(async () => {
  await ctx?.dispose();
  await browser?.close();
  await Promise.all([oidc?.close(), shortOidc?.close()]);
});

/** What the engine's browser does with the authorization URL of the next Test. */
let open: (url: string) => Promise<void> = async () => {};

/** The run's error, after checking it failed and that no secret reached it. */
function failed(r: TestRun) {
  expect(r.ok, JSON.stringify(r.error)).toBe(false);
  for (const s of secrets) expect(JSON.stringify(r)).not.toContain(s);
  return r.error!;
}

const value = <T>(envelope: Envelope<T>): T => {
  if (!envelope.ok) throw new Error(`${envelope.error.code}: ${envelope.error.message}`);
  return envelope.value;
};

/** An authorization-code profile for `clientId` at `idp` (public client, PKCE S256). */
async function codeProfile(idp: RunningIdp, fields: Record<string, unknown> = {}) {
  return ctx.profiles.create({
    grantType: 'authorization_code',
    name: `corpus flows ${++n}`,
    identityProviderName: 'oidc-provider',
    clientId: 'native-app',
    clientAuthMethod: 'none',
    authorizationUrl: `${idp.issuer}/auth`,
    tokenUrl: idp.tokenEndpoint,
    scopes: [{ key: 'scope', value: 'openid offline_access' }],
    ...fields,
  } as ProfileInput);
}

/** Runs the Test with `opener` as the browser; the codes and tokens issued join `secrets`. */
async function signIn(profileId: string, opener = browser.opener()): Promise<{ run: TestRun; callbacks: URL[] }> {
  open = opener.open;
  const run = await ctx.tests.run(profileId, { authorizationTimeoutMs: 60_000 });
  const callbacks = await Promise.all(opener.results.map(async (r) => new URL((await r).callbackUrl)));
  for (const c of callbacks) if (c.searchParams.get('code')) secrets.push(c.searchParams.get('code')!);
  const stored = await ctx.tests.tokens.load(profileId);
  if (stored) secrets.push(stored.accessToken, ...(stored.refreshToken ? [stored.refreshToken] : []));
  return { run, callbacks };
}

describe('diagnosis corpus: authorization code (oidc-provider, Chromium)', () => {
  it('unregistered redirect URI → the IdP refuses on the authorize step; the hint names the exact callback URL', async () => {
    const profile = await codeProfile(oidc, { clientId: 'elsewhere-app' });
    const pages: string[] = [];
    const urls: string[] = [];
    // oidc-provider answers the authorization request itself with an error page (RFC 6749 §4.1.2.1: it must
    // not redirect to an unregistered URI), so no callback ever comes.
    open = async (url) => {
      urls.push(url);
      void fetch(url).then(async (r) => pages.push(`${r.status} ${await r.text()}`));
    };
    const e = failed(await ctx.tests.run(profile.id, { authorizationTimeoutMs: 3000 }));
    expect(pages[0]).toMatch(/^400 [^]*redirect_uri did not match any of the client&#39;s registered redirect_uris/);
    const redirectUri = new URL(urls[0]!).searchParams.get('redirect_uri')!;
    expect(e.code).toBe('timeout');
    expect(e.diagnosis).toMatch(/not finished in time/);
    expect(e.hint).toContain(`register exactly ${redirectUri}`);
    expect(e.hint).toMatch(/redirect_uri/);
  });

  it('replayed authorization code → invalid_grant; the diagnosis says a code is valid once', async () => {
    // A confidential client without PKCE: only the code's single use is checked (with PKCE the verifier would fail first).
    const profile = await ctx.profiles.create(
      {
        grantType: 'authorization_code',
        name: `corpus flows ${++n}`,
        identityProviderName: 'oidc-provider',
        clientId: 'web-app',
        clientAuthMethod: 'client_secret_basic',
        authorizationUrl: `${oidc.issuer}/auth`,
        tokenUrl: oidc.tokenEndpoint,
        scopes: [{ key: 'scope', value: 'openid' }],
        pkce: { enabled: false, method: 'S256' },
      } as ProfileInput,
      { clientSecret: SECRET },
    );
    const first = await signIn(profile.id);
    expect(first.run.ok).toBe(true);
    const used = first.callbacks[0]!.searchParams;
    // The second Test's browser delivers the first code again, with this flow's own state.
    open = async (url) => {
      const q = new URL(url).searchParams;
      const replay = new URL(q.get('redirect_uri')!);
      replay.search = new URLSearchParams({
        code: used.get('code')!,
        state: q.get('state')!,
        iss: used.get('iss')!,
      }).toString();
      void fetch(replay).catch(() => {});
    };
    const e = failed(await ctx.tests.run(profile.id, { authorizationTimeoutMs: 10_000 }));
    expect(e).toMatchObject({ code: 'oauth_error', oauthError: 'invalid_grant', status: 400 });
    expect(e.diagnosis).toMatch(/refused the authorization code/);
    expect(e.diagnosis).toMatch(/already used/);
    expect(e.diagnosis).not.toMatch(/PKCE/);
    expect(e.hint).toMatch(/a code is valid once/);
  }, 60_000);

  it('wrong PKCE verifier → invalid_grant; the diagnosis names the PKCE code_verifier', async () => {
    const profile = await codeProfile(oidc);
    // The browser carries another verifier's challenge, so the engine's code_verifier cannot match it.
    const other = challengeFor('x'.repeat(43), 'S256');
    const { run } = await signIn(
      profile.id,
      browser.opener({ editUrl: (u) => u.searchParams.set('code_challenge', other) }),
    );
    const e = failed(run);
    expect(e).toMatchObject({ code: 'oauth_error', oauthError: 'invalid_grant', status: 400 });
    expect(e.diagnosis).toMatch(/PKCE code_verifier does not match/);
    expect(e.hint).toMatch(/PKCE method \(S256 vs plain\)/);
  }, 60_000);
});

describe('diagnosis corpus: refresh (oidc-provider)', () => {
  const refresh = async (profileId: string) =>
    value(await (ctx.router.handle('tokens:refresh', { profileId }) as Promise<Envelope<TestRun>>));

  it('expired refresh token → invalid_grant; the diagnosis says expired or rotated', async () => {
    const profile = await codeProfile(shortOidc);
    expect((await signIn(profile.id)).run.ok).toBe(true);
    await new Promise((r) => setTimeout(r, SHORT_TTL_S * 1000 + 500));
    const e = failed(await refresh(profile.id));
    expect(e).toMatchObject({ code: 'oauth_error', oauthError: 'invalid_grant', status: 400 });
    expect(e.diagnosis).toMatch(/refresh token is expired, revoked, or was already used/);
    expect(e.hint).toMatch(/obtain a new token/);
  }, 60_000);

  it('rotated (already used) refresh token → invalid_grant; the diagnosis says already used (rotated)', async () => {
    const profile = await codeProfile(oidc);
    expect((await signIn(profile.id)).run.ok).toBe(true);
    const before = (await ctx.tests.tokens.load(profile.id))!;
    const rotated = await refresh(profile.id);
    expect(rotated.ok).toBe(true);
    const after = (await ctx.tests.tokens.load(profile.id))!;
    secrets.push(after.accessToken, after.refreshToken!);
    // Another copy of the profile still holds the refresh token this refresh rotated away.
    await ctx.tests.tokens.save(
      profile.id,
      {
        accessToken: before.accessToken,
        refreshToken: before.refreshToken!,
        summary: { tokenType: 'Bearer' },
      } as never,
      new Date(),
    );
    const e = failed(await refresh(profile.id));
    expect(e).toMatchObject({ code: 'oauth_error', oauthError: 'invalid_grant', status: 400 });
    expect(e.diagnosis).toMatch(/was already used \(rotated\)/);
  }, 60_000);
});

describe('diagnosis corpus: tenancy, TLS, mTLS, the check URL and discovery (@node-oauth/oauth2-server)', () => {
  let fx: TlsFixtures;
  const idps: Record<'plain' | 'selfSigned' | 'expired' | 'wrongHost' | 'mtls', PasswordIdp> = {} as never;
  beforeAll(async () => {
    fx = makeTlsFixtures();
    const base: PasswordIdpOptions = {
      clients: [{ id: 'pw-client', secret: SECRET }],
      users: [{ username: 'erin', password: PASSWORD }],
    };
    [idps.plain, idps.selfSigned, idps.expired, idps.wrongHost, idps.mtls] = await Promise.all([
      startPasswordIdp(base),
      startPasswordIdp({ ...base, https: fx.selfSigned }),
      startPasswordIdp({ ...base, https: fx.expired }),
      startPasswordIdp({ ...base, https: fx.wrongHost }),
      startPasswordIdp({ ...base, https: { ...fx.server, ca: fx.ca, requestCert: true, rejectUnauthorized: true } }),
    ]);
  });
  afterAll(async () => {
    await Promise.all(Object.values(idps).map((i) => i?.close()));
    fx?.dispose();
  });

  /** A password-grant profile for `pw-client` over `fields`, tested with the user's password. */
  async function test(fields: Record<string, unknown>, extraSecrets: SecretsPatch = {}, tenant?: string) {
    const profile = await ctx.profiles.create(
      {
        grantType: 'password',
        name: `corpus flows ${++n}`,
        identityProviderName: 'oauth2-server',
        clientId: 'pw-client',
        clientAuthMethod: 'client_secret_basic',
        tokenUrl: idps.plain.tokenUrl,
        ...fields,
      } as ProfileInput,
      { clientSecret: SECRET, ...extraSecrets },
    );
    return ctx.tests.run(profile.id, {
      timeoutMs: 10_000,
      formValues: { username: 'erin', password: PASSWORD },
      ...(tenant ? { tenant } : {}),
    });
  }

  it('{tenant} in a URL with Tenancy off → a validation error naming Tenancy, nothing sent', async () => {
    const before = idps.plain.tokenRequests.length;
    const err = await test({ tokenUrl: `${idps.plain.origin}/t/{tenant}/token` }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'invalid_request' });
    expect((err as Error).message).toMatch(/Uses \{tenant\}, but Tenancy is off/);
    expect(idps.plain.tokenRequests.length).toBe(before);
  });

  it('missing tenant (Tenancy on, none given) → a validation error asking for the tenant, nothing sent', async () => {
    const before = idps.plain.tokenRequests.length;
    const tokenUrl = `${idps.plain.origin}/t/{tenant}/token`;
    const err = await test({ tokenUrl, tenancy: { enabled: true } }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'invalid_request' });
    expect((err as Error).message).toMatch(/enter the tenant/);
    expect(idps.plain.tokenRequests.length).toBe(before);
  });

  it('untrusted (self-signed) certificate → tls; the diagnosis says not trusted, the hint names the CA Bundle', async () => {
    const e = failed(await test({ tokenUrl: idps.selfSigned.tokenUrl }));
    expect(e.code).toBe('tls');
    expect(e.diagnosis).toMatch(/not trusted/);
    expect(e.hint).toMatch(/CA Bundle/);
  });

  it('expired certificate → tls; the diagnosis says the certificate has expired', async () => {
    const e = failed(await test({ tokenUrl: idps.expired.tokenUrl, caBundle: fx.ca }));
    expect(e.code).toBe('tls');
    expect(e.diagnosis).toMatch(/certificate has expired/);
  });

  it('wrong host name → tls; the diagnosis says the certificate is for another host', async () => {
    const e = failed(await test({ tokenUrl: idps.wrongHost.tokenUrl, caBundle: fx.ca }));
    expect(e.code).toBe('tls');
    expect(e.diagnosis).toMatch(/does not match the host name/);
  });

  it('mTLS client certificate missing → tls; the diagnosis says the server requires a client certificate', async () => {
    const e = failed(await test({ tokenUrl: idps.mtls.tokenUrl, caBundle: fx.ca }));
    expect(e.code).toBe('tls');
    expect(e.diagnosis).toMatch(/requires a client certificate/);
    expect(e.hint).toMatch(/Client Certificate/);
  });

  it('check URL rejecting the token, even after the refresh-and-retry → http_error 401, said so', async () => {
    idps.plain.rejectNextApiCalls(2);
    const run = await test({ checkUrl: `${idps.plain.apiUrl}/me` });
    const e = failed(run);
    expect(run.exchanges.map((x) => x.step)).toEqual(['token', 'check', 'refresh', 'check']);
    expect(e).toMatchObject({ code: 'http_error', status: 401 });
    expect(e.diagnosis).toMatch(/the API refused it, even after a refresh/);
    expect(e.hint).toMatch(/Authorization Check URL|scope|audience/);
  });

  it('discovery mismatch → the Test warns that the IdP does not list the grant; the token call says unsupported', async () => {
    // oidc-provider has no password grant; its metadata's grant_types_supported says so before the token call.
    const run = await test({ issuer: oidc.issuer, tokenUrl: oidc.tokenEndpoint, clientId: 'web-app' });
    const e = failed(run);
    expect(run.exchanges.map((x) => x.step)).toEqual(['discovery', 'token']);
    expect(run.warnings?.join('\n')).toContain('does not list the grant type "password"');
    expect(e).toMatchObject({ code: 'oauth_error', oauthError: 'unsupported_grant_type' });
    expect(e.diagnosis).toMatch(/does not support this grant type/);
  });
});
