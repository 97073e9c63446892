/**
 * How a run shows and redacts DPoP (RFC 9449; docs/security.md, "The redactor"): each proof decoded (protected
 * header, claims, the RFC 7638 thumbprint of its `jwk`) with its signature never kept, the `use_dpop_nonce`
 * challenge that preceded a retried request put back into the timeline, and the DPoP key's private members as
 * values to mask. Light on purpose (no jose): the run's result loads it.
 */
import { createHash } from 'node:crypto';
import type { DecodedDpopProof } from '../../src-shared/dpop-profile';
import type { Exchange, HeaderMap } from '../../src-shared/test-run';
import { decodeForDisplay } from './jwt';

/** What a DPoP exchange's diagnosis may know besides the exchange: the algorithms the IdP's metadata lists. */
export interface DpopFacts {
  supportedAlgs?: string[];
}

const challenges = new WeakMap<Exchange, Exchange>();
const facts = new WeakMap<Exchange, DpopFacts>();

/** Records that `first` was answered `use_dpop_nonce` and `retry` is its retry with the nonce (§8, §9). */
export function recordNonceChallenge(retry: Exchange, first: Exchange): void {
  challenges.set(retry, first);
}

/** Records the DPoP facts of `exchange` (the metadata's algorithms), for the invalid_dpop_proof diagnosis. */
export function recordDpopFacts(exchange: Exchange, value: DpopFacts): void {
  facts.set(exchange, value);
}

/** The `use_dpop_nonce` exchange that preceded `exchange` (its retry), when there was one. */
export function nonceChallengeOf(exchange: Exchange): Exchange | undefined {
  return challenges.get(exchange);
}

/** The DPoP facts recorded with `exchange`, when it carried a proof. */
export function dpopFactsOf(exchange: Exchange | undefined): DpopFacts | undefined {
  return exchange && facts.get(exchange);
}

/** `exchanges` with each nonce challenge put back before its retry, in timeline order. */
export function withNonceChallenges(exchanges: readonly Exchange[]): { exchange: Exchange; challenge: boolean }[] {
  return exchanges.flatMap((exchange) => {
    const first = challenges.get(exchange);
    return first
      ? [
          { exchange: first, challenge: true },
          { exchange, challenge: false },
        ]
      : [{ exchange, challenge: false }];
  });
}

/** The compact DPoP proof a request carried (its `dpop` header), if any. */
export function proofOf(headers: HeaderMap): string | undefined {
  for (const [name, value] of Object.entries(headers)) if (name.toLowerCase() === 'dpop') return value;
  return undefined;
}

/** The signature part of `proof` (RFC 7515 §7.1), masked by value wherever it appears; undefined when not a JWS. */
export function proofSignature(proof: string | undefined): string | undefined {
  const parts = proof?.split('.');
  return parts?.length === 3 && parts[2] ? parts[2] : undefined;
}

/** A proof with its signature replaced by `mask` (header and claims kept: they hold no secret, §4.2). */
export function maskProofSignature(proof: string, mask: string): string {
  const parts = proof.split('.');
  return parts.length === 3 ? `${parts[0]}.${parts[1]}.${mask}` : mask;
}

/** The claims of a compact JWT (`access_token`), decoded without verification; undefined when it is none. */
export function jwtClaims(jwt: string): Record<string, unknown> | undefined {
  return decodeForDisplay(jwt).claims;
}

/** The decoded header and claims of a request's proof, and its jwk's thumbprint; undefined when none decodes. */
export function decodeProof(headers: HeaderMap): DecodedDpopProof | undefined {
  const { header, claims } = decodeForDisplay(proofOf(headers) ?? '');
  if (!header || !claims) return undefined;
  const jkt = isObject(header.jwk) ? jwkThumbprint(header.jwk) : undefined;
  return { header, claims, ...(jkt ? { jkt } : {}) };
}

/** RFC 7638 §3 SHA-256 thumbprint of a public EC, OKP or RSA JWK (base64url), or undefined for another kty. */
export function jwkThumbprint(jwk: Record<string, unknown>): string | undefined {
  const required: Record<string, string[]> = {
    EC: ['crv', 'kty', 'x', 'y'],
    OKP: ['crv', 'kty', 'x'],
    RSA: ['e', 'kty', 'n'],
  };
  const members = required[String(jwk.kty)];
  if (!members || members.some((m) => typeof jwk[m] !== 'string')) return undefined;
  const canonical = `{${members.map((m) => `${JSON.stringify(m)}:${JSON.stringify(jwk[m])}`).join(',')}}`;
  return createHash('sha256').update(canonical).digest('base64url');
}

/** The private members of the RSA, EC and OKP JWKs (RFC 7518 §6.2.2, §6.3.2; RFC 8037 §2). */
export const PRIVATE_JWK_MEMBERS = ['d', 'p', 'q', 'dp', 'dq', 'qi', 'oth', 'k'];

/** The values of a stored DPoP key's private members (JSON text), to mask by value wherever they might appear. */
export function privateKeyValues(json: string | null | undefined): string[] {
  if (!json) return [];
  try {
    const jwk = JSON.parse(json) as Record<string, unknown>;
    return PRIVATE_JWK_MEMBERS.map((m) => jwk[m]).filter((v): v is string => typeof v === 'string');
  } catch {
    return [];
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
