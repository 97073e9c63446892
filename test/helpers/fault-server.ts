/**
 * A hostile token endpoint for tests (docs/security.md, "Hostile input"): each path answers one way an IdP
 * can go wrong. Binds 127.0.0.1 on an OS-chosen port; `close` also ends hung and streaming responses.
 *
 * Routes (any method): /token (a valid JSON token response), /html-200, /html-500, /truncated-json,
 * /no-access-token, /no-token-type, /error-200, /expires-string, /expires-text, /expires-negative,
 * /huge?mb=6 (streamed), /slow?ms=N (headers after N ms, then a valid token), /hung (never answers),
 * /hung-body (headers and half a body, then nothing),
 * /redirect (302 to another origin), /www-authenticate (401, no body), /rate-limited (429 Retry-After),
 * /form (form-urlencoded token response), /error-uri-javascript, /echo (the request as JSON).
 * Hostile corpus routes: /empty-200 (JSON type, no body), /text-plain-token (a token typed text/plain),
 * /xml-token (an XML token response), /json-null, /json-array, /access-token-number, /gzip-bomb?mb=N (N MB of
 * zeros, gzip-compressed), /invalid-utf8 (bytes that are not UTF-8), /duplicate-keys (access_token twice),
 * /huge-header (a 64 KB response header), /redirect-loop (302 to itself), /error-and-token (200 with both).
 * Diagnosis corpus routes (answers no loopback IdP gives): /rate-limited-date (429, Retry-After an HTTP-date
 * 90 s ahead), /html-502 (a gateway's HTML page), /login-page (200, an HTML sign-in form titled "Sign in – Acme"),
 * /www-authenticate-described (401 Bearer challenge with error_description), /aadsts7000215 (Entra's wrong-secret
 * body), /okta-e0000004 (Okta's errorCode body), /skewed-date?s=N (a valid token, `Date` N s ahead).
 * Refresh lifetime: /refresh-lifetime?field=F&s=N&rotate=0|1 (a token with a new refresh token and F: N, F
 * `refresh_expires_in` by default as Keycloak; a refresh_token grant with rotate=0 gets no new refresh token).
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { gzipSync } from 'node:zlib';
import type { AddressInfo } from 'node:net';

export interface FaultServer {
  /** The absolute URL of `path` on this server, e.g. `url('/hung')`. */
  url(path: string): string;
  close(): Promise<void>;
}

/** A token-shaped value that is not a secret of any test. */
export const FAULT_ACCESS_TOKEN = 'fault-server-access-token';

type Route = (req: IncomingMessage, res: ServerResponse, query: URLSearchParams, body: string) => void | Promise<void>;

const json = (res: ServerResponse, status: number, value: unknown, extra: Record<string, string> = {}) =>
  void res
    .writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store', ...extra })
    .end(JSON.stringify(value));
const token = (extra: Record<string, unknown> = {}) => ({
  access_token: FAULT_ACCESS_TOKEN,
  token_type: 'Bearer',
  expires_in: 3600,
  ...extra,
});
const html = (res: ServerResponse, status: number) =>
  void res
    .writeHead(status, { 'content-type': 'text/html; charset=utf-8' })
    .end('<!DOCTYPE html><html><head><title>Sign in</title></head><body><h1>Sign in</h1></body></html>');

