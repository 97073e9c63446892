/**
 * A profile's last Test as the list and the profile header show it (docs/architecture.md, "Data model"):
 * the outcome of its newest stored run, read from the runs table's columns, never from the run bodies.
 */
import { ERROR_CODES, type ErrorCode } from './errors';

/**
 * The outcome of a profile's newest stored Test run (a cancelled run counts, with `code` `cancelled`):
 * `code` is set when it failed, `oauthError` when the IdP named an RFC 6749 §5.2 error (printable ASCII,
 * at most 64 characters); `startedAt` is ISO-8601 and `durationMs` in milliseconds.
 */
export interface LastTest {
  ok: boolean;
  code?: ErrorCode;
  oauthError?: string;
  startedAt: string;
  durationMs: number;
}

/** The columns of a stored run that make a LastTest (SQLite types: `ok` 0/1, absent values null). */
export interface LastTestColumns {
  ok: number;
  errorCode: string | null;
  oauthError: string | null;
  startedAt: string;
  durationMs: number | null;
}

/** RFC 6749 §5.2: an `error` value is %x20-21 / %x23-5B / %x5D-7E; longer than 64 characters is not shown. */
const OAUTH_ERROR = /^[\x20\x21\x23-\x5b\x5d-\x7e]{1,64}$/;
const KNOWN_CODES: ReadonlySet<string> = new Set(ERROR_CODES);

/**
 * A LastTest from stored columns; an error code outside ERROR_CODES reads as `internal`, and an
 * `oauthError` that is not a well-formed RFC 6749 §5.2 value (the IdP chose it) is left out.
 */
export function toLastTest(columns: LastTestColumns): LastTest {
  const { ok, errorCode, oauthError, startedAt, durationMs } = columns;
  const failed = ok !== 1;
  const code = errorCode === null ? undefined : KNOWN_CODES.has(errorCode) ? (errorCode as ErrorCode) : 'internal';
  return {
    ok: !failed,
    ...(failed ? { code: code ?? 'internal' } : {}),
    ...(failed && oauthError !== null && OAUTH_ERROR.test(oauthError) ? { oauthError } : {}),
    startedAt,
    durationMs: Math.max(0, durationMs ?? 0),
  };
}

/** What the last Test says in one phrase: "Passed", "Cancelled", or "Failed · invalid_client" (the IdP's error, else ours). */
export function lastTestVerdict(last: LastTest): string {
  if (last.ok) return 'Passed';
  if (last.code === 'cancelled') return 'Cancelled';
  return `Failed · ${last.oauthError ?? last.code ?? 'internal'}`;
}

const pad = (n: number) => String(n).padStart(2, '0');
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/**
 * When a Test started, short, in local time relative to `now`: "just now", "2 min ago" (the last hour),
 * "10:42" (earlier today), "3 Dec" (this year), "3 Dec 2025"; "" for an unreadable ISO-8601 `startedAt`.
 */
export function formatWhen(startedAt: string, now: Date = new Date()): string {
  const at = new Date(startedAt);
  if (Number.isNaN(at.getTime())) return '';
  // A start a little after `now` (a clock that ticks each half minute) reads "just now".
  const minutes = Math.max(0, Math.floor((now.getTime() - at.getTime()) / 60_000));
  if (minutes < 60) return minutes === 0 ? 'just now' : `${minutes} min ago`;
  if (at.toDateString() === now.toDateString()) return `${pad(at.getHours())}:${pad(at.getMinutes())}`;
  const day = `${at.getDate()} ${MONTHS[at.getMonth()]}`;
  return at.getFullYear() === now.getFullYear() ? day : `${day} ${at.getFullYear()}`;
}

/** The full local date and time of `startedAt`, e.g. "2026-12-03 10:42:07" (for a title or an accessible name). */
export function formatFullTime(startedAt: string): string {
  const at = new Date(startedAt);
  if (Number.isNaN(at.getTime())) return startedAt;
  const date = `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}`;
  return `${date} ${pad(at.getHours())}:${pad(at.getMinutes())}:${pad(at.getSeconds())}`;
}
