/**
 * Property tests (fast-check) of the rules that shape a request from user input (docs/security.md,
 * "Hostile input"): a tenant never moves a URL, header names and values are exactly what RFC 9110 allows,
 * client_secret_basic (RFC 6749 §2.3.1) round-trips any client_id and client_secret, and a body in each of the ten
 * content types decodes back to its parameters with its secrets found by name.
 */
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '../../src-shared/errors';
import { requestHeader } from '../../src-shared/profile-fields';
import { renderUrl } from '../../src-main/oauth/templates';
import { basicAuthorization } from '../../src-main/oauth/token-request';
import { XMLParser } from 'fast-xml-parser';
import { createRedactor } from '../../src-main/http/redact';
import { encodeBody } from '../../src-main/oauth/token-body';
import { TOKEN_CONTENT_TYPES, type TokenContentType } from '../../src-shared/token-content-types';

const RUNS = { numRuns: 2000 };
/** Characters that restructure a URL, and the ones a tenant may hold, mixed with any code point. */
const HOSTILE = [..."/?#@:.\\%[]!$&'()*+,;= \t\r\n\u0000", 'aB3', '-_', '..', '%2e', '%2f', 'xn--', '\u0430', '\uff0e'];
const anyString = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ unit: fc.constantFrom(...HOSTILE), maxLength: 24 }),
  fc.string({ unit: fc.constantFrom(...'abcXYZ019.-_'), minLength: 1, maxLength: 140 }),
);

let accepted = 0;
/** The rendered URL, or null when renderUrl refused the tenant with an AppError (anything else fails). */
function render(template: string, tenant: string): URL | null {
  try {
    const url = new URL(renderUrl(template, tenant, 'tokenUrl'));
    accepted++;
    return url;
  } catch (err) {
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe('invalid_request');
    return null;
  }
}

describe('renderUrl: no tenant changes the origin or the path before {tenant}', () => {
  // Not vacuous: a good share of the generated tenants must be accepted and checked.
  beforeEach(() => void (accepted = 0));
  afterEach(() => expect(accepted).toBeGreaterThan(RUNS.numRuns / 10));
  it('in the path: same origin, same path prefix and suffix', () => {
    const template = 'https://idp.example.com:8443/t/{tenant}/oauth2/token';
    fc.assert(
      fc.property(anyString, (tenant) => {
        const url = render(template, tenant);
        if (!url) return;
        expect(url.origin).toBe('https://idp.example.com:8443');
        expect(url.pathname.startsWith('/t/')).toBe(true);
        expect(url.pathname.endsWith('/oauth2/token')).toBe(true);
        expect(url.pathname.split('/')).toHaveLength(5);
        expect(url.search + url.hash + url.username + url.password).toBe('');
      }),
      RUNS,
    );
  });

  it('in the query: same origin and path, one parameter holding the tenant', () => {
    const template = 'https://idp.example.com/oauth2/token?tenant={tenant}&v=1';
    fc.assert(
      fc.property(anyString, (tenant) => {
        const url = render(template, tenant);
        if (!url) return;
        expect(url.origin).toBe('https://idp.example.com');
        expect(url.pathname).toBe('/oauth2/token');
        expect([...url.searchParams.keys()]).toEqual(['tenant', 'v']);
        expect(url.searchParams.get('tenant')).toBe(tenant);
        expect(url.hash).toBe('');
      }),
      RUNS,
    );
  });

  it('in a host label: same scheme, port, parent domain and path', () => {
    const template = 'https://{tenant}.login.example.com:9443/oauth2/token';
    fc.assert(
      fc.property(anyString, (tenant) => {
        const url = render(template, tenant);
        if (!url) return;
        expect(url.protocol).toBe('https:');
        expect(url.port).toBe('9443');
        expect(url.hostname.endsWith('.login.example.com')).toBe(true);
        expect(url.hostname.split('.').every((label) => label.length > 0)).toBe(true);
        expect(url.pathname).toBe('/oauth2/token');
        expect(url.search + url.hash + url.username + url.password).toBe('');
      }),
      RUNS,
    );
  });

  it('as the whole host: only one label, never another scheme, port or path', () => {
    fc.assert(
      fc.property(anyString, (tenant) => {
        const url = render('https://{tenant}/token', tenant);
        if (!url) return;
        expect(url.hostname).not.toContain('.');
        expect([url.protocol, url.port, url.pathname, url.search, url.hash]).toEqual(['https:', '', '/token', '', '']);
      }),
      RUNS,
    );
  });
});

// RFC 9110 §5.6.2: token = 1*tchar.
const TCHAR = new Set("!#$%&'*+-.^_`|~0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ");
const isToken = (s: string) => s.length > 0 && [...s].every((c) => TCHAR.has(c));
// RFC 9110 §5.5: field-vchar / SP / HTAB; no CTL (CR, LF, NUL and the other controls) but HTAB.
// eslint-disable-next-line no-control-regex
const isFieldValue = (s: string) => !/[\u0000-\u0008\u000a-\u001f\u007f]/.test(s);
const headerChars = fc.constantFrom(...TCHAR, ' ', '\t', '\r', '\n', '\u0000', ':', '"', '(', '@', '\u007f', 'é', '€');