const routes: Record<string, Route> = {
  '/token': (_req, res) => json(res, 200, token()),
  '/html-200': (_req, res) => html(res, 200),
  '/html-500': (_req, res) => html(res, 500),
  '/truncated-json': (_req, res) =>
    void res.writeHead(200, { 'content-type': 'application/json' }).end('{"access_token":"abc","token_type":"Bea'),
  '/no-access-token': (_req, res) => json(res, 200, { token_type: 'Bearer', expires_in: 3600 }),
  '/no-token-type': (_req, res) => json(res, 200, { access_token: FAULT_ACCESS_TOKEN }),
  '/error-200': (_req, res) =>
    json(res, 200, { error: 'invalid_client', error_description: 'Client authentication failed' }),
  '/expires-string': (_req, res) => json(res, 200, token({ expires_in: '3600' })),
  '/expires-text': (_req, res) => json(res, 200, token({ expires_in: 'one hour' })),
  '/expires-negative': (_req, res) => json(res, 200, token({ expires_in: -5 })),
  '/huge': async (_req, res, query) => {
    let remaining = Number(query.get('mb') ?? '6') * 1024 * 1024;
    res.writeHead(200, { 'content-type': 'application/json' });
    const chunk = Buffer.alloc(64 * 1024, 'a');
    while (remaining > 0 && !res.destroyed) {
      const part = remaining >= chunk.length ? chunk : chunk.subarray(0, remaining);
      remaining -= part.length;
      if (!res.write(part)) await drainedOrClosed(res);
    }
    res.end();
  },
  '/slow': (_req, res, query) => {
    const timer = setTimeout(() => json(res, 200, token()), Number(query.get('ms') ?? '1000'));
    res.once('close', () => clearTimeout(timer));
  },
  '/hung': () => undefined,
  '/hung-body': (_req, res) =>
    void res.writeHead(200, { 'content-type': 'application/json' }).write('{"access_token":"'),
  '/redirect': (_req, res) => void res.writeHead(302, { location: 'https://elsewhere.example/oauth/token' }).end(),
  '/www-authenticate': (_req, res) =>
    void res.writeHead(401, { 'www-authenticate': 'Bearer realm="fault", error="invalid_token"' }).end(),
  '/rate-limited': (_req, res) => json(res, 429, { message: 'slow down' }, { 'retry-after': '30' }),
  '/form': (_req, res) =>
    void res.writeHead(200, { 'content-type': 'application/x-www-form-urlencoded' }).end(
      new URLSearchParams({
        access_token: FAULT_ACCESS_TOKEN,
        token_type: 'bearer',
        expires_in: '7200',
        scope: 'read write',
      }).toString(),
    ),
  '/error-uri-javascript': (_req, res) =>
    json(res, 400, { error: 'invalid_request', error_description: 'Bad request', error_uri: 'javascript:alert(1)' }),
  '/echo': (req, res, _query, body) => json(res, 200, { method: req.method, headers: req.headers, body }),
  ...hostileRoutes(),
  ...diagnosisRoutes(),
};

/** The diagnosis-corpus routes: vendor bodies and headers as real IdPs and gateways send them. */
function diagnosisRoutes(): Record<string, Route> {
  const page = (res: ServerResponse, status: number, body: string) =>
    void res.writeHead(status, { 'content-type': 'text/html; charset=utf-8' }).end(body);
  return {
    '/rate-limited-date': (_req, res) =>
      json(res, 429, { message: 'slow down' }, { 'retry-after': new Date(Date.now() + 90_000).toUTCString() }),
    '/html-502': (_req, res) =>
      page(res, 502, '<html><head><title>502 Bad Gateway</title></head><body><h1>502 Bad Gateway</h1></body></html>'),
    '/login-page': (_req, res) =>
      page(
        res,
        200,
        '<!DOCTYPE html><html><head><title>Sign in &ndash; Acme</title></head><body><form method="post">' +
          '<input name="username"><input type="password" name="password"></form></body></html>',
      ),
    '/www-authenticate-described': (_req, res) =>
      void res
        .writeHead(401, {
          'www-authenticate':
            'Bearer realm="acme-gateway", error="invalid_client", error_description="Client certificate required"',
        })
        .end(),
    '/aadsts7000215': (_req, res) =>
      json(res, 401, {
        error: 'invalid_client',
        error_description:
          "AADSTS7000215: Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app '00000000-0000-0000-0000-000000000001'. Trace ID: 1 Correlation ID: 2 Timestamp: 2026-12-02 06:00:00Z",
        error_codes: [7000215],
      }),
    '/okta-e0000004': (_req, res) =>
      json(res, 401, {
        errorCode: 'E0000004',
        errorSummary: 'Authentication failed',
        errorLink: 'E0000004',
        errorId: 'oae-fault',
        errorCauses: [],
      }),
    '/skewed-date': (_req, res, query) =>
      json(res, 200, token(), { date: new Date(Date.now() + Number(query.get('s') ?? '300') * 1000).toUTCString() }),
    '/refresh-lifetime': (_req, res, query, body) => {
      const refreshing = new URLSearchParams(body).get('grant_type') === 'refresh_token';
      if (refreshing && query.get('rotate') === '0') return json(res, 200, token());
      const lifetime = { [query.get('field') ?? 'refresh_expires_in']: Number(query.get('s') ?? '3600') };
      json(res, 200, token({ refresh_token: `fault-refresh-${randomUUID()}`, ...lifetime }));
    },
  };
}

