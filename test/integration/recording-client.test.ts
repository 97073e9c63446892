/**
 * The recording client against a hostile token endpoint over real HTTP (docs/security.md, "Hostile input"):
 * every case must end in one classified error, with what was sent and received recorded.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ErrorCode } from '../../src-shared/errors';
import type { Exchange } from '../../src-shared/test-run';
import { createRecordingClient, type HttpRequest } from '../../src-main/http/recording-client';
import { clientCredentialsRequest } from '../helpers/token-requests';
import { freePort } from '../helpers/ports';
import { interpretTokenExchange } from '../../src-main/oauth/token-response';
import { FAULT_ACCESS_TOKEN, startFaultServer, type FaultServer } from '../helpers/fault-server';

const http = createRecordingClient();
let server: FaultServer;

beforeAll(async () => {
  server = await startFaultServer();
});

afterAll(async () => {
  await server?.close();
});

/** A client-credentials token request (client_secret_basic) to `path` on the fault server. */
async function tokenRequest(path: string, extra: Partial<HttpRequest> = {}): Promise<HttpRequest> {
  const req = await clientCredentialsRequest({
    tokenUrl: server.url(path),
    clientId: 'fault-client',
    clientSecret: 'fault secret:1',
    clientAuthMethod: 'client_secret_basic',
    scopes: [{ key: 'scope', value: 'api:read' }],
  });
  return { step: 'token', ...req, ...extra };
}

async function exchangeAndInterpret(path: string, extra: Partial<HttpRequest> = {}) {
  const exchange = await http.send(await tokenRequest(path, extra));
  return { exchange, result: interpretTokenExchange(exchange) };
}

function errorOf(result: ReturnType<typeof interpretTokenExchange>) {
  if (result.ok) throw new Error('expected the token exchange to fail');
  return result.error;
}

