/**
 * PKCE (RFC 7636): a fresh code verifier per flow and its challenge. S256 is the default; `plain` exists
 * only for IdPs that cannot do S256, and the flow warns when a profile asks for it (§4.2, §7.2).
 */
import { createHash, randomBytes } from 'node:crypto';

/** The two challenge methods of RFC 7636 §4.2. */
export type PkceMethod = 'S256' | 'plain';

/** A verifier and the challenge sent in its place on the authorization request. */
export interface PkcePair {
  verifier: string;
  challenge: string;
  method: PkceMethod;
}

/** What a verifier may be (RFC 7636 §4.1): 43–128 characters of ALPHA / DIGIT / "-" / "." / "_" / "~". */
export const VERIFIER_PATTERN = /^[A-Za-z0-9\-._~]{43,128}$/;

/**
 * A fresh code verifier: 32 random octets, base64url-encoded without padding, giving 43 characters of the
 * unreserved set (RFC 7636 §4.1, the construction it recommends). `octets` (32–96) sets the length.
 */
export function createVerifier(octets = 32): string {
  if (!Number.isInteger(octets) || octets < 32 || octets > 96)
    throw new RangeError('A PKCE verifier needs 32 to 96 random octets (43–128 characters)');
  return randomBytes(octets).toString('base64url');
}

/**
 * The code challenge for `verifier` (RFC 7636 §4.2): S256 = BASE64URL(SHA256(ASCII(verifier))), plain =
 * the verifier itself. Throws RangeError for a verifier outside §4.1.
 */
export function challengeFor(verifier: string, method: PkceMethod): string {
  if (!VERIFIER_PATTERN.test(verifier))
    throw new RangeError('A PKCE verifier must be 43–128 characters of [A-Za-z0-9-._~] (RFC 7636 §4.1)');
  return method === 'S256' ? createHash('sha256').update(verifier, 'ascii').digest('base64url') : verifier;
}

/** A new verifier with its challenge, for one flow. */
export function createPkce(method: PkceMethod = 'S256'): PkcePair {
  const verifier = createVerifier();
  return { verifier, challenge: challengeFor(verifier, method), method };
}
