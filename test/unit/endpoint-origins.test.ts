/** The origin rule behind "secrets stay with their host": what counts as a move, and what does not. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { originChanges, originOf } from '../../src-shared/endpoint-origins';

const base = { tokenUrl: 'https://idp.example.com/oauth/token' };

describe('endpoint origins', () => {
  it('normalises scheme and host case, default ports and user info; keeps a {tenant} template', () => {
    expect(originOf('HTTPS://User:pw@IdP.Example.com:443/x?y#z')).toBe('https://idp.example.com:443');
    expect(originOf('http://127.0.0.1/token')).toBe('http://127.0.0.1:80');
    expect(originOf('https://{tenant}.okta.com/oauth2/v1/token')).toBe('https://{tenant}.okta.com:443');
    expect(originOf('https://[::1]:8443/t')).toBe('https://[::1]:8443');
    expect(originOf('')).toBeNull();
    expect(originOf(undefined)).toBeNull();
  });

  it('never reports a move for a change of path, query or fragment', () => {
    const segment = fc.stringMatching(/^[a-z0-9._~-]{0,12}$/);
    fc.assert(
      fc.property(segment, segment, segment, (path, query, fragment) => {
        const after = { tokenUrl: `https://idp.example.com/${path}?${query}#${fragment}` };
        expect(originChanges(base, after)).toEqual([]);
      }),
    );
  });

  it('reports a move for any other host, port or scheme', () => {
    const host = fc.stringMatching(/^[a-z][a-z0-9-]{0,10}\.[a-z]{2,4}$/).filter((h) => h !== 'idp.example.com');
    fc.assert(
      fc.property(host, fc.integer({ min: 1, max: 65535 }), (other, port) => {
        expect(originChanges(base, { tokenUrl: `https://${other}/oauth/token` })).toHaveLength(2);
        if (port !== 443)
          expect(originChanges(base, { tokenUrl: `https://idp.example.com:${port}/t` })).not.toEqual([]);
      }),
    );
    expect(originChanges(base, { tokenUrl: 'http://idp.example.com/oauth/token' })[0]).toEqual({
      field: 'tokenUrl',
      from: 'https://idp.example.com:443',
      to: 'http://idp.example.com:80',
    });
  });

  it('counts an endpoint or proxy that appears as a move, and one removed as none', () => {
    const withProxy = { ...base, proxyUrl: 'http://proxy.corp:3128' };
    expect(originChanges(base, withProxy)).toEqual([{ field: 'proxyUrl', from: null, to: 'http://proxy.corp:3128' }]);
    expect(originChanges(withProxy, base)).toEqual([]);
    // An absent refresh URL means the token URL: spelling it out on the same host is no move.
    expect(originChanges(base, { ...base, refreshTokenUrl: 'https://idp.example.com/refresh' })).toEqual([]);
  });

  it('counts the token tools’ URLs, which receive the client authentication and the token (RFC 7662, RFC 7009)', () => {
    const tools = { introspectionUrl: 'https://evil.example/i', revocationUrl: 'https://evil.example/r' };
    expect(originChanges(base, { ...base, ...tools }).map((c) => c.field)).toEqual([
      'introspectionUrl',
      'revocationUrl',
    ]);
    expect(originChanges(base, { ...base, userinfoUrl: 'https://idp.example.com/me' })).toEqual([
      { field: 'userinfoUrl', from: null, to: 'https://idp.example.com:443' },
    ]);
  });
});
