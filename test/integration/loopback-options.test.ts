/**
 * The loopback callback server's profile choices over real sockets (RFC 8252 §7.3, §8.3; docs/security.md,
 * "OAuth defences"): `localhost` on both 127.0.0.1 and ::1 (never another interface), a custom path, the
 * Host check, form_post callbacks (OAuth 2.0 Form Post Response Mode) and URLs pasted from the address bar.
 */
import { request } from 'node:http';
import { networkInterfaces } from 'node:os';
import { connect, createServer } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { AppError } from '../../src-shared/errors';
import {
  MAX_REFUSED_CALLBACKS,
  startLoopbackServer,
  type LoopbackOptions,
  type LoopbackServer,
} from '../../src-main/oauth/loopback-server';
import { MAX_FORM_POST_BYTES } from '../../src-main/oauth/callback-request';

const STATE = 'state-0123456789abcdef';
const ISSUER = 'https://idp.example.com';

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** One HTTP request to `address`:`port` with any method, path, Host, content type and body. */
function send(
  port: number,
  path: string,
  opts: { address?: string; method?: string; host?: string; type?: string; body?: string } = {},
): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = { host: opts.host ?? `127.0.0.1:${port}` };
    if (opts.type) headers['content-type'] = opts.type;
    const req = request(
      { host: opts.address ?? '127.0.0.1', port, path, method: opts.method ?? 'GET', headers },
      (res) => {
        let body = '';
        res.setEncoding('utf8').on('data', (c) => (body += c));
        res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body }));
      },
    );
    req.on('error', reject);
    req.end(opts.body);
  });
}

/** True when a TCP connection to `address`:`port` is accepted. */
function accepts(address: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, address, () => (socket.destroy(), resolve(true)));
    socket.on('error', () => resolve(false));
  });
}

/** Whether this machine has an IPv6 loopback (::1) to bind; without one `localhost` binds 127.0.0.1 alone. */
const HAS_IPV6_LOOPBACK = await new Promise<boolean>((resolve) => {
  const probe = createServer();
  probe.once('error', () => resolve(false));
  probe.listen(0, '::1', () => probe.close(() => resolve(true)));
});

const form = (params: Record<string, string>) => new URLSearchParams(params).toString();
const FORM = 'application/x-www-form-urlencoded';

