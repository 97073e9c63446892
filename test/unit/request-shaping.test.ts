/**
 * Request shaping (docs/architecture.md, "How it is tested"): buildTokenRequest is shared by token and
 * refresh calls, so every method × content type × client authentication is checked for both grant shapes —
 * first as built, then as a real echo server on 127.0.0.1 receives it through the recording client.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { XMLParser } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../src-shared/errors';
import { profileInput, type PasswordProfile } from '../../src-shared/profile';
import { TOKEN_CONTENT_TYPES } from '../../src-shared/token-content-types';
import { createRecordingClient } from '../../src-main/http/recording-client';
import { basicAuthorization, buildTokenRequest, type TokenRequestInput } from '../../src-main/oauth/token-request';

const METHODS = ['POST', 'PUT', 'PATCH', 'GET', 'DELETE'] as const;
const CONTENT_TYPES = TOKEN_CONTENT_TYPES;
const AUTH = ['client_secret_basic', 'client_secret_post', 'none'] as const;
const SECRET = 's3cret &=+:%';

const profile = (over: Record<string, unknown> = {}): PasswordProfile =>
  profileInput.parse({
    grantType: 'password',
    name: 'p',
    identityProviderName: 'idp',
    clientId: 'client 1',
    tokenUrl: 'https://idp.example/token?realm=r1',
    scopes: [
      { key: 'scope', value: 'read write' },
      { key: 'audience', value: 'api://{tenant}' },
    ],
    additionalFields: [{ key: 'pin', value: '{{pin}}' }],
    requestHeaders: [
      { key: 'X-Tenant', value: '{tenant}' },
      { key: 'Accept', value: 'application/vnd.idp+json' },
    ],
    ...over,
  }) as PasswordProfile;

const GRANTS: Record<
  'token' | 'refresh',
  Pick<TokenRequestInput, 'grant'> & { include: { scopes: boolean; additionalFields: boolean } }
> = {
  token: {
    grant: [
      ['grant_type', 'password'],
      ['username', 'alice'],
      ['password', 'pw ä&'],
    ],
    include: { scopes: true, additionalFields: true },
  },
  refresh: {
    grant: [
      ['grant_type', 'refresh_token'],
      ['refresh_token', 'rt/+='],
    ],
    include: { scopes: false, additionalFields: false },
  },
};

const input = (p: PasswordProfile, kind: 'token' | 'refresh', headers = true): TokenRequestInput => ({
  profile: p,
  url: p.tokenUrl,
  clientSecret: SECRET,
  vars: { pin: '1234', tenant: 'acme' },
  tenant: 'acme',
  grant: GRANTS[kind].grant,
  include: { ...GRANTS[kind].include, headers },
});

/** Decodes the parameters of a request however they were encoded (query for GET / DELETE). */
function decode(
  method: string,
  url: string,
  contentType: string | undefined,
  body: string | null,
): Record<string, string | string[]> {
  if (method === 'GET' || method === 'DELETE') {
    expect(body).toBeNull();
    const q = new URL(url).searchParams;
    q.delete('realm');
    return Object.fromEntries(q);
  }
  const ct = contentType ?? '';
  if (ct.startsWith('application/x-www-form-urlencoded') || ct.startsWith('text/plain'))
    return Object.fromEntries(new URLSearchParams(body!));
  if (ct.startsWith('application/json') || ct.startsWith('application/vnd.oracle.adf.resourceitem+json'))
    return JSON.parse(body!);
  if (ct.startsWith('application/xml') || ct.startsWith('application/rss+xml'))
    return new XMLParser({ parseTagValue: false }).parse(body!).request;
  if (ct.startsWith('text/csv')) {
    expect(body!.endsWith('\r\n')).toBe(true);
    const [names, values] = body!.split('\r\n').map((row) => row.split(','));
    return Object.fromEntries(names!.map((n, i) => [n, values![i]!]));
  }
  if (ct.startsWith('multipart/related')) {
    const related = /^multipart\/related; type="application\/x-www-form-urlencoded"; boundary=(.+)$/.exec(ct)![1]!;
    const root = new RegExp(
      `^--${related}\r\nContent-Type: application/x-www-form-urlencoded\r\n\r\n(.*)\r\n--${related}--\r\n$`,
    ).exec(body!)![1]!;
    return Object.fromEntries(new URLSearchParams(root));
  }
  const boundary = /boundary=(.+)$/.exec(ct)![1]!;
  const out: Record<string, string> = {};
  for (const part of body!.split(`--${boundary}`).slice(1, -1)) {
    const [, name, value] = /name="([^"]*)"\r\n\r\n([\s\S]*)\r\n$/.exec(part)!;
    out[name!] = value!;
  }
  expect(body!.endsWith(`--${boundary}--\r\n`)).toBe(true);
  return out;
}

const expectedParams = (kind: 'token' | 'refresh', auth: (typeof AUTH)[number]) => ({
  ...Object.fromEntries(GRANTS[kind].grant),
  ...(kind === 'token' ? { scope: 'read write', audience: 'api://acme', pin: '1234' } : {}),
  ...(auth === 'client_secret_post'
    ? { client_id: 'client 1', client_secret: SECRET }
    : auth === 'none'
      ? { client_id: 'client 1' }
      : {}),
});

