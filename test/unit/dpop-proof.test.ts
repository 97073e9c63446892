/**
 * The DPoP proof builder (RFC 9449 §4.2) with a fixed clock: header (`typ`, `alg`, public `jwk` only), claims
 * (`jti`, `htm`, `htu` without query and fragment, `iat`, `nonce`, `ath`), verifiable with the embedded key; the
 * RFC 7638 thumbprint matches jose's; the redactor keeps a proof's header and claims and masks its signature.
 */
import { describe, expect, it } from 'vitest';
import { calculateJwkThumbprint, EmbeddedJWK, jwtVerify } from 'jose';
import { DPOP_ALGS } from '../../src-shared/dpop-profile';
import { generateDpopKey, loadDpopKey, storedKeyAlg } from '../../src-main/oauth/dpop-key';
import { athOf, createProof, htuOf } from '../../src-main/oauth/dpop-proof';
import { decodeProof, jwkThumbprint, privateKeyValues } from '../../src-main/oauth/dpop-view';
import { dpopAccessToken, isNonceChallenge } from '../../src-main/oauth/dpop';
import { createRedactor } from '../../src-main/http/redact';
import type { Exchange } from '../../src-shared/test-run';

const NOW = new Date('2026-03-01T12:00:00.000Z');

describe('DPoP proof', () => {
  it('normalises htu: no query, no fragment, the path and port kept', () => {
    expect(htuOf('https://idp.example.com:8443/oauth/token?x=1&y=2#frag')).toBe(
      'https://idp.example.com:8443/oauth/token',
    );
    expect(htuOf('HTTPS://IDP.example.com/a/b/')).toBe('https://idp.example.com/a/b/');
    expect(htuOf('https://idp.example.com:443/t')).toBe('https://idp.example.com/t');
  });

  it('computes ath as base64url SHA-256 of the access token (RFC 9449 §4.2 example)', () => {
    // The access token and ath of RFC 9449 §7.1's example.
    expect(athOf('Kz~8mXK1EalYznwH-LC-1fBAo.4Ljp~zsPE_NeO.gxU')).toBe('fUHyO2r2Z3DZ53EsNrWBb0xWXoaNy59IiKCAqksmQEo');
  });

  it('builds the header and claims with a fixed clock, verifiable with the embedded jwk', async () => {
    const { key } = await generateDpopKey('ES256');
    const proof = await createProof(key, {
      method: 'post',
      url: 'https://as.example/token?q=1#f',
      now: NOW,
      nonce: 'n-1',
      accessToken: 'the-access-token',
      jti: 'fixed-jti',
    });
    const { payload, protectedHeader } = await jwtVerify(proof, EmbeddedJWK, {
      typ: 'dpop+jwt',
      currentDate: NOW,
    });
    expect(protectedHeader.alg).toBe('ES256');
    expect(protectedHeader.jwk).toEqual(key.publicJwk);
    expect(Object.keys(protectedHeader.jwk!).sort()).toEqual(['alg', 'crv', 'kty', 'x', 'y']);
    expect(payload).toEqual({
      jti: 'fixed-jti',
      htm: 'POST',
      htu: 'https://as.example/token',
      iat: Math.floor(NOW.getTime() / 1000),
      nonce: 'n-1',
      ath: athOf('the-access-token'),
    });
  });

  it('gives each proof a fresh jti and leaves nonce and ath out when not given', async () => {
    const { key } = await generateDpopKey('ES256');
    const input = { method: 'GET', url: 'https://rs.example/api', now: NOW };
    const [a, b] = [
      decodeProof({ dpop: await createProof(key, input) })!,
      decodeProof({ dpop: await createProof(key, input) })!,
    ];
    expect(a.claims.jti).not.toBe(b.claims.jti);
    expect(a.claims.nonce).toBeUndefined();
    expect(a.claims.ath).toBeUndefined();
  });

  it.each(DPOP_ALGS)('makes, stores and reloads a %s key with the same RFC 7638 thumbprint', async (alg) => {
    const { key, json } = await generateDpopKey(alg);
    expect(storedKeyAlg(json)).toBe(alg);
    expect(key.thumbprint).toBe(await calculateJwkThumbprint(key.publicJwk));
    expect(jwkThumbprint(key.publicJwk as Record<string, unknown>)).toBe(key.thumbprint);
    expect((await loadDpopKey(json, alg))?.thumbprint).toBe(key.thumbprint);
    // Another algorithm, or text that is no key, is not loaded (a new key is made instead).
    expect(await loadDpopKey(json, alg === 'ES256' ? 'EdDSA' : 'ES256')).toBeNull();
    expect(await loadDpopKey('not json', alg)).toBeNull();
    expect(privateKeyValues(json).length).toBeGreaterThan(0);
    expect(JSON.stringify(key.publicJwk)).not.toContain(privateKeyValues(json)[0]!);
  });

  it('reads the access token of an Authorization: DPoP header only', () => {
    expect(dpopAccessToken({ authorization: 'DPoP abc.def' })).toBe('abc.def');
    expect(dpopAccessToken({ Authorization: 'dpop xyz' })).toBe('xyz');
    expect(dpopAccessToken({ authorization: 'Bearer abc' })).toBeUndefined();
    expect(dpopAccessToken({})).toBeUndefined();
  });

  it('recognises a nonce challenge at the token endpoint (§8) and at a resource (§9)', () => {
    const ex = (status: number, headers: Record<string, string>, body: string | null): Exchange => ({
      step: 'token',
      request: { method: 'POST', url: 'https://as.example/token', headers: {}, body: null },
      response: { status, statusText: '', headers, body },
      durationMs: 1,
    });
    expect(isNonceChallenge(ex(400, { 'dpop-nonce': 'n' }, '{"error":"use_dpop_nonce"}'), true)).toBe(true);
    expect(isNonceChallenge(ex(400, {}, '{"error":"invalid_grant"}'), true)).toBe(false);
    expect(isNonceChallenge(ex(401, { 'www-authenticate': 'DPoP error="use_dpop_nonce"' }, null), false)).toBe(true);
    expect(isNonceChallenge(ex(401, { 'www-authenticate': 'Bearer error="invalid_token"' }, null), false)).toBe(false);
  });

  it('redacts a proof header to its header and claims, the signature masked', async () => {
    const { key } = await generateDpopKey('ES256');
    const proof = await createProof(key, { method: 'POST', url: 'https://as.example/token', now: NOW });
    const [h, p, sig] = proof.split('.');
    const shown = createRedactor([]).headers({ dpop: proof, authorization: 'DPoP some-token-value' });
    expect(shown.dpop).toBe(`${h}.${p}.[redacted]`);
    expect(shown.dpop).not.toContain(sig);
    expect(shown.authorization).toBe('DPoP [redacted]');
  });
});
