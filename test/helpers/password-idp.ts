/**
 * A real password-grant IdP for tests: @node-oauth/oauth2-server behind plain node:http (or node:https,
 * e.g. requiring a client certificate) on 127.0.0.1, OS-chosen port, with an in-memory model — password
 * and refresh_token grants, client authentication (Basic or body), RFC 6749 §5.2 errors, refresh-token
 * rotation. Beside it, a small protected API that accepts only live access tokens of this IdP, found in
 * a header, the query, a JSON body or a path segment, and says where it found it.
 *
 * Routes: any path ending in `/token` (POST, form) is the token endpoint; any path containing `/api` is
 * the API; `/api/fail/<status>` always answers that status.
 */
import { createServer as createHttpServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer, type ServerOptions as HttpsOptions } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { TLSSocket } from 'node:tls';
import OAuth2Server from '@node-oauth/oauth2-server';

/** A registered client: its id, secret and allowed grants (default password + refresh_token). */
export interface IdpClient {
  id: string;
  secret: string;
  grants?: string[];
}
/** A resource owner who may sign in with the password grant. */
export interface IdpUser {
  username: string;
  password: string;
}

/** A request as the server received it (unredacted: the test's own view). */
export interface Received {
  method: string;
  path: string;
  query: Record<string, string>;
  headers: Record<string, string | string[] | undefined>;
  body: string;
  /** The CN of the client certificate presented over mTLS, if any. */
  clientCertCn?: string;
}

/** A call the API received, with the token it found. */
export interface ApiCall extends Received {
  /** The live access token found, and where: `header:<name>`, `query:<key>`, `payload:<key>` or `path`. */
  token?: string;
  via?: string;
}

/** A running IdP + API: URLs, what they received, and knobs for the test. */
export interface PasswordIdp {
  /** `http(s)://127.0.0.1:<port>` */
  origin: string;
  tokenUrl: string;
  apiUrl: string;
  tokenRequests: Received[];
  apiCalls: ApiCall[];
  /** The API answers `status` (default 401) to the next `count` calls, whatever the token. */
  rejectNextApiCalls(count: number, status?: number): void;
  /** Access tokens issued so far, oldest first, with the grant that issued them. */
  issued: { accessToken: string; refreshToken?: string; grant: string }[];
  close(): Promise<void>;
}

/** Clients, users, scopes and token lifetime of the IdP; `https` to serve TLS. */
export interface PasswordIdpOptions {
  clients: IdpClient[];
  users: IdpUser[];
  /** Scopes a client may request; anything else is invalid_scope. */
  scopes?: string[];
  accessTokenLifetime?: number;
  /** Serve https with these options (certificate; `requestCert` + `ca` for mTLS). */
  https?: HttpsOptions;
}

interface StoredToken {
  accessToken: string;
  accessTokenExpiresAt: Date;
  refreshToken?: string;
  refreshTokenExpiresAt?: Date;
  scope?: string[];
  client: { id: string; grants: string[] };
  user: { username: string };
}

