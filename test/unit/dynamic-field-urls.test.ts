/**
 * `{{field}}`s in URL fields (docs/security.md, "Hostile input"): a typed value is percent-encoded for the part
 * of the URL it lands in and can never change the origin, add a path segment or a query parameter.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../src-shared/errors';
import { encodeFieldValue, renderUrl } from '../../src-main/oauth/templates';

const refusal = (fn: () => unknown): AppError => {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe('invalid_request');
    return err as AppError;
  }
  throw new Error('expected a refusal');
};

const wellFormed = (s: string) => !/\p{Cs}/u.test(s);
const PATH_QUERY = 'https://idp.example.com:8443/t/{{tokenId}}/token?realm={{realm}}&x=1#{{frag}}';

describe('renderUrl with {{field}}s', () => {
  it('encodes each value for the part it lands in', () => {
    const url = renderUrl(PATH_QUERY, undefined, 'tokenUrl', { tokenId: 'a/b?c#d', realm: 'x&y=z', frag: 'é\r\n' });
    expect(url).toBe('https://idp.example.com:8443/t/a%2Fb%3Fc%23d/token?realm=x%26y%3Dz&x=1#%C3%A9%0D%0A');
    const parsed = new URL(url);
    expect(parsed.pathname.split('/')).toHaveLength(4);
    expect([...parsed.searchParams.keys()]).toEqual(['realm', 'x']);
    expect(parsed.searchParams.get('realm')).toBe('x&y=z');
  });

  it('leaves a URL without templates as it is', () => {
    expect(renderUrl('https://idp.example.com/token', undefined, 'tokenUrl')).toBe('https://idp.example.com/token');
  });

  it('names the field and where it is used when it has no value, before anything else', () => {
    const err = refusal(() => renderUrl('https://idp.example.com/{{tokenId}}/token', undefined, 'tokenUrl', {}));
    expect(err.message).toBe('Token Request URL uses {{tokenId}}, which has no value');
    expect(err.details?.issues?.[0]?.path).toBe('formValues.tokenId');
    // Object.prototype names are no values.
    expect(refusal(() => renderUrl('https://h.example.com/?a={{constructor}}', undefined, 'checkUrl')).message).toBe(
      'Authorization Check URL uses {{constructor}}, which has no value',
    );
  });

  it.each(['%2e', '%2e%2e', '.%2E', '...', '.a'])('keeps %s inside its path segment', (value) => {
    const url = renderUrl('https://idp.example.com/t/{{id}}/token', undefined, 'tokenUrl', { id: value });
    const parsed = new URL(url);
    expect(parsed.origin).toBe('https://idp.example.com');
    expect(parsed.pathname.startsWith('/t/')).toBe(true);
    expect(parsed.pathname.endsWith('/token')).toBe(true);
  });

  it.each(['..', '.'])('refuses %s, a dot segment that would move up the path', (id) => {
    expect(() => renderUrl('https://idp.example.com/t/{{id}}/token', undefined, 'tokenUrl', { id })).toThrow(
      /would change the host or path of the Token Request URL/,
    );
  });

  it('takes one label in a host and refuses anything that could change the domain', () => {
    expect(renderUrl('https://{{org}}.example.com/token', undefined, 'tokenUrl', { org: 'Acme-1' })).toBe(
      'https://acme-1.example.com/token',
    );
    for (const org of ['evil.com', 'a@b', 'a:1', 'a/b', '', 'é', 'x'.repeat(64)]) {
      const err = refusal(() => renderUrl('https://{{org}}.example.com/token', undefined, 'tokenUrl', { org }));
      expect(err.message).toMatch(/in the host of the Token Request URL, so its value must be one label/);
    }
    // An all-digit host would be read as an IPv4 address: the re-parse refuses it.
    expect(() => renderUrl('https://{{h}}/token', undefined, 'tokenUrl', { h: '2130706433' })).toThrow(/refused/);
  });

  it('refuses a field in the port, and works beside {tenant}', () => {
    expect(() => renderUrl('https://h.example.com:{{p}}/x', undefined, 'tokenUrl', { p: '80' })).toThrow(
      /not a valid URL template|scheme, user info or port/,
    );
    expect(renderUrl('https://{tenant}.example.com/{{x}}', 'acme', 'tokenUrl', { x: "it's" })).toBe(
      'https://acme.example.com/it%27s',
    );
    // {{tenant}} is the flows' `tenant` value, under the field rules.
    expect(renderUrl('https://idp.example.com/{{tenant}}/token', undefined, 'tokenUrl', { tenant: 'a.b' })).toBe(
      'https://idp.example.com/a.b/token',
    );
  });

  it('property: no value changes the origin, the path segments or the query parameters', () => {
    // Any text, and text built from the pieces that restructure URLs: separators, dot segments, encodings.
    const pieces = ['/', '?', '#', '@', ':', '&', '=', '..', '.', '%2e', '%2F', '%', '\\', 'é', '😀', '\r\n', ' ', 'a'];
    const hostile = fc.array(fc.constantFrom(...pieces), { maxLength: 8 }).map((p) => p.join(''));
    const anyText = fc.oneof(fc.string({ unit: 'binary', maxLength: 40 }), hostile);
    fc.assert(
      fc.property(anyText, anyText, anyText, (a, b, c) => {
        let url: string;
        try {
          url = renderUrl(PATH_QUERY, undefined, 'tokenUrl', { tokenId: a, realm: b, frag: c });
        } catch (err) {
          // Only a dot segment in the path, or a lone surrogate, may be refused.
          const dot = wellFormed(a) && /^(\.|%2e){1,2}$/i.test(encodeFieldValue(a));
          expect(dot || ![a, b, c].every(wellFormed)).toBe(true);
          expect((err as AppError).code).toBe('invalid_request');
          return;
        }
        const parsed = new URL(url);
        expect(parsed.origin).toBe('https://idp.example.com:8443');
        expect(parsed.pathname.split('/')).toHaveLength(4);
        expect(decodeURIComponent(parsed.pathname.split('/')[2] ?? '')).toBe(a);
        expect([...parsed.searchParams.keys()]).toEqual(['realm', 'x']);
        expect(parsed.searchParams.get('realm')).toBe(b);
        expect(parsed.username + parsed.password).toBe('');
      }),
      { numRuns: 1000 },
    );
  });

  it('property: a value in a host is accepted only as one label under the fixed domain', () => {
    const pieces = ['.', '..', '@', ':', '/', '%2e', 'a', 'B', '-', '_', '1', 'é', 'xn--', ' '];
    const hostile = fc.array(fc.constantFrom(...pieces), { maxLength: 8 }).map((p) => p.join(''));
    fc.assert(
      fc.property(fc.oneof(hostile, fc.string({ maxLength: 70 })), (org) => {
        let url: string;
        try {
          url = renderUrl('https://{{org}}.example.com/token', undefined, 'tokenUrl', { org });
        } catch (err) {
          // Refused: not one label, or one the URL parser would not keep as it is (an invalid `xn--` label).
          expect((err as AppError).code).toBe('invalid_request');
          return;
        }
        expect(/^[A-Za-z0-9_-]{1,63}$/.test(org)).toBe(true);
        expect(new URL(url).hostname).toBe(`${org.toLowerCase()}.example.com`);
      }),
      { numRuns: 500 },
    );
  });
});
