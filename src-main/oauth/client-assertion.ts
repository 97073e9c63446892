/**
 * Builds and signs the JWTs a client sends about itself (RFC 7523): the `client_assertion` of private_key_jwt
 * and client_secret_jwt (§2.2, OIDC Core §9) and the JWT bearer grant's `assertion` (§2.1). Signed with jose;
 * the key is a PEM (PKCS#8, PKCS#1 or SEC1) or a JWK, read with node:crypto (docs/security.md, "What is a secret").
 */
import { createPrivateKey, createSecretKey, randomUUID, type KeyObject } from 'node:crypto';
import { SignJWT } from 'jose';
import { AppError } from '../../src-shared/errors';
import type { SigningAlg } from '../../src-shared/client-auth';

/** How long an assertion is valid: `exp` is `iat` plus this many seconds (RFC 7523 §3 item 4; at most 5 min). */
export const ASSERTION_LIFETIME_S = 120;

/** A signing key ready for jose, with what the key itself says of its alg and kid (a JWK's members). */
export interface SigningKey {
  key: KeyObject;
  /** The alg the key implies (RSA → RS256, P-256 → ES256, Ed25519 → EdDSA), or the JWK's `alg`. */
  alg: SigningAlg;
  kid?: string;
}

/**
 * Reads a private key given as PEM or as a JWK (JSON). Throws AppError('invalid_request') naming `field` (never
 * quoting the key) when it is neither, is a public key, or has a type no JWS alg uses.
 */
export function readPrivateKey(text: string, field: string): SigningKey {
  const bad = (why: string) =>
    new AppError('invalid_request', `${field} ${why}`, { issues: [{ path: field, message: why }] });
  let key: KeyObject;
  let jwk: Record<string, unknown> | undefined;
  try {
    if (text.trimStart().startsWith('{')) {
      jwk = JSON.parse(text) as Record<string, unknown>;
      key = createPrivateKey({ key: jwk as never, format: 'jwk' });
    } else key = createPrivateKey({ key: text });
  } catch {
    throw bad('is not a private key in PEM (PKCS#8, PKCS#1, SEC1) or JWK form');
  }
  const type = key.asymmetricKeyType;
  const curve = key.asymmetricKeyDetails?.namedCurve;
  const implied: SigningAlg | undefined =
    type === 'rsa'
      ? 'RS256'
      : type === 'rsa-pss'
        ? 'PS256'
        : type === 'ed25519'
          ? 'EdDSA'
          : type === 'ec'
            ? ({ prime256v1: 'ES256', secp384r1: 'ES384', secp521r1: 'ES512' } as const)[curve ?? '']
            : undefined;
  if (!implied)
    throw bad(`is a ${type ?? 'unknown'} key${curve ? ` (${curve})` : ''}, which no JWS algorithm signs with`);
  const jwkAlg = typeof jwk?.alg === 'string' ? (jwk.alg as SigningAlg) : undefined;
  const kid = typeof jwk?.kid === 'string' ? jwk.kid : undefined;
  return { key, alg: jwkAlg ?? implied, ...(kid ? { kid } : {}) };
}

/** What signAssertion needs: the claims the caller chooses, the key and header choices, and the clock. */
export interface AssertionInput {
  iss: string;
  sub: string;
  aud: string;
  /** Extra claims (the JWT bearer grant's `scope` and the profile's rows); never overrides the registered ones. */
  claims?: Record<string, unknown>;
  /** A private key (PEM / JWK text), or the client secret for HS* (client_secret_jwt). */
  key: { privateKey: string } | { secret: string };
  /** The alg chosen in the profile; absent: the key's (HS256 for a secret). */
  alg?: SigningAlg;
  kid?: string;
  now: Date;
  /** The secret field named in errors (Kore label), e.g. "JWT Signing Key". */
  keyLabel: string;
}

/** A signed assertion and what it says, for the exchange view (its signature never leaves the engine). */
export interface SignedAssertion {
  jwt: string;
  header: Record<string, unknown>;
  claims: Record<string, unknown>;
}

/**
 * Signs an assertion with `iss`, `sub`, `aud`, a fresh `jti` (UUID), `iat` = now and `exp` = now +
 * ASSERTION_LIFETIME_S (seconds since the epoch; RFC 7523 §3). Throws AppError('invalid_request') when the key
 * cannot be read or does not fit the alg.
 */
export async function signAssertion(input: AssertionInput): Promise<SignedAssertion> {
  let key: KeyObject;
  let alg: SigningAlg;
  let kid = input.kid || undefined;
  if ('secret' in input.key) {
    key = createSecretKey(Buffer.from(input.key.secret, 'utf8'));
    alg = input.alg ?? 'HS256';
  } else {
    const read = readPrivateKey(input.key.privateKey, input.keyLabel);
    key = read.key;
    alg = input.alg ?? read.alg;
    kid ??= read.kid;
  }
  const iat = Math.floor(input.now.getTime() / 1000);
  const claims = {
    ...(input.claims ?? {}),
    iss: input.iss,
    sub: input.sub,
    aud: input.aud,
    jti: randomUUID(),
    iat,
    exp: iat + ASSERTION_LIFETIME_S,
  };
  const header = { alg, typ: 'JWT', ...(kid ? { kid } : {}) };
  try {
    const jwt = await new SignJWT(claims).setProtectedHeader(header).sign(key);
    return { jwt, header, claims };
  } catch (err) {
    const why = `cannot sign with ${alg}: ${err instanceof Error ? err.message : String(err)}`;
    throw new AppError('invalid_request', `${input.keyLabel} ${why}`, {
      issues: [{ path: input.keyLabel, message: why }],
    });
  }
}