/** The hostile-corpus routes (docs/security.md, "Hostile input"), grouped so other route tables merge cleanly. */
function hostileRoutes(): Record<string, Route> {
  const raw = (res: ServerResponse, type: string, body: string | Buffer, extra: Record<string, string> = {}) =>
    void res.writeHead(200, { 'content-type': type, ...extra }).end(body);
  return {
    '/empty-200': (_req, res) => raw(res, 'application/json', ''),
    '/text-plain-token': (_req, res) => raw(res, 'text/plain', JSON.stringify(token())),
    '/xml-token': (_req, res) =>
      raw(
        res,
        'application/xml',
        `<?xml version="1.0"?><OAuth><access_token>${FAULT_ACCESS_TOKEN}</access_token>` +
          '<token_type>Bearer</token_type><expires_in>600</expires_in></OAuth>',
      ),
    '/json-null': (_req, res) => raw(res, 'application/json', 'null'),
    '/json-array': (_req, res) => raw(res, 'application/json', JSON.stringify([token()])),
    '/access-token-number': (_req, res) => json(res, 200, token({ access_token: 12345 })),
    '/gzip-bomb': (_req, res, query) =>
      raw(res, 'application/json', gzipSync(Buffer.alloc(Number(query.get('mb') ?? '20') * 1024 * 1024, 0x30)), {
        'content-encoding': 'gzip',
      }),
    '/invalid-utf8': (_req, res) =>
      raw(res, 'application/json', Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0xc3, 0x28, 0x22, 0x3a, 0x80, 0x7d])),
    '/duplicate-keys': (_req, res) =>
      raw(res, 'application/json', `{"access_token":"first","token_type":"Bearer","access_token":"second"}`),
    '/huge-header': (_req, res) =>
      raw(res, 'application/json', JSON.stringify(token()), { 'x-big': 'h'.repeat(65536) }),
    '/redirect-loop': (req, res) => void res.writeHead(302, { location: req.url ?? '/redirect-loop' }).end(),
    '/error-and-token': (_req, res) => json(res, 200, token({ error: 'invalid_grant' })),
  };
}

function drainedOrClosed(res: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      res.off('drain', done).off('close', done);
      resolve();
    };
    res.on('drain', done).on('close', done);
  });
}

/** Starts the fault server on 127.0.0.1:0. */
export async function startFaultServer(): Promise<FaultServer> {
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const route = routes[url.pathname];
      if (!route) return json(res, 404, { message: `no route ${url.pathname}` });
      void Promise.resolve(route(req, res, url.searchParams, Buffer.concat(chunks).toString('utf8'))).catch(() =>
        res.destroy(),
      );
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: (path) => `http://127.0.0.1:${port}${path}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        // Ends keep-alive, hung and streaming connections, which server.close alone would wait for.
        server.closeAllConnections();
      }),
  };
}