describe('LoopbackServer with the profile’s host, path and response mode', () => {
  let server: LoopbackServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });
  const start = async (options: Partial<LoopbackOptions> = {}) =>
    (server = await startLoopbackServer({ state: STATE, acceptsIssuer: (iss) => iss === ISSUER, ...options }));
  const wait = (s: LoopbackServer, timeoutMs = 5000) => s.waitForCallback({ timeoutMs });

  it.skipIf(!HAS_IPV6_LOOPBACK)(
    'with localhost, listens on 127.0.0.1 and ::1 on the same port, and on no other interface',
    async () => {
      const s = await start({ host: 'localhost' });
      expect(s.redirectUri).toBe(`http://localhost:${s.port}/callback`);
      const host = `localhost:${s.port}`;
      expect((await send(s.port, '/callback?state=wrong', { host })).status).toBe(400);
      expect((await send(s.port, '/callback?state=wrong', { host, address: '::1' })).status).toBe(400);
      const external = Object.values(networkInterfaces())
        .flat()
        .find((i) => i && !i.internal);
      if (external) expect(await accepts(external.address, s.port)).toBe(false);
      const reply = await send(s.port, `/callback?${form({ code: 'over-v6', state: STATE })}`, {
        host,
        address: '::1',
      });
      expect(reply.status).toBe(200);
      const result = await wait(s);
      expect(result.outcome).toEqual({ kind: 'code', code: 'over-v6' });
      expect(result.exchange?.request.url).toBe(`${s.redirectUri}?code=over-v6&state=${STATE}`);
      await s.close();
      expect(await accepts('::1', s.port)).toBe(false);
      expect(await accepts('127.0.0.1', s.port)).toBe(false);
    },
  );

  it('accepts exactly the redirect URI’s host:port in the Host header', async () => {
    const s = await start({ host: 'localhost' });
    const params = `/callback?${form({ code: 'c', state: STATE })}`;
    for (const host of [`127.0.0.1:${s.port}`, `[::1]:${s.port}`, 'localhost', `localhost:${s.port + 1}`]) {
      const reply = await send(s.port, params, { host });
      expect(reply.status, host).toBe(400);
      expect(reply.body).toContain(`localhost:${s.port}`);
    }
    expect((await send(s.port, params, { host: `localhost:${s.port}` })).status).toBe(200);
    expect((await wait(s)).outcome).toEqual({ kind: 'code', code: 'c' });
  });

  it('serves a custom path only: /callback and other paths are 404 and the flow keeps waiting', async () => {
    const s = await start({ path: '/auth/cb' });
    expect(s.redirectUri).toBe(`http://127.0.0.1:${s.port}/auth/cb`);
    const params = form({ code: 'c', state: STATE });
    expect((await send(s.port, `/callback?${params}`)).status).toBe(404);
    expect((await send(s.port, `/auth/cb/extra?${params}`)).status).toBe(404);
    expect((await send(s.port, `/auth/cb/../cb?${params}`)).status).toBe(200);
    expect((await wait(s)).outcome).toEqual({ kind: 'code', code: 'c' });
  });

  describe('form_post', () => {
    it('takes the right state from a POSTed form and records the body', async () => {
      const s = await start({ responseMode: 'form_post' });
      const body = form({ code: 'posted-code', state: STATE, iss: ISSUER });
      const reply = await send(s.port, '/callback', { method: 'POST', type: `${FORM}; charset=UTF-8`, body });
      expect(reply.status).toBe(200);
      expect(reply.body).not.toContain('posted-code');
      const result = await wait(s);
      expect(result.outcome).toEqual({ kind: 'code', code: 'posted-code' });
      expect(result.exchange?.request).toMatchObject({ method: 'POST', url: s.redirectUri, body });
    });

    it('refuses a wrong state (400, counted) and keeps waiting; an IdP error is decided like a GET', async () => {
      const s = await start({ responseMode: 'form_post' });
      const post = (params: Record<string, string>) =>
        send(s.port, '/callback', { method: 'POST', type: FORM, body: form(params) });
      expect((await post({ code: 'c', state: 'forged' })).status).toBe(400);
      const denied = await post({ error: 'access_denied', error_description: 'no', state: STATE });
      expect(denied.status).toBe(400);
      expect((await wait(s)).outcome).toEqual({ kind: 'idp_error', error: 'access_denied', description: 'no' });
      expect((await post({ code: 'late', state: STATE })).status).toBe(409);
    });

    it(`answers 413 above ${MAX_FORM_POST_BYTES} bytes, 415 for another content type, 405 for PUT`, async () => {
      const s = await start({ responseMode: 'form_post' });
      const big = form({ state: STATE, code: 'c', pad: 'x'.repeat(MAX_FORM_POST_BYTES) });
      expect((await send(s.port, '/callback', { method: 'POST', type: FORM, body: big })).status).toBe(413);
      const json = JSON.stringify({ code: 'c', state: STATE });
      expect((await send(s.port, '/callback', { method: 'POST', type: 'application/json', body: json })).status).toBe(
        415,
      );
      const put = await send(s.port, '/callback', {
        method: 'PUT',
        type: FORM,
        body: form({ code: 'c', state: STATE }),
      });
      expect(put.status).toBe(405);
      expect(put.headers.allow).toBe('POST, GET');
      // None of these was a callback: the flow still waits and the right one wins.
      const body = form({ code: 'real', state: STATE });
      expect((await send(s.port, '/callback', { method: 'POST', type: FORM, body })).status).toBe(200);
      expect((await wait(s)).outcome).toEqual({ kind: 'code', code: 'real' });
    });

    it('a code in the query (the IdP ignored form_post) decides the flow without being exchanged', async () => {
      const s = await start({ responseMode: 'form_post' });
      expect((await send(s.port, `/callback?${form({ code: 'c', state: 'forged' })}`)).status).toBe(400);
      const reply = await send(s.port, `/callback?${form({ code: 'in-query', state: STATE })}`);
      expect(reply.status).toBe(400);
      expect(reply.body).toContain('answered in the URL (query)');
      const result = await wait(s);
      expect(result.outcome).toEqual({ kind: 'response_mode_ignored' });
      expect(result.exchange?.request.method).toBe('GET');
    });

    it('an error in the query is still the IdP’s error (e.g. it refuses the response mode)', async () => {
      const s = await start({ responseMode: 'form_post' });
      await send(s.port, `/callback?${form({ error: 'invalid_request', state: STATE })}`);
      expect((await wait(s)).outcome).toEqual({ kind: 'idp_error', error: 'invalid_request' });
    });
  });

  describe('a pasted redirected URL', () => {
    it('is handled like the callback: accepted, recorded as a GET without headers', async () => {
      const s = await start({ host: 'localhost', path: '/cb' });
      const url = `${s.redirectUri}?${form({ code: 'pasted', state: STATE, iss: ISSUER })}`;
      const answer = s.deliver(`  ${url}\n`);
      expect(answer).toEqual({ accepted: true, message: expect.stringContaining('exchanging the code') });
      expect(JSON.stringify(answer)).not.toContain('pasted');
      const result = await wait(s);
      expect(result.outcome).toEqual({ kind: 'code', code: 'pasted' });
      expect(result.exchange?.request).toEqual({ method: 'GET', url, headers: {}, body: null });
      expect(() => s.deliver(url)).toThrow(expect.objectContaining({ code: 'conflict' }));
    });

    it('takes the address without its scheme, as some address bars show it', async () => {
      const s = await start();
      const url = `127.0.0.1:${s.port}/callback?${form({ code: 'bare', state: STATE })}`;
      expect(s.deliver(url).accepted).toBe(true);
      expect((await wait(s)).outcome).toEqual({ kind: 'code', code: 'bare' });
    });

    it('refuses a wrong state, counted with refused callbacks, and keeps waiting', async () => {
      const s = await start();
      const wrong = (i: number) => `${s.redirectUri}?${form({ code: 'c', state: `guess-${i}` })}`;
      expect(s.deliver(wrong(0))).toEqual({
        accepted: false,
        message: expect.stringContaining('state parameter does not match'),
      });
      await send(s.port, '/callback?code=c&state=also-wrong');
      for (let i = 1; i < MAX_REFUSED_CALLBACKS - 1; i++) expect(s.deliver(wrong(i)).accepted).toBe(false);
      expect((await wait(s)).outcome).toEqual({ kind: 'too_many_refused', refused: MAX_REFUSED_CALLBACKS });
    });

    it('refuses another host, port or path, and text that is not a URL, without repeating it', async () => {
      const s = await start({ path: '/cb' });
      const params = form({ code: 'secret-code', state: STATE });
      for (const url of [
        `http://localhost:${s.port}/cb?${params}`,
        `http://127.0.0.1:${s.port + 1}/cb?${params}`,
        `http://127.0.0.1:${s.port}/callback?${params}`,
        `https://127.0.0.1:${s.port}/cb?${params}`,
        `http://evil.example/cb?${params}`,
        'code=secret-code',
        'http://[nonsense',
        '',
        'x'.repeat(9000),
      ]) {
        let error: unknown;
        try {
          s.deliver(url);
        } catch (err) {
          error = err;
        }
        expect(error, url.slice(0, 60)).toBeInstanceOf(AppError);
        expect(error).toMatchObject({ code: 'invalid_request' });
        expect((error as Error).message).not.toContain('secret-code');
      }
      expect((await s.waitForCallback({ timeoutMs: 100 })).outcome).toEqual({ kind: 'timeout' });
    });

    it('with form_post, a pasted URL without the response says to use the query mode', async () => {
      const s = await start({ responseMode: 'form_post' });
      expect(() => s.deliver(s.redirectUri)).toThrow(/Response Mode to query/);
      // A pasted URL that does carry a code (an IdP that ignored form_post) is decided as a GET would be.
      expect(s.deliver(`${s.redirectUri}?${form({ code: 'q', state: STATE })}`)).toEqual({
        accepted: true,
        message: expect.stringContaining('answered in the URL (query)'),
      });
      expect((await wait(s)).outcome).toEqual({ kind: 'response_mode_ignored' });
    });
  });
});
