/**
 * The vocabulary of a Test result (docs/architecture.md, "A Test, step by step"): a TestRun made of Exchanges, and its error.
 * Everything here is already redacted: secret values appear as `[redacted]`.
 */
import type { DecodedDpopProof } from './dpop-profile';
import type { ErrorCode, ErrorData } from './errors';
import type { ExchangeStep } from './exchange-steps';
import type { GrantType } from './grants';
import type { ProfileOverrides, Variant } from './profile-overrides';
import type { TokenToolResult } from './token-tools';

export type { ExchangeStep } from './exchange-steps';

/** Header names lower-cased, as sent or received on the wire. */
export type HeaderMap = Record<string, string>;

export interface RecordedRequest {
  method: string;
  url: string;
  headers: HeaderMap;
  /** The body as sent (UTF-8 text), or null. */
  body: string | null;
  /** Each JWT assertion the request carried (RFC 7523), decoded; its signature is never kept. */
  assertions?: DecodedAssertion[];
  /** The request's DPoP proof (RFC 9449 §4.2), decoded; its signature is never kept. */
  dpopProof?: DecodedDpopProof;
}

/** A client assertion or JWT bearer assertion as the run shows it: the parameter, header and claims, no signature. */
export interface DecodedAssertion {
  /** `client_assertion` (RFC 7523 §2.2) or `assertion` (§2.1). */
  parameter: string;
  header: Record<string, unknown>;
  claims: Record<string, unknown>;
}

export interface RecordedResponse {
  status: number;
  statusText: string;
  headers: HeaderMap;
  /** The body as received (UTF-8 text, capped), or null when empty. */
  body: string | null;
  /** True when the body was cut at the cap. */
  truncated?: boolean;
}

/** One HTTP round trip; `response` is null when none arrived (refused, timed out, cancelled). */
export interface Exchange {
  step: ExchangeStep;
  request: RecordedRequest;
  response: RecordedResponse | null;
  /** Wall time from send to the end of the body (ms). */
  durationMs: number;
  error?: { code: ErrorCode; message: string };
}

/** What the token response said, without the tokens themselves. */
export interface TokenSummary {
  tokenType: string;
  /** Lifetime in seconds (RFC 6749 §5.1 `expires_in`), when given. */
  expiresIn?: number;
  scope?: string;
  hasRefreshToken: boolean;
  /** Decoded JWT claims when the access token is a JWT (unverified, for display). */
  claims?: Record<string, unknown>;
  /** Each check of the access token and the ID token against the IdP's JWKS and the run (oauth/verify-token.ts). */
  verification?: TokenVerification;
  /** A token exchange answer's `issued_token_type` (RFC 8693 §2.2.1), e.g. `urn:ietf:params:oauth:token-type:jwt`. */
  issuedTokenType?: string;
}

/** The checks of a JWT, in RFC 7519 §4.1 and OIDC Core §3.1.3.7 terms. */
export type TokenCheckName = 'signature' | 'alg' | 'iss' | 'aud' | 'azp' | 'exp' | 'nbf' | 'iat' | 'nonce' | 'at_hash';

/** One check of a token: `n/a` when it does not apply (the detail says why); the detail never holds a token. */
export interface TokenCheck {
  check: TokenCheckName;
  result: 'pass' | 'fail' | 'n/a';
  detail: string;
}

/** The checks of the access token and of the ID token a token response carried. */
export interface TokenVerification {
  accessToken?: TokenCheck[];
  idToken?: TokenCheck[];
}

/** A failed Test: our code and message, the IdP's RFC 6749 §5.2 fields, and a human diagnosis. */
export interface TestError extends ErrorData {
  oauthError?: string;
  oauthErrorDescription?: string;
  oauthErrorUri?: string;
  /** HTTP status of the failing exchange, when there was one. */
  status?: number;
  /** What most likely went wrong, in the user's terms. */
  diagnosis?: string;
  /** What to try next. */
  hint?: string;
  /** The one change the hint names, as a Test to run again with it (docs/architecture.md, "Variants"). */
  variant?: Variant;
}

/**
 * How a Test came by the token it used (docs/architecture.md, "Held tokens"): `obtained` (the grant ran:
 * client credentials, password), `signed_in` (through the browser, RFC 6749 §4.1), `held` (the token a
 * pre-authorize Test found in the keychain, used as it was) or `refreshed` (that token refreshed first, RFC 6749 §6).
 */
export const TOKEN_SOURCES = ['obtained', 'signed_in', 'held', 'refreshed'] as const;
export type TokenSource = (typeof TOKEN_SOURCES)[number];

