/**
 * The assertion builder (RFC 7523 §3) with a fixed clock, the client authentication of every method
 * (src-main/oauth/client-auth.ts), and how assertions are found, decoded and redacted in a recorded request.
 */
import { generateKeyPairSync } from 'node:crypto';
import { decodeJwt, decodeProtectedHeader, jwtVerify } from 'jose';
import { describe, expect, it } from 'vitest';
import { profileInput, type ProfileInput } from '../../src-shared/profile';
import { createRedactor } from '../../src-main/http/redact';
import { decodeAssertions, findAssertions } from '../../src-main/oauth/assertion-view';
import { ASSERTION_LIFETIME_S, readPrivateKey, signAssertion } from '../../src-main/oauth/client-assertion';
import { authenticateClient } from '../../src-main/oauth/client-auth';
import { encodeBody } from '../../src-main/oauth/token-body';
import { TOKEN_CONTENT_TYPES } from '../../src-shared/token-content-types';
import { makeClientKey } from '../helpers/client-keys';

const NOW = new Date('2026-03-01T12:00:00Z');
const RSA = makeClientKey('rsa', 'k1');
const base = {
  iss: 'client-1',
  sub: 'client-1',
  aud: 'https://idp.example/token',
  now: NOW,
  keyLabel: 'JWT Signing Key',
};

describe('signAssertion (fixed clock)', () => {
  it('sets iss, sub, aud, iat = now, exp ≤ 5 min after, a jti; extra claims never override them', async () => {
    const a = await signAssertion({ ...base, key: { privateKey: RSA.pem }, claims: { scope: 'x', iss: 'evil' } });
    const claims = decodeJwt(a.jwt);
    expect(claims).toMatchObject({ iss: 'client-1', sub: 'client-1', aud: base.aud, scope: 'x' });
    expect(claims.iat).toBe(NOW.getTime() / 1000);
    expect(claims.exp! - claims.iat!).toBe(ASSERTION_LIFETIME_S);
    expect(ASSERTION_LIFETIME_S).toBeLessThanOrEqual(300);
    expect(claims.jti).toMatch(/^[0-9a-f-]{36}$/);
    expect(a.claims).toEqual(claims);
    expect(decodeProtectedHeader(a.jwt)).toEqual({ alg: 'RS256', typ: 'JWT' });
  });

  it('gives every assertion its own jti', async () => {
    const jtis = new Set<unknown>();
    for (let i = 0; i < 20; i++) jtis.add((await signAssertion({ ...base, key: { privateKey: RSA.pem } })).claims.jti);
    expect(jtis.size).toBe(20);
  });

  it('honours a chosen alg and kid (PS256), and signs HS256 with a secret that verifies', async () => {
    const ps = await signAssertion({ ...base, key: { privateKey: RSA.pem }, alg: 'PS256', kid: 'chosen' });
    expect(ps.header).toEqual({ alg: 'PS256', typ: 'JWT', kid: 'chosen' });
    const secret = 'a client secret long enough for HS256 0123456789';
    const hs = await signAssertion({ ...base, key: { secret } });
    const verified = await jwtVerify(hs.jwt, new TextEncoder().encode(secret), { currentDate: NOW });
    expect(verified.protectedHeader.alg).toBe('HS256');
  });

  it('reads PKCS#1 and SEC1 PEMs and JWKs, inferring the alg and taking the JWK kid', () => {
    const rsa1 = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({
      format: 'pem',
      type: 'pkcs1',
    });
    expect(readPrivateKey(rsa1.toString(), 'Key').alg).toBe('RS256');
    const ec = generateKeyPairSync('ec', { namedCurve: 'P-384' }).privateKey.export({ format: 'pem', type: 'sec1' });
    expect(readPrivateKey(ec.toString(), 'Key').alg).toBe('ES384');
    expect(readPrivateKey(makeClientKey('ed25519', 'e').jwk, 'Key')).toMatchObject({ alg: 'EdDSA', kid: 'e' });
  });

  it('refuses what is not a private key without quoting it', async () => {
    const pub = generateKeyPairSync('ec', { namedCurve: 'P-256' }).publicKey.export({ format: 'pem', type: 'spki' });
    for (const text of ['not a key secret-text-123', pub.toString()]) {
      const err = await signAssertion({ ...base, key: { privateKey: text } }).catch((e: Error) => e);
      expect(err).toMatchObject({ code: 'invalid_request' });
      expect((err as Error).message).toMatch(/^JWT Signing Key is not a private key/);
      expect((err as Error).message).not.toContain('secret-text-123');
    }
  });
});

