/** Which `iss` an authorization response may carry (RFC 9207 §2.4), with and without the profile's Issuer. */
import { describe, expect, it } from 'vitest';
import { issuerMatcher } from '../../src-main/oauth/flows/authorization-code';

describe('issuerMatcher', () => {
  it('compares with the profile’s Issuer exactly when it is set (simple string comparison)', () => {
    const m = issuerMatcher('https://idp.example.com/tenant', 'https://login.example.com/authorize');
    expect(m.accepts('https://idp.example.com/tenant')).toBe(true);
    expect(m.accepts('https://idp.example.com/tenant/')).toBe(false);
    expect(m.accepts('https://login.example.com')).toBe(false);
    expect(m.expected).toBe('"https://idp.example.com/tenant"');
  });

  it('without an Issuer, accepts the Authorization URL’s origin and path prefixes of its path', () => {
    const keycloak = issuerMatcher(undefined, 'https://kc.example.com/realms/a/protocol/openid-connect/auth');
    for (const iss of [
      'https://kc.example.com',
      'https://kc.example.com/',
      'https://kc.example.com/realms/a',
      'https://kc.example.com/realms/a/',
    ])
      expect(keycloak.accepts(iss)).toBe(true);
    expect(keycloak.expected).toBe('an issuer at https://kc.example.com (no Issuer is set)');
  });

  it('without an Issuer, refuses another origin, another realm, a partial segment and odd URLs', () => {
    const m = issuerMatcher(undefined, 'https://kc.example.com/realms/a/protocol/openid-connect/auth');
    for (const iss of [
      'https://evil.example.com/realms/a',
      'http://kc.example.com',
      'https://kc.example.com:8443',
      'https://kc.example.com/realms/b',
      'https://kc.example.com/realms/ab',
      'https://kc.example.com/realms/a?x=1',
      'https://user@kc.example.com',
      'not a url',
    ]) {
      expect(m.accepts(iss), iss).toBe(false);
    }
  });
});
