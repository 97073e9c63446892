/**
 * The hostile corpus, IdP side (docs/security.md, "Hostile input"): a client-credentials Test through the real
 * services (SQLite, keychain) against each fault-server route; every case ends in a classified TestRun
 * (`error.code`) within its time bound — no throw, no hang. Cases already covered elsewhere are listed in
 * recording-client.test.ts and tls.test.ts; these are the ones missing there, run end to end.
 */
import { createServer as createNetServer, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ErrorCode } from '../../src-shared/errors';
import type { TestRun } from '../../src-shared/test-run';
import { secretAccount } from '../../src-main/secrets/secret-store';
import { makeTestContext, type TestContext } from '../helpers/context';
import { FAULT_ACCESS_TOKEN, startFaultServer, type FaultServer } from '../helpers/fault-server';

const SECRET = 'hostile-idp-secret';
let server: FaultServer;
let ctx: TestContext;
let n = 0;

beforeAll(async () => {
  server = await startFaultServer();
  ctx = makeTestContext();
});
afterAll(async () => {
  await ctx?.dispose();
  await server?.close();
});

/** Creates a client-credentials profile whose token_endpoint is `tokenUrl`, then runs its Test. */
async function runAgainst(tokenUrl: string, timeoutMs = 5000, signal?: AbortSignal): Promise<TestRun> {
  const profile = await ctx.profiles.create(
    {
      grantType: 'client_credentials',
      name: `hostile ${++n}`,
      identityProviderName: 'fault server',
      clientId: 'hostile-client',
      clientAuthMethod: 'client_secret_basic',
      tokenUrl,
    },
    { clientSecret: SECRET },
  );
  // Cancel as the Cancel button does; retried until the run has started (a loaded machine may be slow to start it).
  const cancel = (): unknown => ctx.tests.cancel(profile.id) || setTimeout(cancel, 20);
  if (signal) signal.addEventListener('abort', cancel);
  return ctx.tests.run(profile.id, { timeoutMs });
}

/** Runs `fn` and fails when it takes longer than `boundMs`. */
async function within<T>(boundMs: number, fn: () => Promise<T>): Promise<T> {
  const started = performance.now();
  const value = await fn();
  expect(performance.now() - started, `finished within ${boundMs} ms`).toBeLessThan(boundMs);
  return value;
}

const failed = (run: TestRun) => {
  expect(run.ok, JSON.stringify(run.error)).toBe(false);
  expect(JSON.stringify(run)).not.toContain(SECRET);
  return run.error!;
};

describe('hostile IdP: each bad token response is a classified TestRun', () => {
  const cases: { path: string; code: ErrorCode; message?: RegExp }[] = [
    { path: '/empty-200', code: 'invalid_response' },
    { path: '/json-null', code: 'invalid_response' },
    { path: '/json-array', code: 'invalid_response' },
    { path: '/access-token-number', code: 'invalid_response' },
    { path: '/invalid-utf8', code: 'invalid_response' },
    { path: '/error-and-token', code: 'oauth_error' },
    { path: '/redirect-loop', code: 'redirect' },
    { path: '/gzip-bomb?mb=20', code: 'body_too_large' },
    { path: '/huge-header', code: 'network' },
  ];
  it.each(cases)('$path → $code', async ({ path, code, message }) => {
    const error = failed(await within(8000, () => runAgainst(server.url(path))));
    expect(error.code).toBe(code);
    if (message) expect(error.message).toMatch(message);
  });

  it('reads an XML token response, and a JSON token typed text/plain', async () => {
    for (const path of ['/xml-token', '/text-plain-token']) {
      const run = await within(5000, () => runAgainst(server.url(path)));
      expect(run.ok, `${path}: ${JSON.stringify(run.error)}`).toBe(true);
      expect(JSON.stringify(run)).not.toContain(FAULT_ACCESS_TOKEN);
    }
  });

  it('takes the last of duplicate JSON keys, as JSON.parse does (one token, never a mix)', async () => {
    const run = await runAgainst(server.url('/duplicate-keys'));
    expect(run.ok).toBe(true);
    const stored = await ctx.secrets.get(secretAccount(run.profileId, 'token'));
    expect(JSON.parse(stored!)).toMatchObject({ accessToken: 'second' });
  });
});

describe('hostile IdP: time bounds end to end (connect, total, Cancel)', () => {
  let silent: Server;
  const sockets = new Set<Socket>();
  beforeAll(async () => {
    // Accepts TCP and never speaks: a TLS handshake to it never completes (the connect phase hangs).
    silent = createNetServer((s) => void sockets.add(s.on('close', () => sockets.delete(s))));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
  });
  afterAll(async () => {
    for (const s of sockets) s.destroy();
    await new Promise((resolve) => silent?.close(resolve));
  });

  it('times out a TLS handshake that never completes', async () => {
    const { port } = silent.address() as AddressInfo;
    const error = failed(await within(4000, () => runAgainst(`https://127.0.0.1:${port}/token`, 1000)));
    expect(error.code).toBe('timeout');
  });

  it('times out a hung token endpoint, and a body that stops halfway', async () => {
    for (const path of ['/hung', '/hung-body']) {
      expect(failed(await within(4000, () => runAgainst(server.url(path), 1000))).code).toBe('timeout');
    }
  });

  it('ends a hung Test with cancelled when the user presses Cancel', async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 200);
    const error = failed(await within(5000, () => runAgainst(server.url('/hung'), 60_000, controller.signal)));
    expect(error.code).toBe('cancelled');
  });
});