/** Starts the IdP and its API; `close` ends every connection. */
export async function startPasswordIdp(options: PasswordIdpOptions): Promise<PasswordIdp> {
  const access = new Map<string, StoredToken>();
  const refresh = new Map<string, StoredToken>();
  const issued: PasswordIdp['issued'] = [];
  const tokenRequests: Received[] = [];
  const apiCalls: ApiCall[] = [];
  const rejections: number[] = [];
  let currentGrant = '';

  const oauth = new OAuth2Server({
    accessTokenLifetime: options.accessTokenLifetime ?? 3600,
    refreshTokenLifetime: 86_400,
    model: {
      getClient: async (id: string, secret: string | undefined) => {
        const client = options.clients.find((c) => c.id === id);
        if (!client || secret !== client.secret) return null;
        return { id: client.id, grants: client.grants ?? ['password', 'refresh_token'], redirectUris: [] };
      },
      getUser: async (username: string, password: string) => {
        const user = options.users.find((u) => u.username === username && u.password === password);
        return user ? { username: user.username } : false;
      },
      validateScope: async (_user: unknown, _client: unknown, scope: string[] | undefined) => {
        const requested = scope ?? [];
        return requested.every((s) => (options.scopes ?? []).includes(s)) ? requested : false;
      },
      saveToken: async (
        token: Omit<StoredToken, 'client' | 'user'>,
        client: StoredToken['client'],
        user: StoredToken['user'],
      ) => {
        const stored: StoredToken = { ...token, client, user };
        access.set(stored.accessToken, stored);
        if (stored.refreshToken) refresh.set(stored.refreshToken, stored);
        issued.push({
          accessToken: stored.accessToken,
          ...(stored.refreshToken ? { refreshToken: stored.refreshToken } : {}),
          grant: currentGrant,
        });
        return stored;
      },
      getAccessToken: async (token: string) => access.get(token) ?? false,
      getRefreshToken: async (token: string) => refresh.get(token) ?? false,
      revokeToken: async (token: StoredToken) => refresh.delete(token.refreshToken ?? ''),
    } as unknown as OAuth2Server.ServerOptions['model'],
  });

  const live = (token: string | undefined) => {
    const t = token ? access.get(token) : undefined;
    return !!t && t.accessTokenExpiresAt > new Date();
  };

  async function handleToken(req: IncomingMessage, res: ServerResponse, received: Received): Promise<void> {
    tokenRequests.push(received);
    const form = /application\/x-www-form-urlencoded/i.test(String(req.headers['content-type'] ?? ''))
      ? Object.fromEntries(new URLSearchParams(received.body))
      : {};
    currentGrant = String(form.grant_type ?? '');
    const request = new OAuth2Server.Request({
      method: req.method ?? 'GET',
      headers: rfc6749Basic(req.headers) as Record<string, string>,
      query: received.query,
      body: form,
    });
    const response = new OAuth2Server.Response({ headers: {} });
    try {
      await oauth.token(request, response);
    } catch (err) {
      // Errors thrown before the handler fills the response (method, content type) are OAuth errors too.
      if (response.status === 200 && err instanceof OAuth2Server.OAuthError) {
        response.status = err.code;
        response.body = { error: err.name, error_description: err.message };
      }
    }
    res
      .writeHead(response.status ?? 200, {
        ...(response.headers as Record<string, string>),
        'content-type': 'application/json',
      })
      .end(JSON.stringify(response.body));
  }

  function handleApi(req: IncomingMessage, res: ServerResponse, received: Received): void {
    const call: ApiCall = { ...received, ...findToken(received, live) };
    apiCalls.push(call);
    const forced = /\/api\/fail\/(\d{3})$/.exec(received.path)?.[1];
    const rejected = rejections.shift();
    if (forced)
      return void res
        .writeHead(Number(forced), { 'content-type': 'application/json' })
        .end(JSON.stringify({ error: 'forced' }));
    if (rejected !== undefined || !call.token) {
      const status = rejected ?? 401;
      res
        .writeHead(status, {
          'content-type': 'application/json',
          'www-authenticate': 'Bearer realm="api", error="invalid_token"',
        })
        .end(JSON.stringify({ error: 'invalid_token' }));
      return;
    }
    res
      .writeHead(200, { 'content-type': 'application/json' })
      .end(JSON.stringify({ user: access.get(call.token)!.user.username, via: call.via }));
  }

  const handler = async (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const received: Received = {
      method: req.method ?? '',
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      headers: req.headers,
      body: Buffer.concat(chunks).toString('utf8'),
    };
    const peer = (req.socket as TLSSocket).getPeerCertificate?.();
    if (peer?.subject?.CN) received.clientCertCn = String(peer.subject.CN);
    if (url.pathname.endsWith('/token')) return handleToken(req, res, received);
    if (url.pathname.includes('/api')) return handleApi(req, res, received);
    res.writeHead(404).end();
  };
  const server = options.https
    ? createHttpsServer(options.https, (req, res) => void handler(req, res))
    : createHttpServer((req, res) => void handler(req, res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `${options.https ? 'https' : 'http'}://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    tokenUrl: `${origin}/token`,
    apiUrl: `${origin}/api`,
    tokenRequests,
    apiCalls,
    issued,
    rejectNextApiCalls: (count, status = 401) => rejections.push(...Array<number>(count).fill(status)),
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** Where a live token is in a request: a header, a query parameter, a JSON body member or a path segment. */
function findToken(r: Received, live: (t: string | undefined) => boolean): Pick<ApiCall, 'token' | 'via'> {
  for (const [name, value] of Object.entries(r.headers)) {
    const v = String(value ?? '').replace(/^Bearer\s+/i, '');
    if (live(v)) return { token: v, via: `header:${name}` };
  }
  for (const [key, value] of Object.entries(r.query)) if (live(value)) return { token: value, via: `query:${key}` };
  if (r.body.trim().startsWith('{')) {
    for (const [key, value] of Object.entries(JSON.parse(r.body) as Record<string, unknown>))
      if (typeof value === 'string' && live(value)) return { token: value, via: `payload:${key}` };
  }
  for (const segment of r.path.split('/'))
    if (live(decodeURIComponent(segment))) return { token: decodeURIComponent(segment), via: 'path' };
  return {};
}

/**
 * RFC 6749 §2.3.1: the client id and secret are form-urlencoded before Basic. oauth2-server's basic-auth
 * does not decode them, so the glue does, as a compliant server would (the library then sees raw values).
 */
function rfc6749Basic(headers: IncomingMessage['headers']): IncomingMessage['headers'] {
  const m = /^Basic\s+(\S+)$/i.exec(headers.authorization ?? '');
  if (!m) return headers;
  const decoded = Buffer.from(m[1]!, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return headers;
  const formDecode = (v: string) => decodeURIComponent(v.replace(/\+/g, '%20'));
  const raw = `${formDecode(decoded.slice(0, colon))}:${formDecode(decoded.slice(colon + 1))}`;
  return { ...headers, authorization: `Basic ${Buffer.from(raw).toString('base64')}` };
}
