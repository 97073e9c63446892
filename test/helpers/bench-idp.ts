/**
 * A minimal client-credentials IdP and API on loopback for the benchmarks: plain node:http, so the IdP's own
 * work is next to nothing and what is measured is the client. POST /token issues a Bearer token to one
 * confidential client (RFC 6749 §4.4, `client_secret_basic` per §2.3.1); GET /check answers 200 to a live
 * token (RFC 6750 §2.1) and 401 otherwise.
 */
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A running bench IdP: its URLs, how many tokens it issued, and `close()`. */
export interface BenchIdp {
  tokenUrl: string;
  checkUrl: string;
  issued(): number;
  close(): Promise<void>;
}

const basic = (id: string, secret: string) =>
  `Basic ${Buffer.from(`${encodeURIComponent(id)}:${encodeURIComponent(secret)}`).toString('base64')}`;

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((done, fail) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (body += chunk));
    req.on('end', () => done(body));
    req.on('error', fail);
  });
}

/** Starts the IdP on 127.0.0.1 and an OS-chosen port for client `clientId` / `clientSecret`. */
export async function startBenchIdp(clientId: string, clientSecret: string): Promise<BenchIdp> {
  const tokens = new Set<string>();
  let issued = 0;
  const server = createServer(async (req, res) => {
    const json = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' });
      res.end(JSON.stringify(body));
    };
    const body = await readBody(req);
    if (req.method === 'POST' && req.url === '/token') {
      const grant = new URLSearchParams(body).get('grant_type');
      if (req.headers.authorization !== basic(clientId, clientSecret)) return json(401, { error: 'invalid_client' });
      if (grant !== 'client_credentials') return json(400, { error: 'unsupported_grant_type' });
      const token = randomBytes(24).toString('base64url');
      tokens.add(token);
      issued++;
      return json(200, { access_token: token, token_type: 'Bearer', expires_in: 3600, scope: 'api:read' });
    }
    if (req.method === 'GET' && req.url === '/check') {
      const token = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
      return token && tokens.has(token) ? json(200, { ok: true }) : json(401, { error: 'invalid_token' });
    }
    json(404, { error: 'not_found' });
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    tokenUrl: `${base}/token`,
    checkUrl: `${base}/check`,
    issued: () => issued,
    close: () =>
      new Promise((done) => {
        server.closeAllConnections();
        server.close(() => done());
      }),
  };
}
