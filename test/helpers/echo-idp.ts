/**
 * An IdP that echoes every credential it receives back in every shape and encoding, for the secret-leak
 * tests (docs/security.md, "The redactor"): each path answers in one shape (camelCase JSON, nested and array
 * values, namespaced XML, attributes, CDATA, HTML form inputs, multipart, form, a Location fragment, tokens in
 * headers, the RFC 6749 §5.2 error fields), each holding every encoding of ENCODINGS; `/token` answers a
 * valid token. It records every request it received. Binds 127.0.0.1 on port 0.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

// What the echo IdP hands out: tokens a camelCase answer carries, a code in a form, and a valid token.
export const IDP_TOKEN = 'idp-camel-access-token-4f9a1c';
export const IDP_REFRESH = 'idp-camel-refresh-token-77b2e0';
export const IDP_CODE = 'idp-html-code-5e1d93a0b2';
export const VALID_TOKEN = 'valid-access-token-9c2e44d1';

const hex4 = (c: string) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
const json = (s: string) => JSON.stringify(s).slice(1, -1);
const ent = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
const lower = (s: string) => encodeURIComponent(s).replace(/%[0-9A-F]{2}/g, (m) => m.toLowerCase());
const form = (s: string) => new URLSearchParams({ s }).toString().slice(2);
const b64 = (s: string) => Buffer.from(s).toString('base64');
const b64url = (s: string) => Buffer.from(s).toString('base64url');
/** Each encoding of items 1–2 the echo IdP uses and the scan looks for (computed here, not by the redactor). */
export const ENCODINGS: Record<string, (s: string) => string> = {
  plain: (s) => s,
  json,
  jsonSlash: (s) => json(s).replace(/\//g, '\\/'),
  jsonUnicode: (s) =>
    json(s)
      .replace(/\//g, '\\/')
      .replace(/[^\x20-\x7e]|[<>&']/g, hex4),
  entities: ent,
  xmlEntities: (s) => ent(s).replace(/&#39;/g, '&apos;'),
  percent: encodeURIComponent,
  percentLower: lower,
  form,
  base64: b64,
  base64url: b64url,
};
const ASCII = ['percent', 'percentLower', 'form', 'base64', 'base64url'];
export const pairs = (id: string, s: string) => [
  b64(`${form(id)}:${form(s)}`),
  b64(`${id}:${s}`),
  b64url(`${id}:${s}`),
];

/** The raw credentials in a request: Basic pair, body parameters, a Bearer token. */
export function credentials(req: IncomingMessage, body: string): string[] {
  const found: string[] = [];
  const auth = String(req.headers.authorization ?? '');
  if (auth.startsWith('Basic ')) {
    const [id = '', secret = ''] = Buffer.from(auth.slice(6), 'base64').toString().split(':');
    found.push(decodeURIComponent(id.replace(/\+/g, ' ')), decodeURIComponent(secret.replace(/\+/g, ' ')));
  }
  if (auth.startsWith('Bearer ')) found.push(auth.slice(7));
  for (const [k, v] of new URLSearchParams(body)) if (k !== 'grant_type' && k !== 'scope') found.push(v);
  // A body in another format (XML, multipart) parses into odd pairs: keep what a header may carry.
  // eslint-disable-next-line no-control-regex
  return found.filter((v) => v.length >= 4 && !/[\u0000-\u001f\u007f]/.test(v));
}

/** An IdP that answers each path with every credential it received, in one shape and every encoding. */
export function echoShapes(req: IncomingMessage, res: ServerResponse, path: string, body: string): void {
  const creds = credentials(req, body);
  const all = (f: (s: string) => string) => creds.map(f).join(' ');
  const each = Object.entries(ENCODINGS).map(([name, f]) => [name, all(f)] as const);
  const headers = {
    'x-auth-token': IDP_TOKEN,
    'api-key': creds[0] ?? '',
    'ocp-apim-subscription-key': creds[1] ?? creds[0] ?? '',
    'x-echo': ASCII.map((n) => all(ENCODINGS[n]!)).join(' '),
    'x-raw-authorization': String(req.headers.authorization ?? ''),
  };
  const frag = `access_token=${IDP_TOKEN}&note=${all(lower)}`;
  const send = (status: number, type: string, text: string, extra: Record<string, string> = {}) =>
    void res.writeHead(status, { 'content-type': type, ...headers, ...extra }).end(text);
  const jsonText = () =>
    `{"accessToken":"${IDP_TOKEN}","refreshToken":"${IDP_REFRESH}","clientSecret":${JSON.stringify(creds[1] ?? '')},` +
    `"token":{"value":${JSON.stringify(creds)}},"password":${JSON.stringify(creds)},` +
    `"echo":${JSON.stringify({ headers: req.headers, body })},` +
    each.map(([n, v]) => `"${n}":${n.startsWith('json') ? `"${v}"` : JSON.stringify(v)}`).join(',') +
    `,"next":"https://app.example/cb#${frag}"}`;
  switch (path) {
    case '/json':
      return send(200, 'application/json', jsonText(), { location: `https://app.example/cb#${frag}` });
    case '/xml':
      return send(
        200,
        'application/xml',
        `<?xml version="1.0"?><r xmlns:ns="urn:x"><ns:password>${all(ent)}</ns:password>` +
          `<access_token type="x">${IDP_TOKEN}</access_token><refresh_token><![CDATA[${IDP_REFRESH}]]></refresh_token>` +
          `<cred password="${all(ent)}"/><clientSecret><![CDATA[${creds.join(' ')}]]></clientSecret>` +
          each.map(([n, v]) => `<${n}>${n === 'plain' ? ent(v) : v}</${n}>`).join('') +
          '</r>',
      );
    case '/html':
      return send(
        200,
        'text/html',
        `<html><body><form><input type="hidden" name="code" value="${IDP_CODE}">` +
          `<input value="${IDP_TOKEN}" name="accessToken"><input name="password" value="${all(ent)}"></form>` +
          each.map(([n, v]) => `<p id="${n}">${n === 'plain' ? ent(v) : v}</p>`).join('') +
          '</body></html>',
      );
    case '/multipart': {
      const part = (name: string, value: string) =>
        `--B0undary\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`;
      const text = [
        part('access_token', IDP_TOKEN),
        part('client_secret', creds.join(' ')),
        ...each.map(([n, v]) => part(n, v)),
        '--B0undary--\r\n',
      ].join('');
      return send(200, 'multipart/form-data; boundary=B0undary', text);
    }
    case '/form':
      return send(
        200,
        'application/x-www-form-urlencoded',
        `accessToken=${IDP_TOKEN}&refresh-token=${IDP_REFRESH}&` + each.map(([n, v]) => `${n}=${form(v)}`).join('&'),
      );
    case '/error':
      return send(
        400,
        'application/json',
        JSON.stringify({
          error: `invalid_client ${all((s) => s)}`,
          error_description: `bad ${each.map(([, v]) => v).join(' ')}`,
          error_uri: `https://idp.example/e?client_secret=${all(form)}#access_token=${IDP_TOKEN}`,
        }),
      );
    case '/redirect':
      return send(302, 'text/plain', '', { location: `https://app.example/cb?code=${IDP_CODE}#${frag}` });
    case '/token':
      return send(200, 'application/json', JSON.stringify({ access_token: VALID_TOKEN, token_type: 'Bearer' }));
    default:
      return send(200, 'text/plain', `echo ${each.map(([, v]) => v).join(' ')} ${jsonText()}`);
  }
}

/** The paths of the echo IdP, one shape each. */
export const SHAPES = ['/json', '/xml', '/html', '/multipart', '/form', '/error', '/redirect', '/text'];

/** A request as the echo IdP received it: method, path and query, headers, and the body's exact text. */
export interface EchoRequest {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
}

/** A running echo IdP: its origin (`http://127.0.0.1:PORT`), what it received (oldest first) and `close`. */
export interface EchoIdp {
  origin: string;
  received: EchoRequest[];
  close(): Promise<void>;
}

/** Starts the echo IdP on 127.0.0.1, port 0. */
export async function startEchoIdp(): Promise<EchoIdp> {
  const received: EchoRequest[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString();
      received.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body });
      echoShapes(req, res, new URL(req.url ?? '/', 'http://x').pathname, body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    received,
    close: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

/** Every string inside `value` (a run, an envelope), for a scan. */
export function allStrings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (value && typeof value === 'object') return Object.values(value).flatMap(allStrings);
  return [];
}
