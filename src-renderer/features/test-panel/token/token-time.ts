/**
 * Time for the Token view: a ticking clock, the expiry countdown ("in 59 min 58 s", "expired 3 s ago")
 * and local dates for the JWT time claims (RFC 7519 §4.1.4–4.1.6: seconds since the epoch).
 */
import { useEffect, useState } from 'react';
import { formatSeconds } from '../../../../src-shared/format';

/** JWT claims whose value is a NumericDate (seconds since 1970-01-01 UTC). */
export const TIME_CLAIMS = new Set(['exp', 'iat', 'nbf', 'auth_time']);

/**
 * The current time in ms, read when the calling component mounts and again every `intervalMs` (remount it,
 * e.g. with a `key`, to start from a fresh reading).
 */
export function useNow(intervalMs = 1000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return now;
}

/** A span of milliseconds as `1 h 2 min 3 s`, `58 s` (whole seconds, rounded down; `0 s` at most). */
export function formatSpan(ms: number): string {
  return formatSeconds(ms / 1000);
}

/** The expiry as seen at `now`: "expires in …" or "expired … ago"; null when no expiry is known. */
export function expiryCountdown(expiresAt: string | undefined, now: number): { text: string; expired: boolean } | null {
  if (!expiresAt) return null;
  const at = Date.parse(expiresAt);
  if (!Number.isFinite(at)) return null;
  const left = at - now;
  return left > 0
    ? { text: `expires in ${formatSpan(left)}`, expired: false }
    : { text: `expired ${formatSpan(-left)} ago`, expired: true };
}

/** A local date and time for an ISO string or epoch ms, e.g. "3/14/2026, 10:02:03 AM". */
export function localDateTime(value: string | number): string {
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? String(value) : date.toLocaleString();
}

/** The local date of a NumericDate claim value, or null when it is not a number. */
export function claimDate(value: unknown): string | null {
  return typeof value === 'number' && Number.isFinite(value) ? localDateTime(value * 1000) : null;
}

/** A span of ms in its two largest units, rounded down: `3 d 4 h`, `2 h 5 min`, `4 min 3 s`, `0 s`. */
export function formatCoarseSpan(ms: number): string {
  return formatSpan(ms).split(' ').slice(0, 4).join(' ');
}

/**
 * The refresh token's expiry as seen at `now`: "Refresh token expires in 3 d 4 h" or "Refresh token expired
 * 2 h ago"; null when no expiry is known.
 */
export function refreshCountdown(
  expiresAt: string | undefined,
  now: number,
): { text: string; expired: boolean; leftMs: number } | null {
  if (!expiresAt) return null;
  const at = Date.parse(expiresAt);
  if (!Number.isFinite(at)) return null;
  const left = at - now;
  return left > 0
    ? { text: `Refresh token expires in ${formatCoarseSpan(left)}`, expired: false, leftMs: left }
    : { text: `Refresh token expired ${formatCoarseSpan(-left)} ago`, expired: true, leftMs: left };
}
