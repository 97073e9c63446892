/**
 * The claim checks of a JWT (RFC 7519 §4.1; for ID tokens OpenID Connect Core §3.1.3.7 and §3.2.2.9): pure
 * functions of the decoded header and claims and what the run knows. The signature is checked in
 * verify-token.ts. Details name claims and times, never a token value.
 */
import { createHash } from 'node:crypto';
import type { TokenCheck, TokenCheckName } from '../../src-shared/test-run';

/** Clock leeway for `exp`, `nbf` and `iat` (s). */
export const LEEWAY_S = 60;

/** What the claim checks compare a token with. */
export interface ClaimContext {
  /** The issuer the metadata names, when discovery ran. */
  issuer?: string;
  clientId: string;
  /** The run's clock. */
  now: Date;
  /** The nonce the authorization request sent (ID tokens), when one was sent. */
  nonce?: string;
  /** The access token of the same response, for `at_hash` (ID tokens). */
  accessToken?: string;
  /** The metadata's `id_token_signing_alg_values_supported`, when given. */
  idTokenAlgs?: readonly string[];
}

/** A check result. */
export function check(name: TokenCheckName, result: TokenCheck['result'], detail: string): TokenCheck {
  return { check: name, result, detail };
}

/** The `alg` check: never `none`; in the metadata's list (ID tokens); the JWK's own `alg` when it has one. */
export function algCheck(alg: unknown, kind: 'access' | 'id', ctx: ClaimContext, jwkAlg?: string): TokenCheck {
  if (typeof alg !== 'string' || !alg) return check('alg', 'fail', 'The header has no alg');
  if (alg.toLowerCase() === 'none') return check('alg', 'fail', 'alg is "none": the token is not signed');
  if (jwkAlg && jwkAlg !== alg) return check('alg', 'fail', `alg is ${alg}, but the signing key is for ${jwkAlg}`);
  const listed = ctx.idTokenAlgs;
  if (kind === 'id' && listed?.length && !listed.includes(alg))
    return check('alg', 'fail', `alg ${alg} is not in id_token_signing_alg_values_supported (${listed.join(', ')})`);
  return check('alg', 'pass', `alg is ${alg}`);
}

/** The checks of `iss`, `aud`, `azp`, `exp`, `nbf`, `iat` and, for ID tokens, `nonce` and `at_hash`. */
export function claimChecks(
  claims: Record<string, unknown>,
  alg: unknown,
  kind: 'access' | 'id',
  ctx: ClaimContext,
): TokenCheck[] {
  const checks = [issCheck(claims.iss, ctx.issuer), ...audienceChecks(claims, kind, ctx.clientId)];
  checks.push(...timeChecks(claims, ctx.now, kind));
  if (kind === 'id')
    checks.push(nonceCheck(claims.nonce, ctx.nonce), atHashCheck(claims.at_hash, alg, ctx.accessToken));
  return checks;
}

function issCheck(iss: unknown, issuer: string | undefined): TokenCheck {
  if (!issuer) return check('iss', 'n/a', 'No issuer to compare with (the profile has no Issuer or discovery failed)');
  if (iss === issuer) return check('iss', 'pass', `iss is the issuer ${issuer}`);
  return check('iss', 'fail', `iss is ${JSON.stringify(iss ?? null)}, not the issuer ${issuer}`);
}

