/**
 * What the Test panel derives from a waiting sign-in (SignInWaiting, src-shared/test-run.ts): the
 * authorization URL's parameters (RFC 6749 §4.1.1) and the time left before the Test stops waiting.
 * Pure, with the clock passed in, so it is tested without a browser.
 */

/** What main puts in place of a secret value (docs/security.md, "The redactor"). */
export const REDACTED_MARK = '[redacted]';

/** The query parameters of `url` in order, names and values decoded; empty when `url` does not parse. */
export function urlParameters(url: string): [name: string, value: string][] {
  try {
    return [...new URL(url).searchParams.entries()];
  } catch {
    return [];
  }
}

/** True when the shown URL has a value masked by main, so copying it does not give the real URL. */
export function hasRedactedValue(url: string): boolean {
  return url.includes(REDACTED_MARK) || url.includes(encodeURIComponent(REDACTED_MARK));
}

/**
 * The time left until `deadline` (ISO-8601) at `nowMs` (ms since the epoch), as "m:ss" ("4:59"), rounded up
 * to the second; "0:00" once it has passed or when `deadline` does not parse.
 */
export function timeLeft(deadline: string, nowMs: number): string {
  const ms = Date.parse(deadline) - nowMs;
  if (!(ms > 0)) return '0:00';
  const seconds = Math.ceil(ms / 1000);
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
}