describe('requestHeader: exactly RFC 9110 names and values', () => {
  it('accepts a name if and only if it is a token (surrounding spaces trimmed), up to 255 characters', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: headerChars, maxLength: 30 }), fc.string({ unit: 'binary' })), (key) => {
        const trimmed = key.trim();
        const expected = isToken(trimmed) && trimmed.length <= 255;
        expect(requestHeader.safeParse({ key, value: 'v' }).success, JSON.stringify(key)).toBe(expected);
      }),
      RUNS,
    );
  });

  it('accepts a value if and only if it holds no CR, LF, NUL or other control but HTAB, up to 2000 characters', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: headerChars, maxLength: 30 }), fc.string({ unit: 'binary' })), (value) => {
        const expected = isFieldValue(value) && value.length <= 2000;
        expect(requestHeader.safeParse({ key: 'X-Test', value }).success, JSON.stringify(value)).toBe(expected);
      }),
      RUNS,
    );
  });
});

describe('basicAuthorization: client_secret_basic round-trips (RFC 6749 §2.3.1)', () => {
  const formDecode = (s: string) => new URLSearchParams(`v=${s}`).get('v');
  it('decodes back to any client_id and client_secret', () => {
    const text = fc.oneof(fc.string({ unit: 'binary' }), fc.string({ unit: fc.constantFrom(...':%+& =\u00e9\u20ac') }));
    fc.assert(
      fc.property(text, text, (clientId, clientSecret) => {
        const header = basicAuthorization(clientId, clientSecret);
        expect(header.startsWith('Basic ')).toBe(true);
        const decoded = Buffer.from(header.slice('Basic '.length), 'base64').toString('utf8');
        const colon = decoded.indexOf(':');
        expect(colon).toBeGreaterThanOrEqual(0);
        expect(formDecode(decoded.slice(0, colon))).toBe(clientId);
        expect(formDecode(decoded.slice(colon + 1))).toBe(clientSecret);
      }),
      RUNS,
    );
  });
});

// Values with everything a body format escapes: markup, form and CSV separators, quotes, line breaks, unicode.
const valueChars = fc.constantFrom(...'aZ09 &<>"\'=+%,;:/\\?#[]{}\t\r\n', 'é', '€', '😀', '\u2028', '--', ']]>');
const PARAM_NAMES = ['grant_type', 'scope', 'client_id', 'client_secret', 'password', 'refresh_token', 'x.y', 'a-b'];
const SENSITIVE = new Set(['client_secret', 'password', 'refresh_token']);

/** An RFC 4180 reader written apart from the app's (quoted fields may hold `,`, `""` and line breaks). */
function readCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let i = 0;
  while (i < text.length) {
    let value = '';
    if (text[i] === '"') {
      for (i++; !(text[i] === '"' && text[i + 1] !== '"'); i++) value += text[i] === '"' ? text[i++] : text[i];
      i++;
    } else while (i < text.length && !/[,\r]/.test(text[i]!)) value += text[i++];
    row.push(value);
    if (text[i] === ',') i++;
    else if (text.startsWith('\r\n', i)) {
      rows.push(row);
      row = [];
      i += 2;
    }
  }
  return rows;
}

/** The parameters of a body of each content type, decoded by a parser of that format. */
function decodeBody(type: TokenContentType, contentType: string, body: string): [string, string][] {
  const boundary = /boundary=(.+)$/.exec(contentType)?.[1];
  switch (type) {
    case 'form':
    case 'text':
      return [...new URLSearchParams(body)];
    case 'multipart-related':
      return [...new URLSearchParams(body.split('\r\n\r\n')[1]!.split(`\r\n--${boundary}--`)[0])];
    case 'json':
    case 'twitter-json':
    case 'oracle-adf':
      return Object.entries(JSON.parse(body) as Record<string, string>);
    case 'xml':
    case 'rss': {
      const parsed = new XMLParser({ parseTagValue: false, trimValues: false }).parse(body) as {
        request: Record<string, string | number>;
      };
      return Object.entries(parsed.request).map(([k, v]) => [k, String(v)]);
    }
    case 'csv': {
      const [names, values] = readCsv(body);
      return names!.map((n, i) => [n, values![i]!]);
    }
    case 'multipart':
      return body
        .split(`--${boundary}`)
        .slice(1, -1)
        .map((part) => {
          const [, name, value] = /^\r\nContent-Disposition: form-data; name="([^"]*)"\r\n\r\n([\s\S]*)\r\n$/.exec(
            part,
          )!;
          return [name!, value!];
        });
  }
}

describe('encodeBody: every content type round-trips any parameters, and redaction finds the secrets by name', () => {
  const params = fc
    .uniqueArray(fc.constantFrom(...PARAM_NAMES), { minLength: 1, maxLength: PARAM_NAMES.length })
    .chain((names) =>
      fc.tuple(
        ...names.map((n) => fc.string({ unit: valueChars, maxLength: 12 }).map((v) => [n, v] as [string, string])),
      ),
    )
    .map((pairs) => pairs.map(([k, v]): [string, string] => [k, SENSITIVE.has(k) ? `SECRETCORE${v}` : v]));

  it.each(TOKEN_CONTENT_TYPES)('%s', (type) => {
    fc.assert(
      fc.property(params, (p) => {
        const { contentType, body } = encodeBody(type, p);
        // XML 1.0 reads a CR as a line feed (§2.11): the one change a parser may make.
        const expected = type === 'xml' || type === 'rss' ? p.map(([k, v]) => [k, v.replace(/\r\n?/g, '\n')]) : p;
        const decoded = decodeBody(type, contentType, body);
        expect(
          type === 'xml' || type === 'rss' ? decoded.map(([k, v]) => [k, v.replace(/\r\n?/g, '\n')]) : decoded,
        ).toEqual(expected);
        const redacted = createRedactor().body(body, contentType)!;
        expect(redacted).not.toContain('SECRETCORE');
        for (const [k, v] of p) if (!SENSITIVE.has(k) && /^[a-z0-9]{4,}$/i.test(v)) expect(redacted).toContain(v);
      }),
      { numRuns: 300 },
    );
  });
});
