/**
 * The profile's DPoP key pair (RFC 9449 §4.2; docs/security.md, "What is a secret"): kept in the keychain as the
 * secret `dpopPrivateKey`, a private JWK (RFC 7517) as JSON with its `alg`, generated with jose on the first Test
 * that needs it and again when the profile's DPoP algorithm changed. Only the public JWK and its RFC 7638
 * thumbprint ever leave this module.
 */
import { calculateJwkThumbprint, exportJWK, generateKeyPair, importJWK, type CryptoKey, type JWK } from 'jose';
import { DPOP_ALGS, type DpopAlg } from '../../src-shared/dpop-profile';
import { PRIVATE_JWK_MEMBERS } from './dpop-view';

/** A usable DPoP key: the signing key, the public JWK a proof carries, and its RFC 7638 SHA-256 thumbprint. */
export interface DpopKey {
  alg: DpopAlg;
  privateKey: CryptoKey;
  publicJwk: JWK;
  /** base64url RFC 7638 thumbprint: a bound token's `cnf.jkt` (RFC 9449 §6.1). */
  thumbprint: string;
}

/** The private members of RSA, EC and OKP JWKs (RFC 7518 §6.2.2, §6.3.2; RFC 8037 §2). */
const PRIVATE_MEMBERS = PRIVATE_JWK_MEMBERS;

/** `jwk` without its private members (and without `ext` / `key_ops`, which a proof's header has no use for). */
export function publicJwkOf(jwk: JWK): JWK {
  const pub: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(jwk))
    if (!PRIVATE_MEMBERS.includes(name) && name !== 'ext' && name !== 'key_ops') pub[name] = value;
  return pub as JWK;
}

/** The alg a stored key (JSON text) was made for, or undefined when it is not a stored DPoP key. */
export function storedKeyAlg(json: string | null | undefined): DpopAlg | undefined {
  if (!json) return undefined;
  try {
    const alg = (JSON.parse(json) as { alg?: unknown }).alg;
    return (DPOP_ALGS as readonly unknown[]).includes(alg) ? (alg as DpopAlg) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The key stored as `json` when it is a DPoP key for `alg`, else null (none stored, another algorithm, or text
 * that is not a private JWK): the caller then generates a new one.
 */
export async function loadDpopKey(json: string | null | undefined, alg: DpopAlg): Promise<DpopKey | null> {
  if (!json || storedKeyAlg(json) !== alg) return null;
  try {
    const jwk = JSON.parse(json) as JWK;
    if (!jwk.d) return null;
    const privateKey = (await importJWK(jwk, alg)) as CryptoKey;
    const publicJwk = publicJwkOf(jwk);
    return { alg, privateKey, publicJwk, thumbprint: await calculateJwkThumbprint(publicJwk) };
  } catch {
    return null;
  }
}

/** A new key pair for `alg` (EdDSA: Ed25519; RSA: 2048 bits) and its private JWK as the JSON the keychain keeps. */
export async function generateDpopKey(alg: DpopAlg): Promise<{ key: DpopKey; json: string }> {
  const pair = await generateKeyPair(alg, { extractable: true });
  const jwk = { ...(await exportJWK(pair.privateKey)), alg };
  delete jwk.ext;
  delete jwk.key_ops;
  const publicJwk = publicJwkOf(jwk);
  const key = { alg, privateKey: pair.privateKey, publicJwk, thumbprint: await calculateJwkThumbprint(publicJwk) };
  return { key, json: JSON.stringify(jwk) };
}

/** The RFC 7638 thumbprint of the stored key's public part, or null when `json` is no DPoP key. */
export async function storedKeyThumbprint(json: string | null | undefined): Promise<string | null> {
  const alg = storedKeyAlg(json);
  if (!alg) return null;
  return (await loadDpopKey(json, alg))?.thumbprint ?? null;
}
