/**
 * The profile's DPoP option (RFC 9449, docs/architecture.md "DPoP"): sender-constrained tokens, with a key pair
 * per profile kept in the keychain (`dpopPrivateKey`), and what a run and the app show of the proofs and the key.
 */
import { z } from 'zod';

/** The proof signing algorithms Authbench offers (RFC 9449 §4.2 `alg`; JWA names, EdDSA = Ed25519). */
export const DPOP_ALGS = ['ES256', 'EdDSA', 'RS256', 'PS256'] as const;
export type DpopAlg = (typeof DPOP_ALGS)[number];

/** Kore-style label of the option, as the editor and messages name it. */
export const DPOP_LABEL = 'DPoP (sender-constrained tokens)';

/** `dpop`: off by default; `alg` signs the proofs (ES256 by default). */
export const dpopOptions = z
  .object({ enabled: z.boolean().default(false), alg: z.enum(DPOP_ALGS).default('ES256') })
  .strict()
  .default({ enabled: false, alg: 'ES256' });

/** The member profile.ts spreads into every grant's common fields. */
export const dpopField = { dpop: dpopOptions };

/** A DPoP proof as a run shows it (RFC 9449 §4.2): its protected header (with the public `jwk`) and claims, never its signature. */
export interface DecodedDpopProof {
  header: Record<string, unknown>;
  claims: Record<string, unknown>;
  /** The RFC 7638 thumbprint of the header's `jwk` (what a bound token's `cnf.jkt` must equal, RFC 9449 §6.1). */
  jkt?: string;
  /** True on the first of two exchanges: the server answered `use_dpop_nonce` and the request was retried (§8, §9). */
  nonceChallenge?: boolean;
}

/** What `profiles:dpop-key` returns: the profile's DPoP public key, never the private one (null thumbprint: none yet). */
export interface DpopKeyInfo {
  /** RFC 7638 JWK SHA-256 thumbprint (base64url) of the public key, or null when no key was generated yet. */
  thumbprint: string | null;
  /** The algorithm the stored key is for, when one is stored. */
  alg?: DpopAlg;
}

/** True for an RFC 9449 §5 / §7.1 `token_type` of DPoP (compared case-insensitively, RFC 6749 §5.1). */
export function isDpopTokenType(tokenType: string | undefined): boolean {
  return (tokenType ?? '').toLowerCase() === 'dpop';
}