function audienceChecks(claims: Record<string, unknown>, kind: 'access' | 'id', clientId: string): TokenCheck[] {
  const aud = claims.aud;
  const audiences =
    typeof aud === 'string' ? [aud] : Array.isArray(aud) ? aud.filter((a) => typeof a === 'string') : [];
  if (kind === 'access') {
    // RFC 9068 §4: an access token's audience is the resource server's, which the client cannot judge.
    const shown = audiences.length ? `aud is ${audiences.join(', ')}` : 'no aud';
    return [check('aud', 'n/a', `${shown}; the resource server checks an access token's audience (RFC 9068 §4)`)];
  }
  const audCheck = audiences.includes(clientId)
    ? check('aud', 'pass', `aud contains the client_id ${clientId}`)
    : check('aud', 'fail', `aud (${audiences.join(', ') || 'none'}) does not contain the client_id ${clientId}`);
  const azp = claims.azp;
  let azpCheck: TokenCheck;
  if (azp === undefined)
    azpCheck =
      audiences.length > 1
        ? check('azp', 'fail', 'Several audiences but no azp (OpenID Connect Core §3.1.3.7)')
        : check('azp', 'n/a', 'No azp, and one audience');
  else
    azpCheck =
      azp === clientId
        ? check('azp', 'pass', `azp is the client_id ${clientId}`)
        : check('azp', 'fail', `azp is ${JSON.stringify(azp)}, not the client_id ${clientId}`);
  return [audCheck, azpCheck];
}

function timeChecks(claims: Record<string, unknown>, now: Date, kind: 'access' | 'id'): TokenCheck[] {
  const nowS = now.getTime() / 1000;
  const at = (s: number) => new Date(s * 1000).toISOString();
  const out: TokenCheck[] = [];
  const { exp, nbf, iat } = claims;
  if (typeof exp !== 'number') out.push(check('exp', kind === 'id' ? 'fail' : 'n/a', 'No exp claim'));
  else if (exp + LEEWAY_S <= nowS) out.push(check('exp', 'fail', `Expired at ${at(exp)}`));
  else out.push(check('exp', 'pass', `Expires at ${at(exp)}`));
  if (typeof nbf !== 'number') out.push(check('nbf', 'n/a', 'No nbf claim'));
  else if (nbf - LEEWAY_S > nowS) out.push(check('nbf', 'fail', `Not valid before ${at(nbf)}`));
  else out.push(check('nbf', 'pass', `Valid since ${at(nbf)}`));
  if (typeof iat !== 'number') out.push(check('iat', kind === 'id' ? 'fail' : 'n/a', 'No iat claim'));
  else if (iat - LEEWAY_S > nowS) out.push(check('iat', 'fail', `Issued in the future (${at(iat)}): a clock skew`));
  else out.push(check('iat', 'pass', `Issued at ${at(iat)}`));
  return out;
}

function nonceCheck(claim: unknown, sent: string | undefined): TokenCheck {
  if (!sent) return check('nonce', 'n/a', 'The sign-in sent no nonce');
  return claim === sent
    ? check('nonce', 'pass', 'nonce is the one the sign-in sent')
    : check('nonce', 'fail', 'nonce is not the one the sign-in sent (OpenID Connect Core §3.1.3.7)');
}

/** OpenID Connect Core §3.2.2.9: the left half of the hash of the access token's ASCII, base64url. */
export function atHash(accessToken: string, alg: string): string | undefined {
  const bits = /^(?:[A-Z]{2})(256|384|512)K?$/.exec(alg)?.[1] ?? (alg === 'EdDSA' || alg === 'Ed25519' ? '512' : '');
  if (!bits) return undefined;
  const digest = createHash(`sha${bits}`).update(accessToken, 'ascii').digest();
  return digest.subarray(0, digest.length / 2).toString('base64url');
}

function atHashCheck(claim: unknown, alg: unknown, accessToken: string | undefined): TokenCheck {
  if (claim === undefined) return check('at_hash', 'n/a', 'No at_hash claim');
  if (!accessToken) return check('at_hash', 'n/a', 'No access token to compare with');
  const expected = typeof alg === 'string' ? atHash(accessToken, alg) : undefined;
  if (!expected) return check('at_hash', 'n/a', `No hash is defined for alg ${String(alg)}`);
  return claim === expected
    ? check('at_hash', 'pass', 'at_hash matches the access token')
    : check('at_hash', 'fail', 'at_hash does not match the access token (OpenID Connect Core §3.2.2.9)');
}
