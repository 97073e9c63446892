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
