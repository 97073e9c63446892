/**
 * The authorization-code flow's defences (docs/security.md, "OAuth defences"; RFC 9207, RFC 9700 §4.5): a callback
 * from another issuer or to another Host, a replayed code, a taken callback port, PKCE plain — each
 * against a real oidc-provider with Chromium signing in.
 */
import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { query, startAuthCodeBench, steps, WEB_APP_SECRET, type AuthCodeBench } from '../helpers/auth-code-bench';
import { freePort, occupyPort } from '../helpers/ports';

describe('authorization-code defences against oidc-provider', () => {
  let bench: AuthCodeBench;
  beforeAll(async () => void (bench = await startAuthCodeBench()));
  afterAll(async () => bench?.close());

  it('refuses a callback from another issuer (RFC 9207 mix-up defence)', async () => {
    const opener = bench.browser.opener();
    bench.setOpener(opener.open);
    bench.sent.length = 0;
    const run = await bench.ctx.tests.run((await bench.createProfile({ issuer: 'https://idp.example.com' })).id, {
      authorizationTimeoutMs: 60_000,
    });
    await opener.results[0];
    expect(run.error).toMatchObject({
      code: 'invalid_response',
      message: expect.stringContaining(`"${bench.idp.issuer}"`),
    });
    expect(run.error?.message).toMatch(/expects "https:\/\/idp\.example\.com".*RFC 9207/);
    expect(bench.sent.filter((r) => r.step === 'token')).toEqual([]);
  });

  it('answers a callback addressed to another Host with 400 and keeps waiting for the real one', async () => {
    const opener = bench.browser.opener();
    let wrongHost: number | undefined;
    bench.setOpener(async (url) => {
      const redirect = new URL(query(url).get('redirect_uri')!);
      wrongHost = await new Promise<number>((resolve, reject) => {
        const req = httpRequest(
          {
            host: '127.0.0.1',
            port: redirect.port,
            path: `/callback?code=x&state=${query(url).get('state')}`,
            headers: { host: `localhost:${redirect.port}` },
          },
          (res) => {
            res.resume();
            resolve(res.statusCode!);
          },
        );
        req.on('error', reject).end();
      });
      await opener.open(url);
    });
    const run = await bench.ctx.tests.run((await bench.createProfile()).id, { authorizationTimeoutMs: 60_000 });
    expect(wrongHost).toBe(400);
    expect(run.ok).toBe(true);
    expect(steps(run)).toEqual(['authorize', 'callback', 'token']);
  });

  it('a replayed code is refused by the IdP with invalid_grant (same redirect URI, no PKCE)', async () => {
    const callbackPort = await freePort();
    const profile = await bench.createProfile(
      {
        clientId: 'web-app',
        clientAuthMethod: 'client_secret_basic',
        scopes: [{ key: 'scope', value: 'openid' }],
        pkce: { enabled: false, method: 'S256' },
        callbackPort,
      },
      WEB_APP_SECRET,
    );
    const opener = bench.browser.opener();
    bench.setOpener(opener.open);
    const first = await bench.ctx.tests.run(profile.id, { authorizationTimeoutMs: 60_000 });
    expect(first.ok).toBe(true);
    expect(query(first.exchanges[0]!.request.url).has('code_challenge')).toBe(false);
    const used = query((await opener.results[0]!).callbackUrl);

    // The second Test's browser delivers the first code again, with this flow's own state.
    bench.setOpener(async (url) => {
      const replay = new URL(query(url).get('redirect_uri')!);
      replay.search = new URLSearchParams({
        code: used.get('code')!,
        state: query(url).get('state')!,
        iss: used.get('iss')!,
      }).toString();
      void fetch(replay).catch(() => {});
    });
    const second = await bench.ctx.tests.run(profile.id, { authorizationTimeoutMs: 60_000 });
    expect(steps(second)).toEqual(['authorize', 'callback', 'token']);
    expect(second.error).toMatchObject({ code: 'oauth_error', oauthError: 'invalid_grant', status: 400 });
    expect(second.exchanges[2]!.request.headers.authorization).toBe('Basic [redacted]');
  });

  it('gives a clear error naming the port when the fixed callback port is in use', async () => {
    const taken = await occupyPort();
    try {
      const profile = await bench.createProfile({ callbackPort: taken.port });
      const res = await bench.call('test:run', { profileId: profile.id });
      expect(res).toMatchObject({
        ok: false,
        error: { code: 'conflict', message: expect.stringContaining(`port ${taken.port}`) },
      });
    } finally {
      await taken.release();
    }
  });

  it('sends PKCE plain only when asked, with a warning (oidc-provider refuses it)', async () => {
    const opener = bench.browser.opener();
    bench.setOpener(opener.open);
    bench.progress.length = 0;
    const run = await bench.ctx.tests.run(
      (await bench.createProfile({ pkce: { enabled: true, method: 'plain' } })).id,
      { authorizationTimeoutMs: 60_000 },
    );
    const auth = query(run.exchanges[0]!.request.url);
    expect(auth.get('code_challenge_method')).toBe('plain');
    // Said once, with the result, not also as progress.
    expect(bench.progress.some((p) => /PKCE "plain"/.test(p.message))).toBe(false);
    expect(run.warnings?.[0]).toMatch(/PKCE "plain"/);
    expect(run.error).toMatchObject({ code: 'oauth_error', oauthError: 'invalid_request' });
    expect(auth.get('code_challenge')).toBe('[redacted]');
  });
});
