/**
 * Pre-authorize means sign in once (docs/architecture.md, "Held tokens"): an authorization-code profile in
 * pre-authorize mode signs in through the browser on its first Test, later Tests use the held token (and the
 * Authorization Check URL with it), refresh it first when it expires within 30 s (RFC 6749 §6), and sign in
 * again only when its refresh token is refused or "Sign in again" asks. A real oidc-provider, Chromium as the
 * system browser, the real keychain and SQLite; only the runner's clock is fake.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuthorizationCodeProfile } from '../../src-shared/profile';
import type { TestRun, TokenState } from '../../src-shared/test-run';
import { startOidcIdp, type RunningIdp } from '../../src-main/demo/demo-idp';
import { EXPIRY_MARGIN_MS } from '../../src-main/services/held-token';
import { TestRunner } from '../../src-main/services/test-runner';
import { RunsRepo } from '../../src-main/store/runs-repo';
import { launchLoginBrowser, type LoginBrowser } from '../helpers/browser-login';
import { makeTestContext, type TestContext } from '../helpers/context';

const steps = (run: TestRun) => run.exchanges.map((e) => e.step);
const SERVICE_SECRET = 'service secret for pre-authorize tests';

describe('pre-authorize authorization code against oidc-provider: sign in once, then the held token', () => {
  let idp: RunningIdp;
  let browser: LoginBrowser;
  let ctx: TestContext;
  let tests: TestRunner;
  let clock = Date.now();
  const opened: string[] = [];
  const refreshedEvents: { profileId: string; token: TokenState }[] = [];
  let counter = 0;

  beforeAll(async () => {
    idp = await startOidcIdp({
      clients: [
        {
          client_id: 'native-app',
          token_endpoint_auth_method: 'none',
          grant_types: ['authorization_code', 'refresh_token'],
          redirect_uris: ['http://127.0.0.1/callback'],
          application_type: 'native',
          scope: 'openid offline_access',
        },
        { client_id: 'service', client_secret: SERVICE_SECRET, grant_types: ['client_credentials'], scope: 'api:read' },
      ],
      scopes: ['api:read'],
    });
    browser = await launchLoginBrowser();
    const opener = browser.opener();
    ctx = makeTestContext();
    // The runner of the app with a clock the test moves: expiry is reached without waiting for it.
    tests = new TestRunner({
      profiles: ctx.profiles,
      runs: new RunsRepo(ctx.db),
      http: ctx.http,
      openBrowser: async (url) => {
        opened.push(url);
        await opener.open(url);
      },
      onTokenRefreshed: (profileId, token) => refreshedEvents.push({ profileId, token }),
      now: () => new Date(clock),
    });
  });

  afterAll(async () => {
    await ctx?.dispose();
    await browser?.close();
    await idp?.close();
  });

  async function createProfile(fields: Partial<AuthorizationCodeProfile> = {}) {
    const profile = await ctx.profiles.create({
      grantType: 'authorization_code',
      name: `pre-authorize ${++counter}`,
      identityProviderName: 'oidc-provider',
      clientId: 'native-app',
      clientAuthMethod: 'none',
      authorizationUrl: `${idp.issuer}/auth`,
      tokenUrl: idp.tokenEndpoint,
      // oidc-provider's UserInfo endpoint takes the access token as a Bearer token (OpenID Connect Core §5.3).
      checkUrl: `${idp.issuer}/me`,
      scopes: [{ key: 'scope', value: 'openid offline_access' }],
      authorizationMode: 'pre_authorize',
      ...fields,
    });
    expect(profile.status).toBe('configured');
    return profile;
  }
  const run = (profileId: string, options: Parameters<TestRunner['run']>[1] = {}) =>
    tests.run(profileId, { authorizationTimeoutMs: 60_000, ...options });
  const held = async (profileId: string) => (await tests.tokens.load(profileId))!;

  it('signs in on the first Test, then uses the held token with the check URL and opens no browser', async () => {
    clock = Date.now();
    const profile = await createProfile();
    const first = await run(profile.id);
    expect(first.error).toBeUndefined();
    expect(steps(first)).toEqual(['authorize', 'callback', 'token', 'check']);
    expect(first).toMatchObject({ tokenSource: 'signed_in', tokenSourceReason: expect.stringMatching(/No token/) });
    const token = await held(profile.id);
    expect(token.fingerprint).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(first)).not.toContain(token.accessToken);

    const browsersBefore = opened.length;
    clock += 10 * 60_000;
    const second = await run(profile.id);
    expect(second.error).toBeUndefined();
    expect(second.ok).toBe(true);
    expect(steps(second)).toEqual(['check']);
    expect(opened.length).toBe(browsersBefore);
    expect(second.exchanges[0]!.response?.status).toBe(200);
    expect(second.exchanges[0]!.request.headers.authorization).toBe('Bearer [redacted]');
    expect(second.tokenSource).toBe('held');
    expect(second.tokenSourceReason).toMatch(/^The held token is valid until \S+Z \(\d+ min left\)$/);
    expect(second.token).toMatchObject({ tokenType: 'Bearer', hasRefreshToken: true, expiresIn: 3600 - 600 });
    // The same token, not a new one; never in the run.
    expect((await held(profile.id)).accessToken).toBe(token.accessToken);
    expect(JSON.stringify(second)).not.toContain(token.accessToken);
    expect(JSON.stringify(second)).not.toContain(token.refreshToken!);
  });

  it('says that nothing was sent when the held token is used and there is no check URL', async () => {
    clock = Date.now();
    const profile = await createProfile({ checkUrl: undefined });
    expect((await run(profile.id)).tokenSource).toBe('signed_in');
    const browsersBefore = opened.length;
    const second = await run(profile.id);
    expect(second).toMatchObject({ ok: true, exchanges: [], tokenSource: 'held' });
    expect(second.tokenSourceReason).toMatch(/valid until/);
    expect(opened.length).toBe(browsersBefore);
    expect(ctx.db.prepare('SELECT count(*) AS n FROM test_runs WHERE profile_id = ?').get(profile.id)).toEqual({
      n: 2,
    });
  });

  it.each([
    ['after expiry', 3600 * 1000 + 1000, false],
    ['within 30 s of expiry, with Auto-refresh token on', 3600 * 1000 - EXPIRY_MARGIN_MS + 10_000, true],
  ])('refreshes the held token first %s: the refresh exchange precedes the check call', async (_, later, auto) => {
    clock = Date.now();
    const profile = await createProfile({ autoRefresh: auto });
    await run(profile.id);
    const before = await held(profile.id);
    refreshedEvents.length = 0;
    const browsersBefore = opened.length;
    clock += later;

    const again = await run(profile.id);
    expect(again.error).toBeUndefined();
    expect(steps(again)).toEqual(['refresh', 'check']);
    expect(again.exchanges.map((e) => e.response?.status)).toEqual([200, 200]);
    expect(new URLSearchParams(again.exchanges[0]!.request.body!).get('grant_type')).toBe('refresh_token');
    expect(again.tokenSource).toBe('refreshed');
    expect(again.tokenSourceReason).toMatch(
      /^The held token (expired at|expires within 30 s).*so it was refreshed first$/,
    );
    expect(opened.length).toBe(browsersBefore);
    const after = await held(profile.id);
    expect(after.accessToken).not.toBe(before.accessToken);
    expect(after.refreshToken).not.toBe(before.refreshToken);
    // The refreshed token keeps what the first one was obtained with, and counts from the run's clock.
    expect(after.fingerprint).toBe(before.fingerprint);
    expect(after.obtainedAt).toBe(new Date(clock).toISOString());
    expect(refreshedEvents).toEqual([{ profileId: profile.id, token: expect.objectContaining({ usable: true }) }]);
    for (const secret of [before.accessToken, before.refreshToken!, after.accessToken, after.refreshToken!])
      expect(JSON.stringify(again)).not.toContain(secret);

    // The refreshed token is held in turn: the next Test uses it as it is.
    expect(steps(await run(profile.id))).toEqual(['check']);
  });

  it('signs in again when the held refresh token was revoked (invalid_grant), all in one Test', async () => {
    clock = Date.now();
    const profile = await createProfile();
    await run(profile.id);
    const dead = (await held(profile.id)).refreshToken!;
    // Used elsewhere: oidc-provider rotates it, and the held one is refused from now on (RFC 9700 §4.14.2).
    const rotated = await fetch(idp.tokenEndpoint, {
      method: 'POST',
      body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: dead, client_id: 'native-app' }),
    });
    expect(rotated.status).toBe(200);
    clock += 2 * 3600 * 1000;
    const browsersBefore = opened.length;

    const again = await run(profile.id);
    expect(again.error).toBeUndefined();
    expect(again.exchanges.map((e) => [e.step, e.response?.status ?? null])).toEqual([
      ['refresh', 400],
      ['authorize', null],
      ['callback', 200],
      ['token', 200],
      ['check', 200],
    ]);
    expect(again.tokenSource).toBe('signed_in');
    expect(again.tokenSourceReason).toMatch(
      /expired at .*refresh token was refused \(invalid_grant\), so it signed in$/,
    );
    expect(opened.length).toBe(browsersBefore + 1);
    const now = await held(profile.id);
    expect(now).toMatchObject({ usable: true });
    expect(now.refreshToken).not.toBe(dead);
  });

  it('"Sign in again" (signIn: true) and a variant (overrides) open the browser though a good token is held', async () => {
    clock = Date.now();
    const profile = await createProfile();
    await run(profile.id);
    const before = await held(profile.id);
    const browsersBefore = opened.length;

    const forced = await run(profile.id, { signIn: true });
    expect(steps(forced)).toEqual(['authorize', 'callback', 'token', 'check']);
    expect(forced).toMatchObject({ ok: true, tokenSource: 'signed_in' });
    expect(forced.tokenSourceReason).toMatch(/^Sign in again was asked for/);
    expect((await held(profile.id)).accessToken).not.toBe(before.accessToken);

    const variant = await run(profile.id, { overrides: { checkUrl: `${idp.issuer}/me?variant=1` } });
    expect(steps(variant)).toEqual(['authorize', 'callback', 'token', 'check']);
    expect(variant.tokenSourceReason).toMatch(/overrides profile fields/);
    expect(opened.length).toBe(browsersBefore + 2);
  });

  it('signs in when the profile changed since the token was obtained (scope), then holds the new one', async () => {
    clock = Date.now();
    const profile = await createProfile();
    await run(profile.id);
    const {
      id,
      createdAt: _c,
      updatedAt: _u,
      secrets: _s,
      status: _st,
      statusReasons: _r,
      lastTest: _l,
      ...input
    } = await ctx.profiles.get(profile.id);
    await ctx.profiles.update(id, { ...input, scopes: [{ key: 'scope', value: 'offline_access openid' }] });
    const changed = await run(profile.id);
    expect(steps(changed)).toEqual(['authorize', 'callback', 'token', 'check']);
    expect(changed.tokenSourceReason).toMatch(/obtained with another Client ID, .*scope/);
    expect(steps(await run(profile.id))).toEqual(['check']);
  });

  it('user-authorize mode signs in on every Test, a token held or not', async () => {
    clock = Date.now();
    const profile = await createProfile({ authorizationMode: 'user' });
    for (let i = 0; i < 2; i++) {
      const each = await run(profile.id);
      expect(steps(each)).toEqual(['authorize', 'callback', 'token', 'check']);
      expect(each.tokenSource).toBe('signed_in');
      expect(each.tokenSourceReason).toBeUndefined();
    }
  });

  it('client credentials with Auto-refresh token on obtains a new token on each Test, even past the expiry', async () => {
    clock = Date.now();
    const profile = await ctx.profiles.create(
      {
        grantType: 'client_credentials',
        name: `service ${++counter}`,
        identityProviderName: 'oidc-provider',
        clientId: 'service',
        tokenUrl: idp.tokenEndpoint,
        scopes: [{ key: 'scope', value: 'api:read' }],
        autoRefresh: true,
      },
      { clientSecret: SERVICE_SECRET },
    );
    const first = await run(profile.id);
    expect(first).toMatchObject({ ok: true, tokenSource: 'obtained' });
    expect(first.tokenSourceReason).toBeUndefined();
    clock += 2 * 3600 * 1000;
    const later = await run(profile.id);
    expect(steps(later)).toEqual(['token']);
    expect(later.tokenSource).toBe('obtained');
  });
});
