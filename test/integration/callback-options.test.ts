/**
 * The profile's callback choices end to end (RFC 8252 §7.3, docs/security.md, "OAuth defences") against a real
 * oidc-provider, signed in with Chromium: `localhost` with a fixed port and a custom path registered exactly
 * (a web client, no loopback port leniency), `response_mode=form_post` (the browser follows oidc-provider's
 * auto-submitting form), and a sign-in completed by pasting the URL the browser was redirected to.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestRun } from '../../src-shared/test-run';
import { query, startAuthCodeBench, steps, type AuthCodeBench } from '../helpers/auth-code-bench';
import { freePort, portIsFree } from '../helpers/ports';

describe('callback host, port, path, form_post and paste against oidc-provider', () => {
  let bench: AuthCodeBench;
  let exactPort: number;
  beforeAll(async () => {
    exactPort = await freePort();
    bench = await startAuthCodeBench([
      {
        client_id: 'exact-web',
        token_endpoint_auth_method: 'none',
        grant_types: ['authorization_code'],
        redirect_uris: [`http://localhost:${exactPort}/auth/cb`],
        application_type: 'web',
        scope: 'openid',
      },
    ]);
  });
  afterAll(async () => bench?.close());

  const tokenRequests = () => bench.sent.filter((r) => r.step === 'token');

  it('signs in with http://localhost:PORT/auth/cb registered exactly', async () => {
    const opener = bench.browser.opener();
    bench.setOpener(opener.open);
    bench.sent.length = 0;
    const profile = await bench.createProfile({
      clientId: 'exact-web',
      scopes: [{ key: 'scope', value: 'openid' }],
      callbackHost: 'localhost',
      callbackPort: exactPort,
      callbackPath: '/auth/cb',
    });
    const run = await bench.ctx.tests.run(profile.id, { authorizationTimeoutMs: 60_000 });
    const page = await opener.results[0]!;
    expect(run.error).toBeUndefined();
    expect(run.ok).toBe(true);
    const redirectUri = `http://localhost:${exactPort}/auth/cb`;
    expect(query(run.exchanges[0]!.request.url).get('redirect_uri')).toBe(redirectUri);
    expect(run.exchanges[1]!.request.url.startsWith(`${redirectUri}?`)).toBe(true);
    expect(run.exchanges[1]!.request.headers.host).toBe(`localhost:${exactPort}`);
    expect(page.status).toBe(200);
    expect(new URLSearchParams(tokenRequests()[0]!.body!).get('redirect_uri')).toBe(redirectUri);
    expect(await portIsFree(exactPort)).toBe(true);
  });

  it('signs in with response_mode=form_post: the callback is a POST whose code is redacted', async () => {
    const opener = bench.browser.opener();
    bench.setOpener(opener.open);
    bench.sent.length = 0;
    const profile = await bench.createProfile({ responseMode: 'form_post' });
    const run = await bench.ctx.tests.run(profile.id, { authorizationTimeoutMs: 60_000 });
    const page = await opener.results[0]!;
    expect(run.error).toBeUndefined();
    expect(run.ok).toBe(true);
    expect(steps(run)).toEqual(['authorize', 'callback', 'token']);
    const [authorize, callback] = run.exchanges;
    expect(query(authorize!.request.url).get('response_mode')).toBe('form_post');
    expect(callback!.request).toMatchObject({ method: 'POST', url: query(authorize!.request.url).get('redirect_uri') });
    expect(callback!.request.headers['content-type']).toMatch(/^application\/x-www-form-urlencoded/);
    const form = new URLSearchParams(callback!.request.body!);
    expect(form.get('code')).toBe('[redacted]');
    expect(form.get('state')).toBe(query(authorize!.request.url).get('state'));
    expect(page).toMatchObject({ status: 200, text: expect.stringContaining('Signed in') });
    const code = new URLSearchParams(tokenRequests()[0]!.body!).get('code')!;
    expect(JSON.stringify(run)).not.toContain(code);
  });

  it('completes a sign-in from the pasted redirected URL; a wrong state or another URL is refused first', async () => {
    const opener = bench.browser.opener({ capture: true });
    bench.setOpener(opener.open);
    bench.sent.length = 0;
    const profile = await bench.createProfile();
    const running = bench.ctx.tests.run(profile.id, { authorizationTimeoutMs: 60_000 });
    const { callbackUrl } = await (async () => {
      while (!opener.results[0]) await new Promise((r) => setTimeout(r, 20));
      return opener.results[0];
    })();
    const redirected = new URL(callbackUrl);
    const code = redirected.searchParams.get('code')!;
    expect(code).toBeTruthy();
    const paste = (url: string) => bench.call('test:paste-callback', { profileId: profile.id, url });

    const forged = new URL(redirected);
    forged.searchParams.set('state', 'forged');
    expect(await paste(forged.toString())).toEqual({
      ok: true,
      value: { accepted: false, message: expect.stringContaining('state parameter does not match') },
    });
    const elsewhere = new URL(redirected);
    elsewhere.pathname = '/other';
    const refused = await paste(elsewhere.toString());
    expect(refused).toMatchObject({ ok: false, error: { code: 'invalid_request' } });
    expect(JSON.stringify(refused)).not.toContain(code);
    expect(await paste('not a url at all')).toMatchObject({ ok: false, error: { code: 'invalid_request' } });

    const accepted = await paste(callbackUrl);
    expect(accepted).toEqual({ ok: true, value: { accepted: true, message: expect.stringContaining('exchanging') } });
    expect(JSON.stringify(accepted)).not.toContain(code);
    const run: TestRun = await running;
    expect(run.error).toBeUndefined();
    expect(run.ok).toBe(true);
    const callback = run.exchanges[1]!;
    expect(callback.request).toMatchObject({ method: 'GET', headers: {}, body: null });
    expect(query(callback.request.url).get('code')).toBe('[redacted]');
    expect(JSON.stringify(run)).not.toContain(code);
    expect(tokenRequests()).toHaveLength(1);
    // Nor in what was stored of the run, nor in what the renderer could read back.
    expect(JSON.stringify(await bench.call('runs:list', { profileId: profile.id }))).not.toContain(code);
    // The Test has ended: nothing waits for a pasted URL any more.
    expect(await paste(callbackUrl)).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });
});