describe('authenticateClient: one function for every method', () => {
  const profile = (over: Record<string, unknown>): ProfileInput =>
    profileInput.parse({
      grantType: 'client_credentials',
      name: 'p',
      identityProviderName: 'i',
      clientId: 'client-1',
      tokenUrl: 'https://idp.example/token',
      ...over,
    });
  const cert = {
    enabled: true,
    format: 'pem',
    certificate: '-----BEGIN CERTIFICATE-----\nx\n-----END CERTIFICATE-----',
  };
  const secrets = { clientSecret: 'the secret value', jwtSigningKey: RSA.pem };

  it('private_key_jwt and client_secret_jwt: client_assertion_type and a client_assertion for the endpoint, no secret', async () => {
    for (const method of ['private_key_jwt', 'client_secret_jwt'] as const) {
      const auth = await authenticateClient(
        profile({ clientAuthMethod: method }),
        'https://idp.example/token?x=1',
        secrets,
        NOW,
      );
      const params = Object.fromEntries(auth.params);
      expect(Object.keys(params)).toEqual(['client_id', 'client_assertion_type', 'client_assertion']);
      expect(params.client_assertion_type).toBe('urn:ietf:params:oauth:client-assertion-type:jwt-bearer');
      expect(decodeJwt(params.client_assertion!).aud).toBe('https://idp.example/token');
      expect(decodeProtectedHeader(params.client_assertion!).alg).toBe(
        method === 'private_key_jwt' ? 'RS256' : 'HS256',
      );
      expect(auth.headers).toEqual({});
    }
  });

  it('tls_client_auth and self_signed_tls_client_auth: client_id alone; without a certificate, invalid_request', async () => {
    for (const method of ['tls_client_auth', 'self_signed_tls_client_auth'] as const) {
      const auth = await authenticateClient(
        profile({ clientAuthMethod: method, clientCertificate: cert }),
        'https://idp.example/token',
        secrets,
        NOW,
      );
      expect(auth).toEqual({ params: [['client_id', 'client-1']], headers: {} });
      const p = {
        ...profile({ clientAuthMethod: method, clientCertificate: cert }),
        clientCertificate: { ...cert, enabled: false },
      } as ProfileInput;
      await expect(authenticateClient(p, 'https://idp.example/token', secrets, NOW)).rejects.toMatchObject({
        code: 'invalid_request',
      });
    }
  });

  it('private_key_jwt without a key is secret_missing', async () => {
    await expect(
      authenticateClient(
        profile({ clientAuthMethod: 'private_key_jwt' }),
        'https://idp.example/token',
        { clientSecret: null },
        NOW,
      ),
    ).rejects.toMatchObject({
      code: 'secret_missing',
      message: 'JWT Signing Key is not set; private_key_jwt needs it',
    });
  });
});

describe('assertions in a recorded request: found, decoded, redacted', () => {
  it('finds client_assertion and assertion in every content type, and the redactor masks both by name', async () => {
    const a = await signAssertion({ ...base, key: { privateKey: RSA.pem } });
    for (const type of TOKEN_CONTENT_TYPES.filter((t) => t !== 'csv')) {
      const { body, contentType } = encodeBody(type, [
        ['client_assertion_type', 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer'],
        ['client_assertion', a.jwt],
      ]);
      expect(findAssertions({ url: 'https://idp.example/token', body }), type).toEqual([
        { parameter: 'client_assertion', jwt: a.jwt },
      ]);
      expect(decodeAssertions({ url: 'https://idp.example/token', body })[0]!.claims).toEqual(a.claims);
      const redacted = createRedactor([]).body(body, contentType)!;
      expect(redacted, type).not.toContain(a.jwt.split('.')[2]);
    }
    const url = `https://idp.example/token?grant_type=x&assertion=${a.jwt}`;
    expect(findAssertions({ url, body: null })).toEqual([{ parameter: 'assertion', jwt: a.jwt }]);
    expect(createRedactor([]).url(url)).toBe('https://idp.example/token?grant_type=x&assertion=[redacted]');
  });

  it('masks the JWT Signing Key by name (jwtSigningKey, signing_key) in JSON and forms', () => {
    const r = createRedactor([]);
    expect(r.body('{"jwtSigningKey":"-----BEGIN PRIVATE KEY-----abc"}', 'application/json')).toBe(
      '{"jwtSigningKey":"[redacted]"}',
    );
    expect(r.body('signing_key=abc&x=1', 'application/x-www-form-urlencoded')).toBe('signing_key=[redacted]&x=1');
  });
});
