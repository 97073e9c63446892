/**
 * The authorization-code flow end to end (docs/architecture.md, "A Test, step by step", docs/security.md, "OAuth defences"): the real services against a
 * real oidc-provider on loopback, with a Chromium page as the system browser signing in at its login page.
 * The defences against forged and replayed callbacks are in authorization-code-defences.test.ts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { challengeFor, VERIFIER_PATTERN } from '../../src-main/oauth/pkce';
import { query, startAuthCodeBench, steps, type AuthCodeBench } from '../helpers/auth-code-bench';
import { portIsFree } from '../helpers/ports';

describe('authorization-code Test against oidc-provider, signed in with Chromium', () => {
  let bench: AuthCodeBench;
  beforeAll(async () => void (bench = await startAuthCodeBench()));
  afterAll(async () => bench?.close());

  it('signs in through the browser with PKCE S256, state and nonce, and keeps the token', async () => {
    const opener = bench.browser.opener();
    bench.setOpener(opener.open);
    bench.sent.length = 0;
    bench.progress.length = 0;
    const profile = await bench.createProfile();
    const run = await bench.ctx.tests.run(profile.id, { authorizationTimeoutMs: 60_000 });
    const page = await opener.results[0]!;

    expect(run.error).toBeUndefined();
    expect(run.ok).toBe(true);
    expect(steps(run)).toEqual(['authorize', 'callback', 'token']);
    const [authorize, callback, token] = run.exchanges;
    const auth = query(authorize!.request.url);
    const redirectUri = auth.get('redirect_uri')!;
    expect(redirectUri).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/callback$/);
    expect(auth.get('response_type')).toBe('code');
    expect(auth.get('client_id')).toBe('native-app');
    expect(auth.get('scope')).toBe('openid offline_access');
    expect(auth.get('code_challenge_method')).toBe('S256');
    expect(auth.get('state')).toMatch(/^[\w-]{22,}$/);
    expect(auth.get('nonce')).toMatch(/^[\w-]{22,}$/);
    expect(opener.urls).toEqual([authorize!.request.url]);

    // The callback: state echoed, iss sent by oidc-provider (RFC 9207), the code redacted.
    expect(query(callback!.request.url).get('code')).toBe('[redacted]');
    expect(query(callback!.request.url).get('state')).toBe(auth.get('state'));
    expect(query(callback!.request.url).get('iss')).toBe(bench.idp.issuer);
    expect(callback!.response?.status).toBe(200);
    expect(page.status).toBe(200);
    expect(page.text).toContain('Signed in');

    // One code exchange, carrying the verifier whose S256 challenge went to the IdP (RFC 7636 §4.5).
    const exchanges = bench.sent.filter((r) => r.step === 'token');
    expect(exchanges).toHaveLength(1);
    const form = new URLSearchParams(exchanges[0]!.body!);
    const verifier = form.get('code_verifier')!;
    expect(verifier).toMatch(VERIFIER_PATTERN);
    expect(challengeFor(verifier, 'S256')).toBe(auth.get('code_challenge'));
    expect(form.get('grant_type')).toBe('authorization_code');
    expect(form.get('redirect_uri')).toBe(redirectUri);
    expect(form.get('client_id')).toBe('native-app');
    expect(form.has('scope')).toBe(false);
    const code = form.get('code')!;
    expect(new URLSearchParams(token!.request.body!).get('code_verifier')).toBe('[redacted]');
    expect(token!.response?.status).toBe(200);
    expect(run.token).toMatchObject({ tokenType: 'Bearer', hasRefreshToken: true });

    // Neither the code nor the verifier appears anywhere in the run; the port is released.
    const json = JSON.stringify(run);
    for (const secret of [code, verifier]) expect(json).not.toContain(secret);
    expect(await portIsFree(Number(new URL(redirectUri).port))).toBe(true);

    expect(bench.progress.map((p) => [p.step, p.message])).toEqual(
      expect.arrayContaining([
        ['browser', 'Opening the browser…'],
        ['browser', 'Waiting for you to sign in (1 min)…'],
        ['token', 'Exchanging the code…'],
      ]),
    );
    expect(await bench.call('tokens:get', { profileId: profile.id })).toMatchObject({
      ok: true,
      value: { tokenType: 'Bearer', hasRefreshToken: true, usable: true },
    });
  });

  it('never exchanges a code whose callback carries a forged state, and keeps waiting for a valid one', async () => {
    const opener = bench.browser.opener({ editUrl: (u) => u.searchParams.set('state', 'forged-state-value') });
    bench.setOpener(opener.open);
    bench.sent.length = 0;
    const started = Date.now();
    const run = await bench.ctx.tests.run((await bench.createProfile()).id, { authorizationTimeoutMs: 15_000 });
    const page = await opener.results[0]!;
    expect(run.ok).toBe(false);
    // The refused callback did not end the sign-in: the flow waited out its time for a valid one.
    expect(Date.now() - started).toBeGreaterThanOrEqual(14_900);
    expect(run.error).toMatchObject({
      code: 'invalid_response',
      message: expect.stringMatching(/state does not match.*no valid callback came within 15 s \(1 refused callback\)/),
    });
    expect(steps(run)).toEqual(['authorize', 'callback']);
    expect(bench.sent.filter((r) => r.step === 'token')).toEqual([]);
    // The IdP did issue a code (it reached the callback), and the browser was told it was refused.
    expect(query(page.callbackUrl).get('code')).toBeTruthy();
    expect(page.status).toBe(400);
    expect(page.text).toContain('Callback refused');
  });

  it('reports access_denied with its description when the user cancels at the IdP', async () => {
    const opener = bench.browser.opener({ consent: 'cancel' });
    bench.setOpener(opener.open);
    const run = await bench.ctx.tests.run((await bench.createProfile()).id, { authorizationTimeoutMs: 60_000 });
    const page = await opener.results[0]!;
    expect(run.ok).toBe(false);
    expect(run.error).toMatchObject({
      code: 'oauth_error',
      oauthError: 'access_denied',
      oauthErrorDescription: 'End-User aborted interaction',
    });
    expect(run.error?.diagnosis).toMatch(/declined/);
    expect(steps(run)).toEqual(['authorize', 'callback']);
    expect(page.text).toContain('Sign-in did not complete');
  });

  it('times out when nobody signs in, and releases the callback port', async () => {
    const urls: string[] = [];
    bench.setOpener(async (url) => void urls.push(url));
    const started = Date.now();
    const run = await bench.ctx.tests.run((await bench.createProfile()).id, { authorizationTimeoutMs: 1000 });
    expect(Date.now() - started).toBeLessThan(5000);
    expect(run.error).toMatchObject({ code: 'timeout', message: expect.stringMatching(/within 1 s/) });
    expect(steps(run)).toEqual(['authorize']);
    expect(run.exchanges[0]!.error?.code).toBe('timeout');
    expect(await portIsFree(Number(new URL(query(urls[0]!).get('redirect_uri')!).port))).toBe(true);
  });

  it('stops waiting on Cancel (test:cancel) and on an aborted signal', async () => {
    const profile = await bench.createProfile();
    bench.setOpener(async () => void setTimeout(() => void bench.call('test:cancel', { profileId: profile.id }), 200));
    const cancelled = await bench.ctx.tests.run(profile.id, { authorizationTimeoutMs: 60_000 });
    expect(cancelled.error).toMatchObject({ code: 'cancelled' });

    const controller = new AbortController();
    let redirect = '';
    bench.setOpener(async (url) => {
      redirect = query(url).get('redirect_uri')!;
      setTimeout(() => controller.abort(), 200);
    });
    const aborted = await bench.ctx.tests.run(profile.id, {
      authorizationTimeoutMs: 60_000,
      signal: controller.signal,
    });
    expect(aborted.error).toMatchObject({ code: 'cancelled' });
    expect(await portIsFree(Number(new URL(redirect).port))).toBe(true);
  });
});
