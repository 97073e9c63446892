/**
 * The hostile corpus, callback side (docs/security.md, "Hostile input"): an authorization-code Test through
 * the real services and the real loopback callback server, with a "browser" that sends hostile callbacks
 * over real HTTP and a token endpoint that counts its calls. Each case ends in a classified TestRun within
 * its time bound; duplicate callbacks lead to exactly one code exchange.
 */
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { TestRun } from '../../src-shared/test-run';
import { makeTestContext, type TestContext } from '../helpers/context';

let ctx: TestContext;
let idp: Server;
let origin: string;
const tokenBodies: string[] = [];
let opener: (url: string) => Promise<void> = async () => {};
let n = 0;

beforeAll(async () => {
  idp = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      if (req.url !== '/token') return void res.writeHead(404).end();
      tokenBodies.push(body);
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ access_token: 'callback-test-token', token_type: 'Bearer', expires_in: 60 }));
    });
  });
  await new Promise<void>((resolve) => idp.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(idp.address() as AddressInfo).port}`;
  ctx = makeTestContext({ openBrowser: (url) => opener(url) });
});
afterAll(async () => {
  await ctx?.dispose();
  idp?.closeAllConnections();
  await new Promise((resolve) => idp?.close(resolve));
});
beforeEach(() => void (tokenBodies.length = 0));

/** A GET (or `method`) to the loopback callback with `params`, optionally with another Host header. */
function hit(
  authorizeUrl: string,
  params: Record<string, string>,
  opts: { method?: string; host?: string; path?: string } = {},
) {
  const redirect = new URL(new URL(authorizeUrl).searchParams.get('redirect_uri')!);
  const path = `${opts.path ?? redirect.pathname}?${new URLSearchParams(params)}`;
  return new Promise<number>((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port: redirect.port,
        path,
        method: opts.method ?? 'GET',
        headers: opts.host ? { host: opts.host } : {},
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode!));
      },
    );
    req.on('error', reject).end();
  });
}
const stateOf = (url: string) => new URL(url).searchParams.get('state')!;

/** Runs an authorization-code Test of a new public-client profile while `browser` plays the user. */
async function runWith(browser: (url: string) => Promise<void>, options: { authorizationTimeoutMs?: number } = {}) {
  const profile = await ctx.profiles.create({
    grantType: 'authorization_code',
    name: `callback ${++n}`,
    identityProviderName: 'counting IdP',
    clientId: 'callback-client',
    clientAuthMethod: 'none',
    authorizationUrl: `${origin}/authorize`,
    tokenUrl: `${origin}/token`,
  });
  opener = async (url) => void setTimeout(() => void browser(url).catch(() => undefined), 50);
  const started = performance.now();
  const run = await ctx.tests.run(profile.id, { timeoutMs: 5000, authorizationTimeoutMs: 10_000, ...options });
  return { run, ms: performance.now() - started, profileId: profile.id };
}

const failed = (run: TestRun) => (expect(run.ok, JSON.stringify(run.error)).toBe(false), run.error!);

describe('hostile callbacks during an authorization-code Test', () => {
  it('duplicate callbacks: the first valid one wins, the second gets 409, one code exchange', async () => {
    const statuses: number[] = [];
    const { run } = await runWith(async (url) => {
      statuses.push(await hit(url, { code: 'first', state: stateOf(url) }));
      statuses.push(await hit(url, { code: 'second', state: stateOf(url) }));
    });
    expect(run.ok, JSON.stringify(run.error)).toBe(true);
    expect(tokenBodies).toHaveLength(1);
    expect(new URLSearchParams(tokenBodies[0]).get('code')).toBe('first');
    await expect.poll(() => statuses).toEqual([200, 409]);
  });

  it('error=access_denied → oauth_error naming it, and no code exchange', async () => {
    const { run } = await runWith((url) => hit(url, { error: 'access_denied', state: stateOf(url) }).then(() => {}));
    expect(failed(run)).toMatchObject({ code: 'oauth_error', oauthError: 'access_denied' });
    expect(tokenBodies).toHaveLength(0);
  });

  it('POST, a wrong path and a wrong Host are answered 4xx; the real callback still completes the Test', async () => {
    const statuses: number[] = [];
    const { run } = await runWith(async (url) => {
      const params = { code: 'real', state: stateOf(url) };
      statuses.push(await hit(url, params, { method: 'POST' }));
      statuses.push(await hit(url, params, { path: '/callback/../admin' }));
      statuses.push(await hit(url, params, { path: '/other' }));
      statuses.push(await hit(url, params, { host: 'evil.example' }));
      statuses.push(await hit(url, params));
    });
    expect(run.ok, JSON.stringify(run.error)).toBe(true);
    expect(statuses.slice(0, 4).every((s) => s >= 400 && s < 500)).toBe(true);
    expect(statuses[4]).toBe(200);
    expect(tokenBodies).toHaveLength(1);
  });

  it('the user never finishes: timeout within its bound, no code exchange', async () => {
    const { run, ms } = await runWith(async () => {}, { authorizationTimeoutMs: 500 });
    expect(failed(run).code).toBe('timeout');
    expect(ms).toBeLessThan(4000);
    expect(tokenBodies).toHaveLength(0);
  });

  it('the user presses Cancel while the sign-in is pending: cancelled, at once', async () => {
    const pending = runWith(async () => {});
    await new Promise((resolve) => setTimeout(resolve, 300));
    // Retried until the Test is waiting (a loaded machine may be slow to create the profile and start it).
    for (let tries = 0; !ctx.tests.cancel(ctx.profiles.findIdByName(`callback ${n}`) ?? ''); tries++) {
      expect(tries).toBeLessThan(200);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const { run, ms } = await pending;
    expect(failed(run).code).toBe('cancelled');
    expect(ms).toBeLessThan(6000);
    expect(tokenBodies).toHaveLength(0);
  });
});
