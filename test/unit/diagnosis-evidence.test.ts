import { describe, expect, it } from 'vitest';
import {
  formatDuration,
  htmlTitle,
  jsonBreak,
  looksLikeLoginPage,
  parseRetryAfter,
  parseWwwAuthenticate,
} from '../../src-main/oauth/diagnosis/evidence';
import { claimsSkew, clockSkewWarnings, dateHeaderSkew } from '../../src-main/oauth/diagnosis/clock-skew';
import { CATALOGUE, matchCatalogue } from '../../src-main/oauth/diagnosis/catalogue';
import type { Exchange } from '../../src-shared/test-run';

const NOW = new Date('2026-12-02T06:00:00Z');

function answer(headers: Record<string, string>): Exchange {
  return {
    step: 'token',
    request: { method: 'POST', url: 'https://idp.example/token', headers: {}, body: null },
    response: { status: 200, statusText: 'OK', headers, body: null },
    durationMs: 1,
  };
}

describe('WWW-Authenticate (RFC 9110 §11.6.1, RFC 6750 §3)', () => {
  it('decodes the scheme and quoted and token auth-params, names lower-cased, escapes removed', () => {
    expect(
      parseWwwAuthenticate('Bearer realm="acme", Error=invalid_token, error_description="The \\"token\\" expired"'),
    ).toEqual({
      scheme: 'Bearer',
      params: { realm: 'acme', error: 'invalid_token', error_description: 'The "token" expired' },
    });
  });
  it('keeps only the first challenge, and reads a bare scheme', () => {
    expect(parseWwwAuthenticate('Basic realm="a", Bearer realm="b"')).toEqual({
      scheme: 'Basic',
      params: { realm: 'a' },
    });
    expect(parseWwwAuthenticate('Negotiate')).toEqual({ scheme: 'Negotiate', params: {} });
    expect(parseWwwAuthenticate('')).toBeUndefined();
    expect(parseWwwAuthenticate(undefined)).toBeUndefined();
  });
});

describe('Retry-After (RFC 9110 §10.2.3)', () => {
  it('reads delay-seconds and an HTTP-date relative to the clock', () => {
    expect(parseRetryAfter('30', NOW)).toBe(30);
    expect(parseRetryAfter('Wed, 02 Dec 2026 06:02:05 GMT', NOW)).toBe(125);
    expect(parseRetryAfter('Wed, 02 Dec 2026 05:00:00 GMT', NOW)).toBe(0);
    expect(parseRetryAfter('soon', NOW)).toBeUndefined();
    expect(parseRetryAfter(undefined, NOW)).toBeUndefined();
  });
  it('formats durations for people', () => {
    expect(formatDuration(30)).toBe('30 s');
    expect(formatDuration(125)).toBe('2 min 5 s');
    expect(formatDuration(192)).toBe('3 min 12 s');
    expect(formatDuration(-120)).toBe('2 min');
    expect(formatDuration(3780)).toBe('1 h 3 min');
  });
});

describe('HTML title', () => {
  it('takes the title, else the first h1, entity-decoded, tags stripped, capped', () => {
    expect(htmlTitle('<html><head><title>Sign in &ndash; Acme &amp; Co</title>')).toBe('Sign in – Acme & Co');
    expect(htmlTitle('<body><h1 class="x">502 <b>Bad</b> Gateway</h1>')).toBe('502 Bad Gateway');
    expect(htmlTitle('<title>   </title><h1>&#72;i</h1>')).toBe('Hi');
    expect(htmlTitle(`<title>${'x'.repeat(500)}</title>`)).toHaveLength(121);
    expect(htmlTitle('<p>no title</p>')).toBeUndefined();
  });
  it('recognises a login page by its title or a password field', () => {
    expect(looksLikeLoginPage('Sign in – Acme', null)).toBe(true);
    expect(looksLikeLoginPage('Welcome', '<form><input type="password" name="pw"></form>')).toBe(true);
    expect(looksLikeLoginPage('502 Bad Gateway', '<h1>502</h1>')).toBe(false);
  });
});

