/**
 * The closed vocabulary of failures shared by main, renderer and CLI.
 * Each code names a class of failure a user can act on; details carry structured data, never secrets.
 */
export const ERROR_CODES = [
  // request / data
  'invalid_request', // a payload or field failed validation (details.issues names the fields)
  'not_found',
  'conflict', // e.g. a profile name already in use
  'immutable_field', // name or grant type changed after create
  // environment
  'keychain_unavailable',
  'database',
  'unavailable', // a capability this host does not have (e.g. file dialogs outside the app)
  // a Test that could not start
  'not_configured',
  'secret_missing',
  'unsupported_grant',
  'cancelled',
  // a Test that ran and failed (see test-run.ts)
  'oauth_error', // the IdP answered with an RFC 6749 §5.2 error
  'http_error', // a non-2xx status without an OAuth error body
  'invalid_response', // not JSON, or a 2xx without access_token / token_type
  'redirect', // the token endpoint answered 3xx (redirects are never followed)
  'body_too_large',
  'timeout',
  'connection_refused',
  'dns',
  'tls',
  'network',
  'internal',
] as const;

/** One of {@link ERROR_CODES}. */
export type ErrorCode = (typeof ERROR_CODES)[number];

/** A field-level validation problem: `path` is the dotted field path (e.g. `tokenUrl`, `scopes.0.value`). */
export interface FieldIssue {
  path: string;
  message: string;
}

/** The serialisable shape of an error, as it crosses IPC or is printed by the CLI. */
export interface ErrorData {
  code: ErrorCode;
  message: string;
  details?: { issues?: FieldIssue[]; [key: string]: unknown };
}

/** The one error type thrown by services; the router turns it into `{ok: false, error}`. */
export class AppError extends Error {
  override readonly name = 'AppError';
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: ErrorData['details'],
  ) {
    super(message);
  }

  /** The plain-data form, safe to send across IPC. */
  toData(): ErrorData {
    return this.details
      ? { code: this.code, message: this.message, details: this.details }
      : { code: this.code, message: this.message };
  }
}

/** Result envelope of every IPC call (docs/architecture.md, "The IPC contract"): never a thrown error across the process boundary. */
export type Envelope<T> = { ok: true; value: T } | { ok: false; error: ErrorData };