describe('createRecordingClient: a token endpoint that answers badly', () => {
  const cases: { path: string; code: ErrorCode; status: number; message?: RegExp }[] = [
    { path: '/html-200', code: 'invalid_response', status: 200, message: /HTML page/ },
    { path: '/html-500', code: 'http_error', status: 500, message: /HTTP 500 .*HTML page/ },
    { path: '/truncated-json', code: 'invalid_response', status: 200, message: /JSON is invalid/ },
    { path: '/no-access-token', code: 'invalid_response', status: 200, message: /without an access_token/ },
    { path: '/no-token-type', code: 'invalid_response', status: 200, message: /without a token_type/ },
    { path: '/expires-text', code: 'invalid_response', status: 200, message: /expires_in is "one hour"/ },
    { path: '/expires-negative', code: 'invalid_response', status: 200, message: /expires_in is -5/ },
  ];

  it.each(cases)('$path → $code', async ({ path, code, status, message }) => {
    const { exchange, result } = await exchangeAndInterpret(path);
    expect(exchange.response?.status).toBe(status);
    expect(exchange.error, 'the transport itself succeeded').toBeUndefined();
    const error = errorOf(result);
    expect(error.code).toBe(code);
    expect(error.status).toBe(status);
    if (message) expect(error.message).toMatch(message);
  });

  it('/error-200 → oauth_error with the IdP error, though the status is 200', async () => {
    const error = errorOf((await exchangeAndInterpret('/error-200')).result);
    expect(error).toMatchObject({
      code: 'oauth_error',
      status: 200,
      oauthError: 'invalid_client',
      oauthErrorDescription: 'Client authentication failed',
    });
  });

  it('drops a javascript: error_uri but keeps the OAuth error', async () => {
    const error = errorOf((await exchangeAndInterpret('/error-uri-javascript')).result);
    expect(error).toMatchObject({ code: 'oauth_error', status: 400, oauthError: 'invalid_request' });
    expect(error).not.toHaveProperty('oauthErrorUri');
  });

  it('reads a numeric-string expires_in and a form-encoded token response', async () => {
    const asString = (await exchangeAndInterpret('/expires-string')).result;
    expect(asString.ok && asString.token.summary.expiresIn).toBe(3600);
    const form = (await exchangeAndInterpret('/form')).result;
    expect(form.ok && form.token).toEqual({
      accessToken: FAULT_ACCESS_TOKEN,
      summary: { tokenType: 'bearer', expiresIn: 7200, scope: 'read write', hasRefreshToken: false },
    });
  });

  it('does not follow a redirect: the 302 is recorded and classified as redirect', async () => {
    const { exchange, result } = await exchangeAndInterpret('/redirect');
    expect(exchange.request.url).toBe(server.url('/redirect'));
    expect(exchange.response?.status).toBe(302);
    expect(exchange.response?.headers.location).toBe('https://elsewhere.example/oauth/token');
    expect(errorOf(result)).toMatchObject({ code: 'redirect', status: 302 });
  });

  it('records a 401 without a body with its WWW-Authenticate header → http_error', async () => {
    const { exchange, result } = await exchangeAndInterpret('/www-authenticate');
    expect(exchange.response).toMatchObject({ status: 401, statusText: 'Unauthorized', body: null });
    expect(exchange.response?.headers['www-authenticate']).toBe('Bearer realm="fault", error="invalid_token"');
    expect(errorOf(result)).toMatchObject({ code: 'http_error', status: 401 });
  });

  it('records a 429 with Retry-After → http_error with a rate-limit diagnosis', async () => {
    const { exchange, result } = await exchangeAndInterpret('/rate-limited');
    expect(exchange.response?.headers['retry-after']).toBe('30');
    const error = errorOf(result);
    expect(error).toMatchObject({ code: 'http_error', status: 429 });
    expect(error.hint).toMatch(/Retry-After/);
  });

  it('stops reading at the cap: body_too_large, the body truncated to exactly the cap', async () => {
    const { exchange, result } = await exchangeAndInterpret('/huge?mb=6');
    expect(exchange.response?.truncated).toBe(true);
    expect(exchange.response?.body).toHaveLength(5 * 1024 * 1024);
    expect(exchange.error?.code).toBe('body_too_large');
    expect(errorOf(result)).toMatchObject({ code: 'body_too_large', status: 200 });
  });

  it('honours a smaller maxBodyBytes', async () => {
    const { exchange, result } = await exchangeAndInterpret('/huge?mb=1', { maxBodyBytes: 1000 });
    expect(exchange.response?.body).toHaveLength(1000);
    expect(errorOf(result).code).toBe('body_too_large');
  });
});