describe('JSON cut short', () => {
  it('says where the body ends, or where it breaks', () => {
    expect(jsonBreak('{"access_token":"abc","token_type":"Bea')).toEqual({ bytes: 39, cutShort: true });
    expect(jsonBreak('{"a":1}')).toBeUndefined();
    expect(jsonBreak('{"a":1}x')?.cutShort).toBe(false);
  });
});

describe('clock skew (RFC 9110 §6.6.1 Date, RFC 7519 iat/nbf)', () => {
  it('measures a Date header beyond 60 s either way, and ignores ordinary offsets', () => {
    expect(dateHeaderSkew(answer({ date: 'Wed, 02 Dec 2026 06:03:12 GMT' }), NOW)).toEqual({
      offsetS: 192,
      source: 'its Date header',
    });
    expect(dateHeaderSkew(answer({ date: 'Wed, 02 Dec 2026 05:55:00 GMT' }), NOW)?.offsetS).toBe(-300);
    expect(dateHeaderSkew(answer({ date: 'Wed, 02 Dec 2026 06:00:59 GMT' }), NOW)).toBeUndefined();
    expect(dateHeaderSkew(answer({}), NOW)).toBeUndefined();
  });
  it('measures iat ahead or behind and an nbf in the future', () => {
    const nowS = NOW.getTime() / 1000;
    expect(claimsSkew({ iat: nowS + 600 }, NOW, 'access token')?.offsetS).toBe(600);
    expect(claimsSkew({ iat: nowS - 90 }, NOW, 'access token')?.offsetS).toBe(-90);
    expect(claimsSkew({ iat: nowS, nbf: nowS + 120 }, NOW, 'ID token')).toEqual({
      offsetS: 120,
      source: "the ID token's nbf",
    });
    expect(claimsSkew({ iat: nowS - 10 }, NOW, 'access token')).toBeUndefined();
  });
  it('reads the ID token of the token response when the access token is opaque', () => {
    const part = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
    const idToken = `${part({ alg: 'RS256' })}.${part({ iss: 'x', iat: NOW.getTime() / 1000 - 600 })}.sig`;
    const token: Exchange = {
      ...answer({ 'content-type': 'application/json' }),
      response: {
        status: 200,
        statusText: 'OK',
        headers: {},
        body: JSON.stringify({ access_token: 'opaque', id_token: idToken }),
      },
    };
    expect(clockSkewWarnings([token], { tokenType: 'Bearer', hasRefreshToken: false }, NOW)).toEqual([
      expect.stringContaining("the IdP's clock is 10 min behind this machine's (by the ID token's iat)"),
    ]);
  });
  it('words one warning with the offset', () => {
    const [warning, ...rest] = clockSkewWarnings([answer({ date: 'Wed, 02 Dec 2026 06:03:12 GMT' })], undefined, NOW);
    expect(rest).toEqual([]);
    expect(warning).toContain("the IdP's clock is 3 min 12 s ahead of this machine's (by its Date header)");
    expect(clockSkewWarnings([answer({ date: NOW.toUTCString() })], undefined, NOW)).toEqual([]);
  });
});

describe('vendor catalogue', () => {
  it('matches vendor codes anywhere in the text, whole codes only', () => {
    expect(matchCatalogue('AADSTS7000215: Invalid client secret provided.')?.cause).toBe('secret_wrong');
    expect(matchCatalogue('AADSTS700082: The refresh token has expired due to inactivity.')?.cause).toBe(
      'refresh_expired',
    );
    expect(matchCatalogue('Error AADSTS70008: The provided authorization code has expired.')?.cause).toBe(
      'code_expired',
    );
    expect(matchCatalogue(undefined, 'E0000011')?.vendor).toBe('Okta');
    expect(matchCatalogue('AADSTS9999999: something new')).toBeUndefined();
  });
  it('matches phrasings case-insensitively, and every entry names a public https source', () => {
    expect(matchCatalogue("Grant type 'client_credentials' not allowed for the client.")?.vendor).toBe('Auth0');
    expect(matchCatalogue('INVALID USER CREDENTIALS')?.cause).toBe('credentials');
    for (const entry of CATALOGUE) expect(entry.source).toMatch(/^https:\/\//);
  });
});
