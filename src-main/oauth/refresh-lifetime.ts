/**
 * The refresh token's lifetime where the IdP states it. RFC 6749 §5.1 defines none; in the wild it is
 * `refresh_expires_in` (seconds, Keycloak; 0 for an offline token that does not expire), `refresh_token_expires_in`
 * (seconds: Microsoft, GitHub Apps) or the `exp` claim of a JWT refresh token (RFC 7519 §4.1.4, decoded, never
 * verified: display and warnings only).
 */
import { decodeJwt } from 'jose';

/** A refresh token lifetime: seconds from the response (`expiresIn`) or an ISO-8601 instant (`expiresAt`). */
export type RefreshLifetime = { refreshExpiresIn: number } | { refreshExpiresAt: string } | Record<string, never>;

/**
 * The lifetime of `refreshToken` from the token response fields `v`: a stated number of seconds first (numeric
 * strings tolerated), else the JWT's `exp`; `{}` when neither is usable (absent, 0, negative, not a number).
 * Never throws: an odd lifetime only means no warning.
 */
export function refreshLifetime(v: Record<string, unknown>, refreshToken: string | undefined): RefreshLifetime {
  if (refreshToken === undefined) return {};
  for (const key of ['refresh_expires_in', 'refresh_token_expires_in']) {
    const seconds = positiveSeconds(v[key]);
    if (seconds !== undefined) return { refreshExpiresIn: seconds };
  }
  const exp = jwtExp(refreshToken);
  return exp === undefined ? {} : { refreshExpiresAt: new Date(exp * 1000).toISOString() };
}

function positiveSeconds(value: unknown): number | undefined {
  const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  return typeof n === 'number' && Number.isFinite(n) && n > 0 && n < 1e10 ? n : undefined;
}

function jwtExp(token: string): number | undefined {
  if (token.split('.').length !== 3) return undefined;
  try {
    const { exp } = decodeJwt(token);
    // A NumericDate beyond year 10000 is no date (and would throw in toISOString).
    return typeof exp === 'number' && exp > 0 && exp < 253_402_300_800 ? exp : undefined;
  } catch {
    return undefined;
  }
}
