/** PKCE (RFC 7636, docs/security.md, "OAuth defences"): the Appendix B test vector, the verifier's alphabet and length, freshness. */
import { describe, expect, it } from 'vitest';
import { challengeFor, createPkce, createVerifier, VERIFIER_PATTERN } from '../../src-main/oauth/pkce';

describe('PKCE', () => {
  it('computes the S256 challenge of RFC 7636 Appendix B', () => {
    expect(challengeFor('dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk', 'S256')).toBe(
      'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
    );
  });

  it('uses the verifier itself as the plain challenge', () => {
    const verifier = createVerifier();
    expect(challengeFor(verifier, 'plain')).toBe(verifier);
  });

  it('makes verifiers of 43–128 characters of [A-Za-z0-9-._~] (§4.1)', () => {
    for (let i = 0; i < 500; i++) expect(createVerifier()).toMatch(VERIFIER_PATTERN);
    expect(createVerifier()).toHaveLength(43);
    expect(createVerifier(96)).toHaveLength(128);
    expect(() => createVerifier(31)).toThrow(RangeError);
    expect(() => createVerifier(97)).toThrow(RangeError);
  });

  it('makes a fresh verifier for every flow', () => {
    const seen = new Set(Array.from({ length: 1000 }, () => createPkce().verifier));
    expect(seen.size).toBe(1000);
  });

  it('defaults to S256 and pairs the challenge with its verifier', () => {
    const pair = createPkce();
    expect(pair.method).toBe('S256');
    expect(pair.challenge).toBe(challengeFor(pair.verifier, 'S256'));
    expect(pair.challenge).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(createPkce('plain')).toMatchObject({ method: 'plain' });
  });

  it('refuses verifiers outside §4.1', () => {
    for (const bad of [
      'short',
      'a'.repeat(42),
      'a'.repeat(129),
      `${'a'.repeat(42)} `,
      `${'a'.repeat(42)}+`,
      `${'a'.repeat(42)}/`,
      `${'é'.repeat(43)}`,
    ]) {
      expect(() => challengeFor(bad, 'S256')).toThrow(RangeError);
    }
    expect(challengeFor('a'.repeat(128), 'S256')).toMatch(/^[\w-]{43}$/);
    expect(challengeFor('-._~'.repeat(11), 'S256')).toMatch(/^[\w-]{43}$/);
  });
});