describe('createRecordingClient: deadlines, refusal and cancel', () => {
  it('waits for a slow response within the deadline', async () => {
    const { exchange, result } = await exchangeAndInterpret('/slow?ms=300', { timeoutMs: 5000 });
    expect(result.ok).toBe(true);
    expect(exchange.durationMs).toBeGreaterThanOrEqual(290);
  });

  it('times out a response whose headers come too late', async () => {
    const { exchange, result } = await exchangeAndInterpret('/slow?ms=3000', { timeoutMs: 300 });
    expect(exchange.response).toBeNull();
    expect(exchange.error?.code).toBe('timeout');
    expect(errorOf(result).code).toBe('timeout');
  });

  it('times out a hung response and says after how long', async () => {
    const started = performance.now();
    const { exchange, result } = await exchangeAndInterpret('/hung', { timeoutMs: 400 });
    expect(performance.now() - started).toBeLessThan(3000);
    expect(exchange.response).toBeNull();
    expect(exchange.error).toEqual({ code: 'timeout', message: expect.stringMatching(/within 0\.4 s/) });
    expect(exchange.request.headers.authorization, 'the request is still recorded').toMatch(/^Basic /);
    expect(errorOf(result)).toMatchObject({ code: 'timeout', diagnosis: expect.any(String) });
  });

  it('times out a body that stops halfway', async () => {
    const { exchange } = await exchangeAndInterpret('/hung-body', { timeoutMs: 400 });
    expect(exchange.error?.code).toBe('timeout');
  });

  it('classifies a closed port as connection_refused', async () => {
    const port = await freePort();
    const exchange = await http.send({ ...(await tokenRequest('/token')), url: `http://127.0.0.1:${port}/token` });
    expect(exchange.response).toBeNull();
    expect(exchange.error?.code).toBe('connection_refused');
    expect(errorOf(interpretTokenExchange(exchange))).toMatchObject({
      code: 'connection_refused',
      diagnosis: 'Nothing answered at the Token Request URL (connection refused).',
    });
  });

  it('ends with cancelled when the caller aborts while waiting for headers', async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 150);
    const exchange = await http.send(await tokenRequest('/hung', { signal: controller.signal, timeoutMs: 10_000 }));
    expect(exchange.error?.code).toBe('cancelled');
    expect(exchange.durationMs).toBeLessThan(5000);
  });

  it('ends with cancelled when the caller aborts while the body is streaming', async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 150);
    const exchange = await http.send(
      await tokenRequest('/hung-body', { signal: controller.signal, timeoutMs: 10_000 }),
    );
    expect(exchange.error?.code).toBe('cancelled');
  });

  it('ends with cancelled at once when the signal is already aborted', async () => {
    const exchange = await http.send(await tokenRequest('/token', { signal: AbortSignal.abort() }));
    expect(exchange).toMatchObject({ response: null, error: { code: 'cancelled' } });
  });
});

describe('createRecordingClient: what is recorded is what was sent', () => {
  const echo = async (
    req: HttpRequest,
  ): Promise<{ exchange: Exchange; seen: { method: string; headers: Record<string, string>; body: string } }> => {
    const exchange = await http.send(req);
    return { exchange, seen: JSON.parse(exchange.response!.body!) };
  };

  it('records the headers on the wire, including those the HTTP stack added', async () => {
    const { exchange, seen } = await echo(await tokenRequest('/echo'));
    expect(seen.method).toBe('POST');
    expect(seen.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(seen.headers.authorization).toMatch(/^Basic /);
    for (const [name, value] of Object.entries(exchange.request.headers)) expect(seen.headers[name], name).toBe(value);
    // Added below our code: they must appear in the record too.
    expect(exchange.request.headers['content-length']).toBe(String(Buffer.byteLength(exchange.request.body!)));
    expect(exchange.request.headers.host).toBe(new URL(server.url('/')).host);
    expect(exchange.request.headers['user-agent']).toBe(seen.headers['user-agent']);
  });

  it('records the body byte for byte as sent', async () => {
    const { exchange, seen } = await echo(await tokenRequest('/echo'));
    expect(seen.body).toBe(exchange.request.body);
    expect(new URLSearchParams(seen.body).get('grant_type')).toBe('client_credentials');
  });

  it('sends a JSON-typed body exactly as given (no re-serialising, no trimming)', async () => {
    for (const body of [' {"grant_type": "client_credentials"}\n', 'not json at all']) {
      const { exchange, seen } = await echo({
        step: 'token',
        method: 'POST',
        url: server.url('/echo'),
        headers: { 'content-type': 'application/json' },
        body,
      });
      expect(seen.body).toBe(body);
      expect(exchange.request.body).toBe(body);
      expect(exchange.request.headers['content-length']).toBe(String(Buffer.byteLength(body)));
    }
  });

  it('records the method and the exact URL', async () => {
    const url = server.url('/echo?x=1');
    const { exchange, seen } = await echo({
      step: 'check',
      method: 'get',
      url,
      headers: { accept: 'application/json' },
    });
    expect(seen.method).toBe('GET');
    expect(exchange.request).toMatchObject({ method: 'GET', url, body: null });
    expect(exchange.response?.status).toBe(200);
  });
});
