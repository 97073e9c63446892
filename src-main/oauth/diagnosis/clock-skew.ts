/**
 * Clock skew between the IdP and this machine: a response `Date` header (RFC 9110 §6.6.1, whole seconds) or a
 * JWT's `iat`/`nbf` (RFC 7519 §4.1.5–4.1.6, seconds since the epoch) compared with the injected clock.
 */
import type { Exchange, TokenSummary } from '../../../src-shared/test-run';
import { decodeForDisplay } from '../jwt';
import { formatDuration } from './evidence';

/** Offsets within this many seconds are ordinary (network time, rounding of `Date` to seconds). */
export const SKEW_TOLERANCE_S = 60;

/** A measured offset: positive when the IdP's clock is ahead of this machine's (seconds), and what showed it. */
export interface Skew {
  offsetS: number;
  source: string;
}

/**
 * The IdP's clock offset from a response's `Date` header: `Date` minus the local time the response arrived
 * (`now`), in seconds; undefined when absent, unreadable, or within SKEW_TOLERANCE_S.
 */
export function dateHeaderSkew(exchange: Exchange | undefined, now: Date): Skew | undefined {
  const date = exchange?.response?.headers.date;
  if (!date) return undefined;
  const at = Date.parse(date);
  if (Number.isNaN(at)) return undefined;
  const offsetS = Math.round((at - now.getTime()) / 1000);
  return Math.abs(offsetS) > SKEW_TOLERANCE_S ? { offsetS, source: 'its Date header' } : undefined;
}

/**
 * The offset shown by a JWT's claims: an `iat` more than SKEW_TOLERANCE_S in the future or past (`iat` is
 * the IdP's "now" at issue), or an `nbf` in the future; undefined otherwise.
 */
export function claimsSkew(claims: Record<string, unknown> | undefined, now: Date, what: string): Skew | undefined {
  if (!claims) return undefined;
  const nowS = now.getTime() / 1000;
  const iat = typeof claims.iat === 'number' ? claims.iat : undefined;
  if (iat !== undefined && Math.abs(iat - nowS) > SKEW_TOLERANCE_S)
    return { offsetS: Math.round(iat - nowS), source: `the ${what}'s iat` };
  const nbf = typeof claims.nbf === 'number' ? claims.nbf : undefined;
  if (nbf !== undefined && nbf - nowS > SKEW_TOLERANCE_S)
    return { offsetS: Math.round(nbf - nowS), source: `the ${what}'s nbf` };
  return undefined;
}

/** "the IdP's clock is 3 min 12 s ahead of this machine's (by its Date header)". */
export function describeSkew(skew: Skew): string {
  const dir = skew.offsetS > 0 ? 'ahead of' : 'behind';
  return `the IdP's clock is ${formatDuration(skew.offsetS)} ${dir} this machine's (by ${skew.source})`;
}

/** The claims of the `id_token` in the last token response (OpenID Connect Core §3.1.3.3), decoded only. */
function idTokenClaims(exchanges: readonly Exchange[]): Record<string, unknown> | undefined {
  const body = exchanges.findLast((e) => e.step === 'token')?.response?.body;
  if (!body || !body.trimStart().startsWith('{')) return undefined;
  try {
    const idToken = (JSON.parse(body) as Record<string, unknown>).id_token;
    return typeof idToken === 'string' ? decodeForDisplay(idToken).claims : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Run warnings for clock skew (at most one): from the access token's claims, else the ID token's, else the last
 * response's `Date` header; `now` is the run's injected clock.
 */
export function clockSkewWarnings(
  exchanges: readonly Exchange[],
  token: TokenSummary | undefined,
  now: Date,
): string[] {
  const skew =
    claimsSkew(token?.claims, now, 'access token') ??
    claimsSkew(idTokenClaims(exchanges), now, 'ID token') ??
    [...exchanges].reverse().reduce<Skew | undefined>((found, e) => found ?? dateHeaderSkew(e, now), undefined);
  if (!skew) return [];
  const text = describeSkew(skew);
  return [
    `Clock skew: ${text}. Tokens may look expired or not yet valid; synchronise this machine's clock (NTP) or tell the IdP's administrator.`,
  ];
}
