/**
 * The token exchange grant (RFC 8693) end to end against oidc-provider with the grant registered
 * (src-main/demo/token-exchange-grant.ts): the subject token comes from another profile's held token or is pasted,
 * an actor token may join, an unknown audience is invalid_target, and no subject or actor token value is stored.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Exchange } from '../../src-shared/test-run';
import type { ProfileInput, ProfileView, SecretsPatch } from '../../src-shared/profile';
import { createRecordingClient, type HttpRequest } from '../../src-main/http/recording-client';
import type { RunningIdp } from '../../src-main/demo/demo-idp';
import { startTokenExchangeIdp } from '../helpers/client-credentials-idp';
import { makeTestContext, type TestContext } from '../helpers/context';
import { sqliteHolds } from '../helpers/client-keys';

const SECRET = 'exchange-client-secret-5b1d';
const AT = 'urn:ietf:params:oauth:token-type:access_token';

describe('Token exchange grant against oidc-provider', () => {
  let idp: RunningIdp;
  let ctx: TestContext;
  const sent: HttpRequest[] = [];
  let source: ProfileView;

  beforeAll(async () => {
    idp = await startTokenExchangeIdp('exchanger', SECRET);
    const real = createRecordingClient();
    ctx = makeTestContext({ http: { send: (req) => (sent.push(req), real.send(req)) } });
    source = await ctx.profiles.create(
      {
        grantType: 'client_credentials',
        name: 'Profile A',
        identityProviderName: 'oidc-provider',
        clientId: 'exchanger',
        tokenUrl: idp.tokenEndpoint,
        scopes: [{ key: 'scope', value: 'api:read' }],
      } as ProfileInput,
      { clientSecret: SECRET },
    );
  });
  afterAll(async () => {
    await ctx?.dispose();
    await idp?.close();
  });

  let n = 0;
  async function exchangeProfile(o: Record<string, unknown>, secrets: SecretsPatch = {}, over = {}) {
    const p = await ctx.profiles.create(
      {
        grantType: 'token_exchange',
        name: `exchange ${++n}`,
        identityProviderName: 'oidc-provider',
        clientId: 'exchanger',
        tokenUrl: idp.tokenEndpoint,
        tokenExchange: { subjectProfile: 'Profile A', audiences: [idp.apiResource], ...o },
        ...over,
      } as ProfileInput,
      { clientSecret: SECRET, ...secrets },
    );
    expect(p.statusReasons).toEqual([]);
    return p;
  }
  const tokenOf = (exchanges: Exchange[]) => exchanges.find((e) => e.step === 'token')!;
  const heldAccessToken = async () => (await ctx.tests.tokens.load(source.id))!.accessToken;

  it('without a held token on the other profile, stops with "Test «Profile A» first" and sends nothing', async () => {
    const p = await exchangeProfile({});
    const before = sent.length;
    await expect(ctx.tests.run(p.id, { timeoutMs: 10_000 })).rejects.toMatchObject({
      code: 'secret_missing',
      message: expect.stringMatching(/^«Profile A» holds no token, .*: Test «Profile A» first$/),
    });
    expect(sent.length).toBe(before);
    expect(ctx.runs.list(p.id)).toEqual([]);
  });

  it('exchanges the other profile’s held access token: new token, issued_token_type shown, nothing stored of it', async () => {
    const a = await ctx.tests.run(source.id, { timeoutMs: 10_000 });
    expect(a.ok).toBe(true);
    const subject = await heldAccessToken();
    const p = await exchangeProfile({});
    const r = await ctx.tests.run(p.id, { timeoutMs: 10_000 });
    expect(r.error).toBeUndefined();
    expect(r.ok).toBe(true);
    expect(r.token?.issuedTokenType).toBe(AT);
    expect(r.token?.tokenType).toBe('Bearer');
    expect(r.warnings ?? []).not.toContainEqual(expect.stringMatching(/issued_token_type/));
    const form = new URLSearchParams(tokenOf(r.exchanges).request.body!);
    expect(form.get('grant_type')).toBe('urn:ietf:params:oauth:grant-type:token-exchange');
    expect(form.get('subject_token')).toBe('[redacted]');
    expect(form.get('subject_token_type')).toBe(AT);
    expect(form.getAll('audience')).toEqual([idp.apiResource]);
    // The real request carried the held token; neither the stored run nor SQLite holds it.
    expect(new URLSearchParams(sent.at(-1)!.body!).get('subject_token')).toBe(subject);
    expect(JSON.stringify(r)).not.toContain(subject);
    expect(JSON.stringify(ctx.runs.get(r.id))).not.toContain(subject);
    expect(sqliteHolds(ctx.dataDir, subject)).toBe(false);
    expect(await ctx.tests.tokens.load(p.id)).toMatchObject({ tokenType: 'Bearer', usable: true });
  });

  it('sends another profile’s token to no host that profile does not use, unless Send to another host is on', async () => {
    expect((await ctx.tests.run(source.id, { timeoutMs: 10_000 })).ok).toBe(true);
    // The same IdP under another origin (localhost, not 127.0.0.1): as an imported profile aiming elsewhere would be.
    const elsewhere = { tokenUrl: idp.tokenEndpoint.replace('127.0.0.1', 'localhost') };
    const p = await exchangeProfile({}, {}, elsewhere);
    const before = sent.length;
    await expect(ctx.tests.run(p.id, { timeoutMs: 10_000 })).rejects.toMatchObject({
      code: 'invalid_request',
      message: expect.stringMatching(
        /«Profile A»'s token would go to http:\/\/localhost:\d+, a host «Profile A» does not use/,
      ),
    });
    expect(sent.length).toBe(before);
    const allowed = await exchangeProfile({ allowOtherHost: true }, {}, elsewhere);
    const r = await ctx.tests.run(allowed.id, { timeoutMs: 10_000 });
    expect(r.error).toBeUndefined();
    expect(new URL(sent.at(-1)!.url).hostname).toBe('localhost');
  });

  it('sends a pasted subject token, and an actor token from the other profile', async () => {
    const pasted = await heldAccessToken();
    const p = await exchangeProfile(
      { subjectSource: 'pasted', actorSource: 'profile', actorProfile: 'Profile A', actorTokenType: 'jwt' },
      { subjectToken: pasted },
    );
    const r = await ctx.tests.run(p.id, { timeoutMs: 10_000 });
    expect(r.error).toBeUndefined();
    const form = new URLSearchParams(tokenOf(r.exchanges).request.body!);
    expect(form.get('subject_token')).toBe('[redacted]');
    expect(form.get('actor_token')).toBe('[redacted]');
    expect(form.get('actor_token_type')).toBe('urn:ietf:params:oauth:token-type:jwt');
    const real = new URLSearchParams(sent.at(-1)!.body!);
    expect(real.get('subject_token')).toBe(pasted);
    expect(real.get('actor_token')).toBe(pasted);
    expect(JSON.stringify(ctx.runs.get(r.id))).not.toContain(pasted);
  });

  it('a pasted subject token that is not set leaves the profile not configured', async () => {
    const p = await ctx.profiles.create(
      {
        grantType: 'token_exchange',
        name: 'no pasted token',
        identityProviderName: 'x',
        clientId: 'exchanger',
        tokenUrl: idp.tokenEndpoint,
        tokenExchange: { subjectSource: 'pasted' },
      } as ProfileInput,
      { clientSecret: SECRET },
    );
    expect(p.statusReasons).toEqual(['Subject Token is not set']);
  });

  it('an unknown audience fails with invalid_target and its diagnosis', async () => {
    const p = await exchangeProfile({ audiences: ['https://unknown.example/api'] });
    const r = await ctx.tests.run(p.id, { timeoutMs: 10_000 });
    expect(r.ok).toBe(false);
    expect(r.error?.oauthError).toBe('invalid_target');
    expect(r.error?.diagnosis).toMatch(/refused the audience or resource .*"https:\/\/unknown\.example\/api"/);
    expect(r.error?.hint).toMatch(/Audience and Resource rows/);
  });

  it('an invalid pasted subject token fails with invalid_request and the exchange diagnosis', async () => {
    const p = await exchangeProfile({ subjectSource: 'pasted' }, { subjectToken: 'not-a-token-of-this-idp' });
    const r = await ctx.tests.run(p.id, { timeoutMs: 10_000 });
    expect(r.error?.oauthError).toBe('invalid_request');
    expect(r.error?.diagnosis).toMatch(/subject or actor token is invalid or expired/);
    expect(JSON.stringify(r)).not.toContain('not-a-token-of-this-idp');
  });

  it('a JWT issued with token_type N_A: a warning, and no check call with it', async () => {
    const p = await exchangeProfile(
      { requestedTokenType: 'jwt', resources: [idp.apiResource], audiences: [] },
      {},
      { checkUrl: `${idp.issuer}/me` },
    );
    const r = await ctx.tests.run(p.id, { timeoutMs: 10_000 });
    expect(r.error).toBeUndefined();
    expect(r.token?.tokenType).toBe('N_A');
    expect(r.token?.issuedTokenType).toBe('urn:ietf:params:oauth:token-type:jwt');
    expect(r.token?.claims).toMatchObject({ aud: [idp.apiResource], iss: idp.issuer });
    expect(r.exchanges.map((e) => e.step)).not.toContain('check');
    expect(r.warnings).toContainEqual(expect.stringMatching(/not an access token \(token_type N_A/));
  });

  it('asking for a refresh token or ID token the other profile does not hold names it and sends nothing', async () => {
    for (const kind of ['refresh_token', 'id_token'] as const) {
      const p = await exchangeProfile({ subjectTokenKind: kind, subjectTokenType: kind });
      const before = sent.length;
      await expect(ctx.tests.run(p.id, { timeoutMs: 10_000 })).rejects.toMatchObject({
        code: 'secret_missing',
        message: expect.stringMatching(/^«Profile A» holds no (refresh|ID) token, .*: Test «Profile A» first$/),
      });
      expect(sent.length).toBe(before);
    }
  });

  it('refuses to name itself as the subject profile, and names a missing profile at Test time', async () => {
    await expect(exchangeProfile({ subjectProfile: `exchange ${n + 1}` })).rejects.toMatchObject({
      code: 'invalid_request',
    });
    const p = await exchangeProfile({ subjectProfile: 'Gone' });
    await expect(ctx.tests.run(p.id, { timeoutMs: 10_000 })).rejects.toMatchObject({
      code: 'not_found',
      message: expect.stringContaining('no other profile is named «Gone»'),
    });
  });
});
