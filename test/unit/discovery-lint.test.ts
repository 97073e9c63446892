import { describe, expect, it } from 'vitest';
import { profileInput, type ProfileInput } from '../../src-shared/profile';
import { wellKnownUrls } from '../../src-main/oauth/discovery';
import { lintProfile } from '../../src-main/oauth/discovery-lint';
import { discoveryMetadata } from '../../src-shared/discovery';

const authCode = (extra: Record<string, unknown> = {}): ProfileInput =>
  profileInput.parse({
    grantType: 'authorization_code',
    name: 'Auth code',
    identityProviderName: 'IdP',
    clientId: 'c',
    authorizationUrl: 'https://{tenant}.idp.example.com/authorize',
    tokenUrl: 'https://{tenant}.idp.example.com/token',
    tenancy: { enabled: true },
    ...extra,
  });

const metadata = {
  issuer: 'https://acme.idp.example.com',
  authorization_endpoint: 'https://acme.idp.example.com/authorize',
  token_endpoint: 'https://acme.idp.example.com/token',
  code_challenge_methods_supported: ['S256'],
  response_types_supported: ['code'],
};

describe('wellKnownUrls (OIDC Discovery 1.0 §4.1, RFC 8414 §3.1)', () => {
  it('appends to the path for OIDC and inserts between host and path for RFC 8414', () => {
    expect(wellKnownUrls('https://idp.example.com/tenant/a/').map((u) => u.url)).toEqual([
      'https://idp.example.com/tenant/a/.well-known/openid-configuration',
      'https://idp.example.com/.well-known/oauth-authorization-server/tenant/a',
    ]);
    expect(wellKnownUrls('https://idp.example.com').map((u) => u.url)).toEqual([
      'https://idp.example.com/.well-known/openid-configuration',
      'https://idp.example.com/.well-known/oauth-authorization-server',
    ]);
  });

  it('refuses plain http to a remote host, a query and a fragment', () => {
    for (const bad of [
      'http://idp.example.com',
      'https://idp.example.com/?a=1',
      'https://idp.example.com/#x',
      'ftp://x',
    ])
      expect(() => wellKnownUrls(bad), bad).toThrow(expect.objectContaining({ code: 'invalid_request' }));
    expect(wellKnownUrls('http://127.0.0.1:8080')[0]!.url).toBe(
      'http://127.0.0.1:8080/.well-known/openid-configuration',
    );
  });
});

