/**
 * The FlowContext of one run (docs/architecture.md, "A Test, step by step"): the profile, its secrets and
 * the typed values, and the engine's hooks: `send` (the recording client with the profile's transport, the
 * deadline and the abort signal), progress steps and warnings kept for the run. Progress and warnings are
 * redacted here, with the secrets the run knows (docs/security.md, "The redactor"): a flow may name a stored
 * username.
 */
import { withFieldDefaults } from '../../src-shared/dynamic-fields';
import type { ProfileView } from '../../src-shared/profile';
import type { SignInWaiting, TestProgress } from '../../src-shared/test-run';
import { TOKEN_CONTENT_TYPE_INFO } from '../../src-shared/token-content-types';
import type { HttpClient } from '../http/recording-client';
import { forTerminal } from '../http/log-text';
import { dpopKeySource, withDpop } from '../oauth/dpop';
import type { FlowContext, FlowSecrets, SignInWait } from '../oauth/flow';
import { deviceWaiting, realSleep } from './device-progress';
import type { SecretValues } from './profile-secrets';
import { knownSecrets, runRedactor } from './run-result';
import { transportFor } from './transport';

/** How a run goes: the options of TestRunner.run and refreshNow. */
export interface RunOptions {
  /** Per-request deadline in ms (default 30 s). */
  timeoutMs?: number;
  signal?: AbortSignal;
  /** Replaces `{tenant}` in URLs; must match TENANT_PATTERN. */
  tenant?: string;
  /** Values typed at Test time (password grant: username, password, IDP form field keys). */
  formValues?: Record<string, string>;
  /** How long an authorization-code Test waits for the sign-in (ms; default 5 min). */
  authorizationTimeoutMs?: number;
  /** Non-secret fields merged over the stored profile for this run only (src-shared/profile-overrides.ts). */
  overrides?: Record<string, unknown>;
  /**
   * "Sign in again": a pre-authorize authorization-code Test signs in through the browser instead of using the
   * held token (services/held-token.ts); other Tests ignore it.
   */
  signIn?: boolean;
  /**
   * Waits `ms` between a device-code Test's polls, resolving early on `signal` (default: a real timer); tests
   * pass a faster one so a 5 s interval takes milliseconds.
   */
  sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
  /**
   * "Test all" (services/batch-runner.ts): a client-credentials token without a refresh token is not written to
   * the keychain (held-token.ts batchSkipsTokenWrite), and a held token that is still good is kept instead of
   * writing the new one (keepsHeldToken): keychain writes spared per Test.
   */
  keepValidHeldToken?: boolean;
}

/** A profile and the secret values its Test uses, as ProfileService.getWithSecrets reads them. */
export interface LoadedProfile {
  view: ProfileView;
  secrets: SecretValues;
}

/** The real authorization URL of a sign-in that waits, held by the runner, and the run's redactor for messages. */
export interface HeldSignIn {
  url: string;
  redact(text: string): string;
  /** Hands a pasted redirected URL to the waiting flow (SignInWait.deliver); its message redacted. */
  deliver: SignInWait['deliver'];
}

/** What the runner knows when a run starts. */
export interface RunContextInput {
  profile: ProfileView;
  secrets: FlowSecrets;
  options: RunOptions;
  http: HttpClient;
  /** The run's own signal (cancel, and the caller's signal when given). */
  signal: AbortSignal;
  openBrowser?: (url: string) => Promise<void>;
  progress: (step: TestProgress['step'], message: string, extra?: Pick<TestProgress, 'signIn' | 'device'>) => void;
  /** Told of the sign-in the run waits for, and (null) when it no longer waits. */
  holdSignIn?: (held: HeldSignIn | null) => void;
  now: () => Date;
  /** Writes a key the run generated (the DPoP key, `dpopPrivateKey`) to the profile's keychain entry; absent: not kept. */
  saveSecret?: (field: 'dpopPrivateKey', value: string) => Promise<void>;
}

/**
 * The context for a run of `input.profile`, and the list its `warn` fills. Warns up front when the token call
 * uses GET or DELETE (RFC 6749 §3.2 requires POST), or else a content type no token endpoint standard uses.
 */
export function createRunContext(input: RunContextInput): { ctx: FlowContext; warnings: string[] } {
  const { profile, secrets, options, signal } = input;
  const redactor = runRedactor(knownSecrets(profile, secrets, options.formValues ?? {}));
  // Progress reaches a terminal (the CLI prints it): control characters stripped, length clipped.
  const redacted = (message: string) => forTerminal(redactor.text(message));
  const progress = (step: TestProgress['step'], message: string, extra?: Pick<TestProgress, 'signIn' | 'device'>) =>
    input.progress(step, redacted(message), extra);
  const transport = transportFor(profile, secrets);
  const warnings: string[] = [];
  const send: FlowContext['send'] = (step, request) =>
    input.http.send({ step, ...request, ...transport, timeoutMs: options.timeoutMs, signal });
  // DPoP (RFC 9449, oauth/dpop.ts): proofs on the token and resource calls of every flow, the key made on first use.
  const dpopKey = profile.dpop?.enabled
    ? dpopKeySource(
        profile.dpop.alg,
        secrets,
        input.saveSecret && ((json) => input.saveSecret!('dpopPrivateKey', json)),
      )
    : undefined;
  const ctx: FlowContext = {
    profile,
    send: dpopKey
      ? withDpop(send, { alg: profile.dpop.alg, key: dpopKey, now: input.now, warn: (m) => ctx.warn(m) })
      : send,
    ...(dpopKey ? { dpop: { thumbprint: async () => (await dpopKey()).thumbprint } } : {}),
    signal,
    authorizationTimeoutMs: options.authorizationTimeoutMs,
    tenant: options.tenant,
    formValues: withFieldDefaults(profile, options.formValues ?? {}),
    secrets,
    openBrowser: input.openBrowser,
    onStep: (step, message) => progress(step, message),
    signInWaiting: (message, wait) => {
      // The URL is shown as the stored `authorize` exchange will be: with the flow's own secrets masked too.
      const shown = runRedactor(knownSecrets(profile, secrets, options.formValues ?? {}, [...wait.secretValues]));
      const deliver = (url: string) => {
        const result = wait.deliver(url);
        return { ...result, message: redacted(result.message) };
      };
      input.holdSignIn?.({ url: wait.url, redact: redacted, deliver });
      const signIn: SignInWaiting = {
        authorizationUrl: shown.url(wait.url),
        redirectUri: wait.redirectUri,
        deadline: wait.deadline.toISOString(),
        ...(wait.openerError ? { openerError: redacted(wait.openerError) } : {}),
      };
      progress('browser', message, { signIn });
    },
    signInEnded: () => input.holdSignIn?.(null),
    deviceWaiting: (message, wait) => deviceWaiting(input, redacted, message, wait),
    sleep: (ms) => (options.sleep ?? realSleep)(ms, signal),
    // Kept for the run's result, which shows each warning once (the CLI prints it with the verdict).
    warn: (raw) => void warnings.push(redactor.text(raw)),
    now: input.now,
  };
  const { method, contentType } = profile.tokenRequest;
  if (method === 'GET' || method === 'DELETE') {
    ctx.warn(
      `The token call uses ${method}, so its parameters (client secret, password, code) travel in the URL, ` +
        'where proxies and servers log them; RFC 6749 §3.2 requires POST',
    );
  } else if (TOKEN_CONTENT_TYPE_INFO[contentType].warning) ctx.warn(TOKEN_CONTENT_TYPE_INFO[contentType].warning);
  return { ctx, warnings };
}
