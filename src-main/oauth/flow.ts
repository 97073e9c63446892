/**
 * What every grant flow receives and returns. A flow runs its HTTP exchanges through `http`, reports
 * steps through `onStep`, and returns the raw (unredacted) outcome; the test runner redacts it.
 */
import type { ProfileInput, SecretField } from '../../src-shared/profile';
import type { Exchange, ExchangeStep, TestError } from '../../src-shared/test-run';
import type { HttpClient, HttpRequest } from '../http/recording-client';
import type { TokenResult } from './token-response';

/** The profile's stored secrets, read from the keychain for this run (null when not set). */
export type FlowSecrets = Record<SecretField, string | null>;

export interface FlowContext {
  profile: ProfileInput;
  http: HttpClient;
  /** Connection options every request of this profile carries (CA bundle, client certificate, proxy). */
  transport: Pick<HttpRequest, 'tls' | 'proxyUrl'>;
  signal?: AbortSignal;
  /** Per-request deadline (ms). */
  timeoutMs?: number;
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
  /** A warning that belongs in the run (TestRun.warnings) as well as in progress, e.g. PKCE `plain`. */
  warn(message: string): void;
  now(): Date;
}

/** Raw outcome of a flow; the caller redacts before anything leaves the engine. */
export interface FlowOutcome {
  exchanges: Exchange[];
  token?: TokenResult;
  error?: TestError;
  /** Values that must be redacted wherever they appear (codes, verifiers, typed passwords). */
  secretValues?: string[];
  warnings?: string[];
}
