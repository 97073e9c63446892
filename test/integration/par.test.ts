/**
 * Pushed authorization requests (RFC 9126; docs/architecture.md, "Pushed authorization requests") end to end: the
 * real services against a real oidc-provider on loopback that requires PAR (and one that does not), Chromium
 * signing in at its login page.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startOidcIdp, type RunningIdp } from '../../src-main/demo/demo-idp';
import { query, startAuthCodeBench, steps, WEB_APP_SECRET, type AuthCodeBench } from '../helpers/auth-code-bench';
import { makeClientKey, sqliteHolds } from '../helpers/client-keys';

const KEY = makeClientKey('ec', 'par-ec-1');
const PUBLIC_NATIVE = {
  client_id: 'native-app',
  token_endpoint_auth_method: 'none' as const,
  grant_types: ['authorization_code', 'refresh_token'],
  redirect_uris: ['http://127.0.0.1/callback'],
  application_type: 'native' as const,
  scope: 'openid offline_access',
};

describe('pushed authorization requests against oidc-provider, signed in with Chromium', () => {
  let bench: AuthCodeBench;
  /** An IdP that offers PAR but does not require it. */
  let plain: RunningIdp;
  beforeAll(async () => {
    bench = await startAuthCodeBench(
      [
        {
          client_id: 'pk-app',
          token_endpoint_auth_method: 'private_key_jwt',
          jwks: { keys: [KEY.publicJwk] },
          grant_types: ['authorization_code'],
          redirect_uris: ['http://127.0.0.1/callback'],
          application_type: 'native',
          scope: 'openid',
        },
      ],
      { requirePar: true },
    );
    plain = await startOidcIdp({ clients: [PUBLIC_NATIVE] });
  });
  afterAll(async () => {
    await bench?.close();
    await plain?.close();
  });

  const signIn = () => {
    const opener = bench.browser.opener();
    bench.setOpener(opener.open);
    bench.sent.length = 0;
    bench.progress.length = 0;
    return opener;
  };

  it('Always: pushes the request (201, request_uri), opens the browser with only client_id and request_uri, gets a token; the stored run has no client secret', async () => {
    const opener = signIn();
    const profile = await bench.createProfile(
      {
        clientId: 'web-app',
        clientAuthMethod: 'client_secret_basic',
        scopes: [{ key: 'scope', value: 'openid' }],
        pushedAuthorization: 'always',
        pushedAuthorizationRequestUrl: `${bench.idp.issuer}/request`,
      },
      WEB_APP_SECRET,
    );
    const run = await bench.ctx.tests.run(profile.id, { authorizationTimeoutMs: 60_000 });
    await opener.results[0];

    expect(run.error).toBeUndefined();
    expect(run.ok).toBe(true);
    expect(steps(run)).toEqual(['par', 'authorize', 'callback', 'token']);
    const [par, authorize] = run.exchanges;
    expect(par!.request.method).toBe('POST');
    expect(par!.request.url).toBe(`${bench.idp.issuer}/request`);
    expect(par!.response?.status).toBe(201);
    const pushed = new URLSearchParams(bench.sent.find((r) => r.step === 'par')!.body!);
    expect(pushed.get('response_type')).toBe('code');
    expect(pushed.get('client_id')).toBe('web-app');
    expect(pushed.get('redirect_uri')).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/callback$/);
    expect(pushed.get('scope')).toBe('openid');
    expect(pushed.get('state')).toMatch(/^[\w-]{22,}$/);
    expect(pushed.get('nonce')).toMatch(/^[\w-]{22,}$/);
    expect(pushed.get('code_challenge_method')).toBe('S256');
    expect(pushed.getAll('client_id')).toHaveLength(1);
    const answer = JSON.parse(par!.response!.body!) as { request_uri: string; expires_in: number };
    expect(answer.request_uri).toMatch(/^urn:ietf:params:oauth:request_uri:/);
    expect(answer.expires_in).toBeGreaterThan(0);
    // §4: the browser gets only client_id and request_uri.
    expect([...query(authorize!.request.url).keys()]).toEqual(['client_id', 'request_uri']);
    expect(query(authorize!.request.url).get('request_uri')).toBe(answer.request_uri);
    expect(opener.urls).toEqual([authorize!.request.url]);
    expect(run.token).toMatchObject({ tokenType: 'Bearer' });
    expect(bench.progress.map((p) => p.step)).toContain('par');
    expect(bench.progress.find((p) => p.step === 'par' && /Pushed/.test(p.message))?.message).toMatch(
      /request_uri expires in \d+ s, at \d\d:\d\d:\d\d UTC/,
    );

    // The Basic header is masked in the stored run; the secret is nowhere in it nor in SQLite.
    expect(par!.request.headers.authorization).toBe('Basic [redacted]');
    expect(JSON.stringify(run)).not.toContain(WEB_APP_SECRET);
    expect(JSON.stringify(run)).not.toContain(encodeURIComponent(WEB_APP_SECRET));
    expect(JSON.stringify(run)).not.toContain(bench.sent.find((r) => r.step === 'par')!.headers.authorization);
    expect(sqliteHolds(bench.ctx.dataDir, WEB_APP_SECRET)).toBe(false);
  });

  it('Auto with an IdP whose metadata requires PAR: discovery, then the push', async () => {
    const opener = signIn();
    const profile = await bench.createProfile({ issuer: bench.idp.issuer });
    expect(profile).toMatchObject({ pushedAuthorization: 'auto' });
    const run = await bench.ctx.tests.run(profile.id, { authorizationTimeoutMs: 60_000 });
    await opener.results[0];
    expect(run.error).toBeUndefined();
    expect(steps(run)).toEqual(['discovery', 'par', 'authorize', 'callback', 'token', 'discovery']);
    expect(run.exchanges[1]!.request.url).toBe(`${bench.idp.issuer}/request`);
    expect(run.ok).toBe(true);
  });

  it('Auto with an IdP that offers PAR without requiring it: no push, as before', async () => {
    const opener = signIn();
    const profile = await bench.createProfile({
      issuer: plain.issuer,
      authorizationUrl: `${plain.issuer}/auth`,
      tokenUrl: plain.tokenEndpoint,
    });
    const run = await bench.ctx.tests.run(profile.id, { authorizationTimeoutMs: 60_000 });
    await opener.results[0];
    expect(run.error).toBeUndefined();
    expect(steps(run)).not.toContain('par');
    expect(steps(run).slice(0, 4)).toEqual(['discovery', 'authorize', 'callback', 'token']);
    expect(query(run.exchanges[1]!.request.url).get('response_type')).toBe('code');
  });

  it('Never against an IdP that requires PAR: the lint warns, the IdP refuses, the diagnosis says why, and its variant Always passes', async () => {
    // The "browser" follows the IdP's redirect back to the callback, as Chromium would (there is no login page).
    const shown: string[] = [];
    bench.setOpener(async (url) => {
      const res = await fetch(url, { redirect: 'manual' });
      shown.push(res.headers.get('location') ?? '');
      await fetch(res.headers.get('location')!);
    });
    const profile = await bench.createProfile({ issuer: bench.idp.issuer, pushedAuthorization: 'never' });
    const run = await bench.ctx.tests.run(profile.id, { authorizationTimeoutMs: 20_000 });
    expect(run.ok).toBe(false);
    expect(steps(run)).toEqual(['discovery', 'authorize', 'callback']);
    expect(query(run.exchanges[1]!.request.url).get('response_type')).toBe('code');
    expect(query(shown[0]!).get('error_description')).toBe('Pushed Authorization Request must be used');
    expect((run.warnings ?? []).join('\n')).toMatch(
      /requires pushed authorization requests.*Pushed Authorization Request is Never/,
    );
    expect(run.error).toMatchObject({
      code: 'oauth_error',
      oauthError: 'invalid_request',
      oauthErrorDescription: 'Pushed Authorization Request must be used',
    });
    expect(run.error?.diagnosis).toMatch(/requires pushed authorization requests \(RFC 9126 §5\)/);
    expect(run.error?.hint).toMatch(/Pushed Authorization Request is Never: set it to Auto/);

    // The diagnosis suggests Always; that variant pushes, Chromium signs in, and the stored profile stays Never.
    expect(run.error?.variant).toEqual({
      label: 'Try with Pushed Authorization Request = Always',
      overrides: { pushedAuthorization: 'always' },
    });
    const opener = signIn();
    const variant = await bench.ctx.tests.run(profile.id, {
      authorizationTimeoutMs: 60_000,
      overrides: run.error!.variant!.overrides,
    });
    await opener.results[0];
    expect(variant.error).toBeUndefined();
    expect(variant.ok).toBe(true);
    expect(variant.overrides).toEqual({ pushedAuthorization: 'always' });
    expect(steps(variant).slice(0, 5)).toEqual(['discovery', 'par', 'authorize', 'callback', 'token']);
    expect(variant.exchanges[1]!.request.url).toBe(`${bench.idp.issuer}/request`);
    expect(await bench.ctx.profiles.get(profile.id)).toMatchObject({ pushedAuthorization: 'never' });
  });

  it('pushes with private_key_jwt client authentication (RFC 7523 §2.2): the assertion is masked in the run', async () => {
    const opener = signIn();
    const profile = await bench.ctx.profiles.create(
      {
        grantType: 'authorization_code',
        name: 'par private_key_jwt',
        identityProviderName: 'oidc-provider',
        clientId: 'pk-app',
        clientAuthMethod: 'private_key_jwt',
        clientAssertion: { audience: 'issuer' },
        authorizationUrl: `${bench.idp.issuer}/auth`,
        tokenUrl: bench.idp.tokenEndpoint,
        scopes: [{ key: 'scope', value: 'openid' }],
        issuer: bench.idp.issuer,
      },
      { jwtSigningKey: KEY.pem },
    );
    expect(profile.status).toBe('configured');
    const run = await bench.ctx.tests.run(profile.id, { authorizationTimeoutMs: 60_000 });
    await opener.results[0];
    expect(run.error).toBeUndefined();
    expect(run.ok).toBe(true);
    expect(steps(run).slice(0, 5)).toEqual(['discovery', 'par', 'authorize', 'callback', 'token']);
    const raw = new URLSearchParams(bench.sent.find((r) => r.step === 'par')!.body!);
    expect(raw.get('client_assertion_type')).toBe('urn:ietf:params:oauth:client-assertion-type:jwt-bearer');
    const assertion = raw.get('client_assertion')!;
    expect(assertion.split('.')).toHaveLength(3);
    const par = run.exchanges[1]!;
    expect(new URLSearchParams(par.request.body!).get('client_assertion')).toBe('[redacted]');
    expect(JSON.stringify(run)).not.toContain(assertion);
    expect(par.request.assertions?.[0]?.claims).toMatchObject({ iss: 'pk-app', aud: bench.idp.issuer });
  });

  it('Always with a Pushed Authorization Request URL where nothing answers: the Test fails with a diagnosis before the browser', async () => {
    const opener = signIn();
    const profile = await bench.createProfile({
      issuer: plain.issuer,
      authorizationUrl: `${plain.issuer}/auth`,
      tokenUrl: plain.tokenEndpoint,
      pushedAuthorization: 'always',
      pushedAuthorizationRequestUrl: `${plain.issuer}/no-such-par`,
    });
    const run = await bench.ctx.tests.run(profile.id, { authorizationTimeoutMs: 60_000 });
    expect(opener.urls).toEqual([]);
    expect(run.ok).toBe(false);
    expect(steps(run)).toEqual(['discovery', 'par']);
    expect(run.error?.diagnosis).toMatch(/Pushed Authorization Request URL .*no-such-par.*HTTP 404/);
  });

  it('the native export carries the PAR fields, and an import restores them', async () => {
    const profile = await bench.createProfile({
      pushedAuthorization: 'always',
      pushedAuthorizationRequestUrl: `${bench.idp.issuer}/request`,
    });
    const text = await bench.ctx.transfer.exportText([profile.id], false);
    const [entry] = (JSON.parse(text) as { profiles: Record<string, unknown>[] }).profiles;
    expect(entry).toMatchObject({
      pushedAuthorization: 'always',
      pushedAuthorizationRequestUrl: `${bench.idp.issuer}/request`,
    });
    const [imported] = await bench.ctx.transfer.importText(
      JSON.stringify({ format: 'authbench.profiles/v1', profiles: [{ ...entry, name: 'par imported' }] }),
    );
    expect(imported).toMatchObject({ outcome: 'imported' });
    const copy = await bench.ctx.profiles.getByName('par imported');
    expect(copy).toMatchObject({
      pushedAuthorization: 'always',
      pushedAuthorizationRequestUrl: `${bench.idp.issuer}/request`,
    });
  });
});