describe('lintProfile', () => {
  it('has nothing to say of a matching authorization-code profile (URLs rendered with the tenant)', () => {
    expect(lintProfile(authCode(), metadata, 'acme')).toEqual([]);
  });

  it('warns of a PKCE method the IdP does not list, and of PKCE off when it supports S256', () => {
    expect(lintProfile(authCode({ pkce: { enabled: true, method: 'plain' } }), metadata, 'acme')).toEqual([
      'The IdP\'s metadata does not list the PKCE method "plain" (code_challenge_methods_supported: "S256")',
    ]);
    expect(lintProfile(authCode({ pkce: { enabled: false, method: 'S256' } }), metadata, 'acme')).toEqual([
      'PKCE is off, but the IdP supports S256 (code_challenge_methods_supported): turn PKCE on',
    ]);
  });

  it('warns when response_types_supported lacks code and when the Authorization URL differs', () => {
    const other = {
      ...metadata,
      response_types_supported: ['id_token'],
      authorization_endpoint: 'https://x.example/a',
    };
    expect(lintProfile(authCode(), other, 'acme')).toEqual([
      expect.stringContaining('does not list the response type "code" (response_types_supported: "id_token")'),
      "The Authorization URL https://acme.idp.example.com/authorize is not the IdP's authorization_endpoint https://x.example/a",
    ]);
  });

  it('warns of a form_post Response Mode the IdP does not list, taking the default when the list is absent', () => {
    const formPost = authCode({ responseMode: 'form_post' });
    expect(lintProfile(formPost, { ...metadata, response_modes_supported: ['query', 'form_post'] }, 'acme')).toEqual(
      [],
    );
    expect(lintProfile(formPost, { ...metadata, response_modes_supported: ['query', 'fragment'] }, 'acme')).toEqual([
      'The IdP\'s metadata does not list the Response Mode "form_post" (response_modes_supported: "query", "fragment"); the IdP may ignore it and send the code in the query',
    ]);
    // `metadata` has no response_modes_supported.
    expect(lintProfile(formPost, metadata, 'acme')).toEqual([
      expect.stringContaining('(response_modes_supported: "query", "fragment", the default when absent)'),
    ]);
    expect(lintProfile(authCode(), metadata, 'acme')).toEqual([]);
  });

  it("takes RFC 8414 §2's defaults when the lists are absent", () => {
    const bare = { issuer: metadata.issuer };
    expect(lintProfile(authCode({ clientAuthMethod: 'client_secret_post' }), bare, 'acme')).toEqual([
      expect.stringContaining(
        'Client Authentication "client_secret_post" (token_endpoint_auth_methods_supported: "client_secret_basic")',
      ),
    ]);
  });

  describe('the client assertion alg (token_endpoint_auth_signing_alg_values_supported, RFC 8414 §2)', () => {
    const jwtMeta = {
      ...metadata,
      token_endpoint_auth_methods_supported: ['private_key_jwt', 'client_secret_jwt'],
      token_endpoint_auth_signing_alg_values_supported: ['ES256', 'HS512'],
    };
    const jwt = (method: string, alg = '') => authCode({ clientAuthMethod: method, clientAssertion: { alg } });

    it('warns of a chosen alg the IdP does not list, and says nothing of one it lists', () => {
      expect(lintProfile(jwt('private_key_jwt', 'PS256'), jwtMeta, 'acme')).toEqual([
        'The IdP\'s metadata does not list the Client Assertion\'s alg "PS256" (token_endpoint_auth_signing_alg_values_supported: "ES256", "HS512"); expect invalid_client',
      ]);
      expect(lintProfile(jwt('private_key_jwt', 'ES256'), jwtMeta, 'acme')).toEqual([]);
      expect(lintProfile(jwt('client_secret_jwt', 'HS512'), jwtMeta, 'acme')).toEqual([]);
    });

    it("takes client_secret_jwt's HS256 and the JWT Signing Key's alg when none is chosen", () => {
      expect(lintProfile(jwt('client_secret_jwt'), jwtMeta, 'acme')).toEqual([
        expect.stringContaining(
          'alg "HS256" (client_secret_jwt\'s default; token_endpoint_auth_signing_alg_values_supported: "ES256", "HS512"); expect invalid_client',
        ),
      ]);
      expect(lintProfile(jwt('private_key_jwt'), jwtMeta, 'acme', 'RS256')).toEqual([
        expect.stringContaining(
          'alg "RS256" (the JWT Signing Key\'s; token_endpoint_auth_signing_alg_values_supported',
        ),
      ]);
      expect(lintProfile(jwt('private_key_jwt'), jwtMeta, 'acme', 'ES256')).toEqual([]);
      // The key's alg unknown (not set, or not readable): nothing to compare.
      expect(lintProfile(jwt('private_key_jwt'), jwtMeta, 'acme')).toEqual([]);
    });

    it('checks nothing when the member is absent (no default), or for a method without an assertion', () => {
      const { token_endpoint_auth_signing_alg_values_supported: _, ...noAlgs } = jwtMeta;
      expect(lintProfile(jwt('private_key_jwt', 'PS256'), noAlgs, 'acme')).toEqual([]);
      const basic = authCode({ clientAssertion: { alg: 'PS256' } });
      expect(
        lintProfile(basic, { ...jwtMeta, token_endpoint_auth_methods_supported: ['client_secret_basic'] }, 'acme'),
      ).toEqual([]);
    });

    it('reads the member from a discovery document, dropping what is not a list of strings', () => {
      const doc = { issuer: 'https://idp.example.com', token_endpoint_auth_signing_alg_values_supported: ['RS256'] };
      expect(discoveryMetadata.parse(doc).token_endpoint_auth_signing_alg_values_supported).toEqual(['RS256']);
      const bad = discoveryMetadata.parse({ ...doc, token_endpoint_auth_signing_alg_values_supported: 'RS256' });
      expect(bad).toEqual({ issuer: doc.issuer });
    });
  });
});
