/**
 * Property tests (fast-check) of the rules that shape a request from user input (docs/security.md,
 * "Hostile input"): a tenant never moves a URL, header names and values are exactly what RFC 9110 allows,
 * and client_secret_basic (RFC 6749 §2.3.1) round-trips any client_id and client_secret.
 */
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '../../src-shared/errors';
import { requestHeader } from '../../src-shared/profile-fields';
import { renderUrl } from '../../src-main/oauth/templates';
import { basicAuthorization } from '../../src-main/oauth/token-request';

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
