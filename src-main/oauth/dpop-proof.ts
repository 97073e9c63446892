/**
 * DPoP proofs (RFC 9449 §4.2): a JWT with `typ: dpop+jwt`, the public `jwk` in its protected header, and the claims
 * `jti` (fresh per proof), `htm`, `htu` (the URL without query and fragment), `iat`, and, when a server gave one,
 * `nonce` (§8, §9); on a resource call also `ath`, the base64url SHA-256 of the access token (§4.2, §7.1).
 */
import { createHash, randomUUID } from 'node:crypto';
import { SignJWT } from 'jose';
import type { DpopKey } from './dpop-key';

/** What one proof is for: the request's method and URL, the clock, and optionally a nonce and the access token. */
export interface ProofInput {
  method: string;
  url: string;
  now: Date;
  nonce?: string;
  /** The access token the request presents (resource calls only): sets `ath`. */
  accessToken?: string;
  /** Fixed `jti` for tests; a random UUID otherwise. */
  jti?: string;
}

/** RFC 9449 §4.2 `htu`: the target URI without its query and fragment. Throws TypeError on a URL that does not parse. */
export function htuOf(url: string): string {
  const u = new URL(url);
  u.search = '';
  u.hash = '';
  return u.href;
}

/** RFC 9449 §4.2 `ath`: base64url (no padding) of the SHA-256 of the ASCII access token. */
export function athOf(accessToken: string): string {
  return createHash('sha256').update(accessToken, 'ascii').digest('base64url');
}

/** The compact DPoP proof for `input`, signed with `key` (`iat` in seconds from `input.now`). */
export async function createProof(key: DpopKey, input: ProofInput): Promise<string> {
  return new SignJWT({
    jti: input.jti ?? randomUUID(),
    htm: input.method.toUpperCase(),
    htu: htuOf(input.url),
    iat: Math.floor(input.now.getTime() / 1000),
    ...(input.nonce ? { nonce: input.nonce } : {}),
    ...(input.accessToken ? { ath: athOf(input.accessToken) } : {}),
  })
    .setProtectedHeader({ alg: key.alg, typ: 'dpop+jwt', jwk: key.publicJwk })
    .sign(key.privateKey);
}