/** One Test of one profile (the CLI's `--json` output). Field names are stable; fields may be added. */
export interface TestRun {
  id: string;
  ok: boolean;
  profile: string;
  profileId: string;
  grantType: GrantType;
  /** ISO-8601 */
  startedAt: string;
  durationMs: number;
  exchanges: Exchange[];
  token?: TokenSummary;
  error?: TestError;
  /** Things the user should know even when the Test passed (e.g. PKCE plain, the legacy password grant). */
  warnings?: string[];
  /** The non-secret fields this run overrode (not saved), e.g. `{ clientAuthMethod: 'client_secret_post' }`. */
  overrides?: ProfileOverrides;
  /** How the run came by its token; absent when it got none (or for runs stored before this field). */
  tokenSource?: TokenSource;
  /**
   * One sentence on why the run took that path, e.g. why a pre-authorize Test signed in rather than use the
   * held token ("No token was held for this profile"), or until when the held token it used is valid.
   */
  tokenSourceReason?: string;
  /** A device-code Test's polling (RFC 8628 §3.4): how many token requests, of which pending and slow_down. */
  polls?: DevicePolls;
  /** A token tool run's finding (introspection, revocation, UserInfo; src-shared/token-tools.ts). */
  tool?: TokenToolResult;
}

/** What the app shows of a stored token: never the token values themselves. */
export interface TokenState {
  tokenType: string;
  scope?: string;
  /** ISO-8601 */
  obtainedAt: string;
  /** ISO-8601; absent when the IdP gave no `expires_in`. */
  expiresAt?: string;
  /** ISO-8601: the refresh token's expiry, where the IdP stated it (src-main/oauth/refresh-lifetime.ts). */
  refreshExpiresAt?: string;
  hasRefreshToken: boolean;
  /** False after an `invalid_grant` on refresh: the token cannot be refreshed any more. */
  usable: boolean;
  /** Decoded JWT protected header and claims of the access token (unverified, display only). */
  header?: Record<string, unknown>;
  claims?: Record<string, unknown>;
  /** RFC 9449 §6.1: the thumbprint of the profile's DPoP key the token was obtained with (DPoP tokens only). */
  dpopJkt?: string;
}

/**
 * The browser sign-in a running authorization-code Test waits for (RFC 6749 §4.1.1, RFC 8252 §7.3), redacted
 * as the run's stored `authorize` exchange is: `state`, `nonce` and `code_challenge` shown, secret-named
 * parameters and known secret values `[redacted]`.
 */
export interface SignInWaiting {
  /** The authorization URL the browser was sent to (redacted). */
  authorizationUrl: string;
  /** The loopback redirect URI the browser reaches after the sign-in, e.g. `http://127.0.0.1:PORT/callback`. */
  redirectUri: string;
  /** ISO-8601: when the Test stops waiting. */
  deadline: string;
  /** Why the system browser could not be opened, when it could not (the Test waits anyway). */
  openerError?: string;
}

/**
 * The approval a running device-code Test waits for (RFC 8628 §3.2, §3.3): the user code to enter at the
 * verification URI, how often the flow polls and when it gives up. The device code itself never leaves main.
 */
export interface DeviceWaiting {
  /** RFC 8628 §3.2 `user_code`, shown large for the person to type. */
  userCode: string;
  /** RFC 8628 §3.2 `verification_uri`. */
  verificationUri: string;
  /** RFC 8628 §3.2 `verification_uri_complete` (the user code included), when the IdP gave one. */
  verificationUriComplete?: string;
  /** The current polling interval (s): `interval`, 5 by default, +5 after each `slow_down` (§3.5). */
  intervalS: number;
  /** ISO-8601: when the device code expires (`expires_in`) and the Test stops polling. */
  expiresAt: string;
  /** Why the system browser could not be opened, when it could not (the Test waits anyway). */
  openerError?: string;
}

/** How often a device-code Test polled the token endpoint (RFC 8628 §3.4, §3.5); only the first and last are recorded. */
export interface DevicePolls {
  /** Token requests sent in all. */
  count: number;
  /** Answers `authorization_pending`. */
  pending: number;
  /** Answers `slow_down`. */
  slowDown: number;
  /** The interval in force at the end (s). */
  intervalS: number;
}

/**
 * Progress of a running Test, pushed as the `test:progress` event; `signIn` while a browser sign-in waits,
 * `device` while a device-code Test waits for approval.
 */
export interface TestProgress {
  profileId: string;
  step: ExchangeStep | 'starting' | 'browser' | 'done';
  message: string;
  signIn?: SignInWaiting;
  device?: DeviceWaiting;
}