describe('buildTokenRequest: method × content type × client authentication, token and refresh', () => {
  for (const kind of ['token', 'refresh'] as const) {
    for (const method of METHODS) {
      for (const contentType of CONTENT_TYPES) {
        it.each(AUTH)(`${kind}: ${method} + ${contentType} + %s`, async (auth) => {
          const req = await buildTokenRequest(
            input(profile({ clientAuthMethod: auth, tokenRequest: { method, contentType } }), kind),
          );
          expect(req.method).toBe(method);
          expect(new URL(req.url).searchParams.get('realm')).toBe('r1');
          if (method === 'GET' || method === 'DELETE') expect(req.headers).not.toHaveProperty('content-type');
          expect(decode(method, req.url, req.headers['content-type'], req.body)).toEqual(expectedParams(kind, auth));
          if (auth === 'client_secret_basic')
            expect(req.headers.authorization).toBe(basicAuthorization('client 1', SECRET));
          else expect(req.headers).not.toHaveProperty('authorization');
          expect(req.headers['x-tenant']).toBe('acme');
        });
      }
    }
  }
});

describe('buildTokenRequest: fields, headers and templates', () => {
  it('sends the extra headers only when asked (refresh: applyHeadersToRefresh), replacing a default case-insensitively', async () => {
    const withHeaders = await buildTokenRequest(input(profile(), 'refresh', true));
    expect(withHeaders.headers).toMatchObject({ 'x-tenant': 'acme', accept: 'application/vnd.idp+json' });
    expect(Object.keys(withHeaders.headers).filter((h) => h.toLowerCase() === 'accept')).toHaveLength(1);
    const without = await buildTokenRequest(input(profile(), 'refresh', false));
    expect(without.headers).not.toHaveProperty('x-tenant');
    expect(without.headers.accept).toBe('application/json');
  });

  it('refuses an unknown {{field}} in a header, scope or additional field, naming it', async () => {
    for (const over of [
      { requestHeaders: [{ key: 'X-Who', value: '{{nobody}}' }] },
      { scopes: [{ key: 'scope', value: '{{nobody}}' }] },
      { additionalFields: [{ key: 'x', value: '{{nobody}}' }] },
    ]) {
      await expect(buildTokenRequest(input(profile(over), 'token'))).rejects.toThrowError(/uses \{\{nobody\}\}/);
    }
  });

  it('refuses a header whose filled-in value would carry CR / LF (header injection)', async () => {
    const p = profile({ requestHeaders: [{ key: 'X-Pin', value: '{{pin}}' }] });
    await expect(buildTokenRequest({ ...input(p, 'token'), vars: { pin: '1\r\nX-Evil: 1' } })).rejects.toThrowError(
      AppError,
    );
  });

  it('keeps repeated keys in JSON and XML as arrays (two resource values, RFC 8707)', async () => {
    const scopes = [
      { key: 'resource', value: 'https://a/' },
      { key: 'resource', value: 'https://b/' },
    ];
    const json = await buildTokenRequest(
      input(profile({ scopes, tokenRequest: { method: 'POST', contentType: 'json' } }), 'token'),
    );
    expect(JSON.parse(json.body!).resource).toEqual(['https://a/', 'https://b/']);
    const xml = await buildTokenRequest(
      input(profile({ scopes, tokenRequest: { method: 'POST', contentType: 'xml' } }), 'token'),
    );
    expect(new XMLParser().parse(xml.body!).request.resource).toEqual(['https://a/', 'https://b/']);
  });

  it('escapes XML text and refuses a key that is not an XML element name', async () => {
    const xml = await buildTokenRequest({
      ...input(profile({ tokenRequest: { method: 'POST', contentType: 'xml' } }), 'token'),
      vars: { pin: '</pin><evil/>&' },
    });
    expect(xml.body).toContain('<pin>&lt;/pin&gt;&lt;evil/&gt;&amp;</pin>');
    const bad = profile({
      additionalFields: [{ key: 'a b', value: 'x' }],
      tokenRequest: { method: 'POST', contentType: 'xml' },
    });
    await expect(buildTokenRequest(input(bad, 'token'))).rejects.toThrowError(/not a valid XML element name/);
  });

  it('escapes a multipart field name as browsers do, so a quote cannot end it', async () => {
    const p = profile({
      additionalFields: [{ key: 'a"b', value: 'x' }],
      tokenRequest: { method: 'POST', contentType: 'multipart' },
    });
    expect((await buildTokenRequest(input(p, 'token'))).body).toContain('name="a%22b"');
  });
});

describe('buildTokenRequest on the wire (echo server on 127.0.0.1)', () => {
  let server: Server;
  let base: string;
  const received: {
    method: string;
    url: string;
    headers: Record<string, string | string[] | undefined>;
    body: string;
  }[] = [];

  beforeAll(async () => {
    server = createServer((req, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        received.push({ method: req.method!, url: req.url!, headers: req.headers, body });
        res.writeHead(200, { 'content-type': 'application/json' }).end('{"access_token":"a","token_type":"Bearer"}');
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  const http = createRecordingClient();
  for (const method of METHODS) {
    it.each(CONTENT_TYPES)(
      `${method} + %s arrives byte for byte, decoding to the same parameters`,
      async (contentType) => {
        const p = profile({
          clientAuthMethod: 'client_secret_post',
          tokenRequest: { method, contentType },
          tokenUrl: `${base}/t/{tenant}/token?realm=r1`,
          tenancy: { enabled: true },
        });
        const req = await buildTokenRequest({ ...input(p, 'token'), url: `${base}/t/acme/token?realm=r1` });
        const exchange = await http.send({ step: 'token', ...req, timeoutMs: 5000 });
        expect(exchange.response?.status).toBe(200);
        const got = received.at(-1)!;
        expect(got.method).toBe(method);
        expect(got.url.startsWith('/t/acme/token?realm=r1')).toBe(true);
        expect(got.body).toBe(req.body ?? '');
        expect(got.headers['x-tenant']).toBe('acme');
        expect(
          decode(
            method,
            `${base}${got.url}`,
            got.headers['content-type'] as string | undefined,
            req.body === null ? null : got.body,
          ),
        ).toEqual(expectedParams('token', 'client_secret_post'));
      },
    );
  }
});
