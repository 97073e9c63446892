/**
 * What every grant flow receives and returns. A flow sends its HTTP exchanges through `send`, reports
 * steps through `onStep`, and returns the raw (unredacted) outcome; the test runner redacts it
 * (docs/architecture.md, "A Test, step by step").
 */
import type { GrantProfile, GrantType, ProfileInput, SecretField } from '../../src-shared/profile';
import type { DevicePolls, Exchange, ExchangeStep, TestError, TokenSource } from '../../src-shared/test-run';
import type { HttpRequest } from '../http/recording-client';
import type { ParMetadata } from '../../src-shared/discovery';
import type { PasteResult } from './loopback-server';
import type { TokenResult } from './token-response';

/** The profile's stored secrets, read from the keychain for this run (null when not set). */
export type FlowSecrets = Record<SecretField, string | null>;

/** What a flow sends: the request line, headers and body (a TokenRequest or a check call fits). */
export type OutgoingRequest = Pick<HttpRequest, 'method' | 'url' | 'headers' | 'body'>;

/** A sign-in the authorization-code flow waits for, as the flow knows it (nothing redacted yet). */
export interface SignInWait {
  /** The real authorization URL (RFC 6749 §4.1.1), as handed to the browser. */
  url: string;
  /** The loopback redirect URI (RFC 8252 §7.3). */
  redirectUri: string;
  /** When the flow stops waiting. */
  deadline: Date;
  /** This flow's own secret values (the PKCE verifier, which `plain` sends as the challenge), masked when shown. */
  secretValues: readonly string[];
  /** Why the opener failed, when it did (the flow waits anyway). */
  openerError?: string;
  /** Hands a URL pasted from the browser's address bar to the waiting loopback server (LoopbackServer.deliver). */
  deliver(url: string): PasteResult;
}

/** The approval a device-code flow waits for (RFC 8628 §3.2), as the flow knows it; the device code is not in it. */
export interface DeviceWait {
  userCode: string;
  verificationUri: string;
  verificationUriComplete?: string;
  /** The polling interval (s). */
  intervalS: number;
  /** When the device code expires. */
  expiresAt: Date;
  /** Why the opener failed, when it did (the flow polls anyway). */
  openerError?: string;
}

/** What the test runner hands a flow for one run: the profile, its secrets and inputs, and the engine's hooks. */
export interface FlowContext {
  profile: ProfileInput;
  /**
   * Sends `request` as an exchange of `step` through the recording client, with the profile's connection
   * options (CA bundle, client certificate, proxy), the per-request deadline and the run's abort signal.
   * Never throws for network trouble: the Exchange records it.
   */
  send(step: ExchangeStep, request: OutgoingRequest): Promise<Exchange>;
  /** Aborts the run: a flow that waits (for a sign-in) stops waiting; `send` cancels its request. */
  signal?: AbortSignal;
  /** How long the authorization-code flow waits for the sign-in (ms; default 5 min). */
  authorizationTimeoutMs?: number;
  /** Validated by the router (TENANT_PATTERN); URLs are rendered with templates.renderUrl. */
  tenant?: string;
  /** Values typed at Test time (username, password, IDP form field keys). */
  formValues: Readonly<Record<string, string>>;
  secrets: FlowSecrets;
  /** Opens the system browser (authorization-code flow). */
  openBrowser?: (url: string) => Promise<void>;
  onStep(step: ExchangeStep | 'browser', message: string): void;
  /**
   * The flow now waits for the sign-in of `wait`: a 'browser' progress step with `message` and the sign-in
   * (redacted) is reported, and the runner holds the real URL to open it again until `signInEnded`.
   */
  signInWaiting(message: string, wait: SignInWait): void;
  /** The wait for the sign-in is over (a callback came, the time ran out, or the Test was cancelled). */
  signInEnded(): void;
  /**
   * The device-code flow waits for approval (RFC 8628 §3.3): a 'browser' progress step with `message` and
   * `wait` is reported, and the runner holds the verification URL to open it again until `signInEnded`.
   */
  deviceWaiting?(message: string, wait: DeviceWait): void;
  /**
   * Waits `ms` between polls (RFC 8628 §3.5) and resolves early when the run is aborted; tests pass a faster
   * clock (RunOptions.sleep). Absent: a real timer.
   */
  sleep?(ms: number): Promise<void>;
  /** What discovery read of PAR in the IdP's metadata (RFC 9126 §5; oauth/discovery-step.ts); absent without metadata. */
  pushedAuthorization?: ParMetadata;
  /** A warning that belongs in the run (TestRun.warnings) as well as in progress, e.g. PKCE `plain`. */
  warn(message: string): void;
  now(): Date;
  /** With DPoP on (RFC 9449): the RFC 7638 thumbprint of the run's key (made on first use), for held tokens. */
  dpop?: { thumbprint(): Promise<string> };
}

/** Raw outcome of a flow; the caller redacts before anything leaves the engine. */
export interface FlowOutcome {
  exchanges: Exchange[];
  token?: TokenResult;
  error?: TestError;
  /** Values that must be redacted wherever they appear (codes, verifiers, typed passwords). */
  secretValues?: string[];
  warnings?: string[];
  /** How the token came (TestRun.tokenSource) and why, set by the test runner (services/held-token.ts). */
  tokenSource?: TokenSource;
  tokenSourceReason?: string;
  /** A device-code flow's polling counts (TestRun.polls). */
  polls?: DevicePolls;
}

/**
 * A grant's flow, as the registry (oauth/grants.ts) loads it: `run` obtains a token for a profile of grant
 * type `G` and returns the raw outcome; it throws AppError when the Test cannot start (a template, the tenant,
 * a missing input).
 */
export interface GrantFlow<G extends GrantType> {
  run: (profile: GrantProfile<G>, ctx: FlowContext) => Promise<FlowOutcome>;
}
