/**
 * The loopback callback server (RFC 8252 §7.3, §8.3; docs/security.md, "OAuth defences") over real sockets: what it
 * binds, which requests count as the callback, state and iss checks, first-valid-wins, timeout, Cancel, close.
 */
import { request } from 'node:http';
import { connect, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { AppError } from '../../src-shared/errors';
import { MAX_REFUSED_CALLBACKS, startLoopbackServer, type LoopbackServer } from '../../src-main/oauth/loopback-server';
import { occupyPort, portIsFree } from '../helpers/ports';

const STATE = 'state-0123456789abcdef';
const ISSUER = 'https://idp.example.com';

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** One raw HTTP request to the server, with any method, path and Host header. */
function send(port: number, path: string, options: { method?: string; host?: string } = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        path,
        method: options.method ?? 'GET',
        headers: { host: options.host ?? `127.0.0.1:${port}` },
      },
      (res) => {
        let body = '';
        res.setEncoding('utf8').on('data', (c) => (body += c));
        res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body }));
      },
    );
    req.on('error', reject).end();
  });
}

const callback = (params: Record<string, string>) => `/callback?${new URLSearchParams(params)}`;

describe('LoopbackServer', () => {
  let server: LoopbackServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });
  const start = async (port?: number) =>
    (server = await startLoopbackServer({ state: STATE, acceptsIssuer: (iss) => iss === ISSUER, port }));
  const wait = (s: LoopbackServer, timeoutMs = 5000, signal?: AbortSignal) => s.waitForCallback({ timeoutMs, signal });

  it('listens on 127.0.0.1 only, on an OS-chosen port, with the /callback redirect URI', async () => {
    const s = await start();
    expect(s.port).toBeGreaterThan(0);
    expect(s.redirectUri).toBe(`http://127.0.0.1:${s.port}/callback`);
    expect(await portIsFree(s.port)).toBe(false);
  });

  it('accepts the callback with the right state: a code, a static success page without script', async () => {
    const s = await start();
    const reply = await send(s.port, callback({ code: 'the-code', state: STATE, iss: ISSUER }));
    expect(reply.status).toBe(200);
    expect(reply.body).toContain('Signed in');
    expect(reply.body).not.toMatch(/<script|the-code/i);
    expect(reply.headers['content-security-policy']).toMatch(/default-src 'none'/);
    expect(reply.headers['referrer-policy']).toBe('no-referrer');
    expect(reply.headers['cache-control']).toBe('no-store');
    const result = await wait(s);
    expect(result.outcome).toEqual({ kind: 'code', code: 'the-code' });
    expect(result.exchange).toMatchObject({
      step: 'callback',
      request: {
        method: 'GET',
        url: `${s.redirectUri}?code=the-code&state=${STATE}&iss=${encodeURIComponent(ISSUER)}`,
      },
      response: { status: 200 },
    });
  });

  it('accepts a callback without iss (RFC 9207 applies only when it is sent)', async () => {
    const s = await start();
    await send(s.port, callback({ code: 'c', state: STATE }));
    expect((await wait(s)).outcome).toEqual({ kind: 'code', code: 'c' });
  });

  it('answers other paths, methods and Host headers with 4xx without consuming the flow', async () => {
    const s = await start();
    expect((await send(s.port, '/favicon.ico')).status).toBe(404);
    expect((await send(s.port, '/callback/extra?state=x')).status).toBe(404);
    const post = await send(s.port, callback({ code: 'c', state: STATE }), { method: 'POST' });
    expect(post.status).toBe(405);
    expect(post.headers.allow).toBe('GET');
    expect((await send(s.port, callback({ code: 'c', state: STATE }), { host: `localhost:${s.port}` })).status).toBe(
      400,
    );
    expect((await send(s.port, callback({ code: 'c', state: STATE }), { host: 'attacker.example' })).status).toBe(400);
    expect((await send(s.port, 'http://127.0.0.1/callback?code=c')).status).toBe(400);
    await send(s.port, callback({ code: 'real', state: STATE }));
    expect((await wait(s)).outcome).toEqual({ kind: 'code', code: 'real' });
  });

  it('answers a wrong or missing state with 400 and keeps waiting: the first valid callback wins', async () => {
    const s = await start();
    const waiting = wait(s);
    const forged = await send(s.port, callback({ code: 'the-forged-code', state: 'someone-else' }));
    expect(forged.status).toBe(400);
    expect(forged.body).toContain('Callback refused');
    expect(forged.body).not.toContain('the-forged-code');
    const stateless = await send(s.port, callback({ code: 'the-forged-code' }));
    expect(stateless.status).toBe(400);
    const valid = await send(s.port, callback({ code: 'real', state: STATE }));
    expect(valid.status).toBe(200);
    const result = await waiting;
    expect(result.outcome).toEqual({ kind: 'code', code: 'real' });
    expect(result.exchange?.request.url).toContain('code=real');
    expect((await send(s.port, callback({ code: 'late', state: STATE }))).status).toBe(409);
  });

  it('reports the refused state, with the last refused callback, when no valid one comes in time', async () => {
    const s = await start();
    await send(s.port, callback({ code: 'c', state: 'someone-else' }));
    const result = await wait(s, 300);
    expect(result.outcome).toEqual({ kind: 'state_mismatch', stateSent: true, refused: 1 });
    expect(result.exchange).toMatchObject({ step: 'callback', response: { status: 400 } });
    expect(result.exchange?.request.url).toContain('state=someone-else');
    await s.close();

    const t = await start();
    await send(t.port, callback({ code: 'c' }));
    expect((await wait(t, 300)).outcome).toEqual({ kind: 'state_mismatch', stateSent: false, refused: 1 });
  });

  it(`gives up after ${MAX_REFUSED_CALLBACKS} refused callbacks, and a valid one after that is not taken`, async () => {
    const s = await start();
    const waiting = wait(s);
    for (let i = 0; i < MAX_REFUSED_CALLBACKS; i++)
      expect((await send(s.port, callback({ code: `c${i}`, state: `guess-${i}` }))).status).toBe(400);
    const result = await waiting;
    expect(result.outcome).toEqual({ kind: 'too_many_refused', refused: MAX_REFUSED_CALLBACKS });
    expect(result.exchange?.request.url).toContain(`state=guess-${MAX_REFUSED_CALLBACKS - 1}`);
    expect((await send(s.port, callback({ code: 'real', state: STATE }))).status).toBe(409);
    expect((await wait(s)).outcome).toEqual({ kind: 'too_many_refused', refused: MAX_REFUSED_CALLBACKS });
  });

  it('refuses a callback naming another issuer (mix-up, RFC 9207)', async () => {
    const s = await start();
    await send(s.port, callback({ code: 'c', state: STATE, iss: 'https://evil.example' }));
    expect((await wait(s)).outcome).toEqual({ kind: 'issuer_mismatch', received: 'https://evil.example' });
  });

  it('reports an error response (RFC 6749 §4.1.2.1) with its description, escaped in the page', async () => {
    const s = await start();
    const reply = await send(
      s.port,
      callback({ error: 'access_denied', error_description: '<b>no</b> thanks', state: STATE }),
    );
    expect(reply.status).toBe(400);
    expect(reply.body).toContain('&#60;b&#62;no&#60;/b&#62; thanks');
    expect(reply.body).not.toContain('<b>');
    expect((await wait(s)).outcome).toEqual({
      kind: 'idp_error',
      error: 'access_denied',
      description: '<b>no</b> thanks',
    });
  });

  it('lets the first callback win; later ones see "already handled"', async () => {
    const s = await start();
    const [first, second] = [
      await send(s.port, callback({ code: 'first', state: STATE })),
      await send(s.port, callback({ code: 'second', state: STATE })),
    ];
    expect(first.status).toBe(200);
    expect(second.status).toBe(409);
    expect(second.body).toContain('Already handled');
    expect((await wait(s)).outcome).toEqual({ kind: 'code', code: 'first' });
  });

  it('times out, and is cancelled by an abort signal (before or during the wait)', async () => {
    const s = await start();
    const started = Date.now();
    expect((await wait(s, 300)).outcome).toEqual({ kind: 'timeout' });
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    expect((await wait(s, 5000, controller.signal)).outcome).toEqual({ kind: 'cancelled' });
    expect((await wait(s, 5000, AbortSignal.abort())).outcome).toEqual({ kind: 'cancelled' });
  });

  it('releases the port on close, even with a connection still open; close is idempotent', async () => {
    const s = await start();
    const idle = await new Promise<Socket>((resolve) => {
      const socket = connect(s.port, '127.0.0.1', () => resolve(socket));
    });
    await Promise.all([s.close(), s.close()]);
    idle.destroy();
    expect(await portIsFree(s.port)).toBe(true);
  });

  it('binds a fixed port, and names it when it is already in use (EADDRINUSE)', async () => {
    const taken = await occupyPort();
    try {
      const error = await startLoopbackServer({ state: STATE, acceptsIssuer: () => true, port: taken.port }).catch(
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(AppError);
      expect(error).toMatchObject({
        code: 'conflict',
        message: expect.stringContaining(`Callback port ${taken.port}`),
      });
    } finally {
      await taken.release();
    }
    const s = await start(taken.port);
    expect(s.redirectUri).toBe(`http://127.0.0.1:${taken.port}/callback`);
  });
});
