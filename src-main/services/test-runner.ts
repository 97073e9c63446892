/**
 * Runs a Test of one profile (DESIGN.md §5): checks it is configured, runs its grant flow through the
 * recording client, keeps the token in the keychain, redacts the result with every secret the run knew,
 * stores it, and returns it. At most one Test per profile runs at a time; `cancel` aborts it.
 */
import { randomUUID } from 'node:crypto';
import { AppError } from '../../src-shared/errors';
import { canRegenerate, type ProfileView } from '../../src-shared/profile';
import type { TestProgress, TestRun, TokenState } from '../../src-shared/test-run';
import type { HttpClient } from '../http/recording-client';
import { createRedactor } from '../http/redact';
import type { FlowContext, FlowOutcome, FlowSecrets } from '../oauth/flow';
import type { RunsRepo } from '../store/runs-repo';
import type { ProfileService } from './profiles';
import { TokenStore } from './tokens';
import { transportFor } from './transport';

export interface TestRunnerDeps {
  profiles: ProfileService;
  runs: RunsRepo;
  http: HttpClient;
  /** Opens the system browser for the authorization-code flow. */
  openBrowser?: (url: string) => Promise<void>;
  onProgress?: (progress: TestProgress) => void;
  onTokenRefreshed?: (profileId: string, token: TokenState) => void;
  now?: () => Date;
}

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
}

export class TestRunner {
  private readonly running = new Map<string, AbortController>();
  private readonly now: () => Date;
  readonly tokens: TokenStore;

  constructor(private readonly deps: TestRunnerDeps) {
    this.now = deps.now ?? (() => new Date());
    this.tokens = new TokenStore(deps.profiles);
  }

  /**
   * Tests profile `profileId` and returns the redacted TestRun (ok or not: a failed Test is a result).
   * Throws AppError('not_found' | 'not_configured' | 'conflict' | 'invalid_request' | 'keychain_unavailable')
   * when it cannot start.
   */
  async run(profileId: string, options: RunOptions = {}): Promise<TestRun> {
    const { view: profile, secrets } = await this.deps.profiles.getWithSecrets(profileId);
    requireConfigured(profile);
    return this.exclusive(profile, secrets, options, (ctx) => this.runGrant(profile, ctx));
  }

  /** What is known of the profile's stored token, or null. Throws AppError('not_found'). */
  async tokenState(profileId: string): Promise<TokenState | null> {
    await this.deps.profiles.get(profileId);
    const stored = await this.tokens.load(profileId);
    return stored && (await TokenStore.toState(stored));
  }

  /**
   * Refreshes the stored token now (RFC 6749 §6) and returns the refresh as a TestRun; on `invalid_grant`
   * with auto-refresh consent it regenerates the token (see refreshWith). Emits onTokenRefreshed on success.
   * Throws AppError('not_found') when no refresh token is held and the token cannot be regenerated,
   * AppError('not_configured' | 'conflict') like `run`.
   */
  async refreshNow(profileId: string, options: Pick<RunOptions, 'signal' | 'timeoutMs' | 'authorizationTimeoutMs'> = {}): Promise<TestRun> {
    const { view: profile, secrets } = await this.deps.profiles.getWithSecrets(profileId);
    const stored = await this.tokens.load(profileId);
    if (!stored?.refreshToken && !canRegenerate(profile)) throw new AppError('not_found', `"${profile.name}" holds no refresh token; run its Test to obtain one`);
    requireConfigured(profile);
    return this.exclusive(profile, secrets, { ...options, tenant: stored?.tenant }, (ctx) => this.refreshWith(profile, ctx));
  }

  /** Forgets the stored token locally; returns false when none was held. */
  async forgetToken(profileId: string): Promise<boolean> {
    await this.deps.profiles.get(profileId);
    return this.tokens.forget(profileId);
  }

  /** Aborts the running Test of a profile; returns false when none was running. */
  cancel(profileId: string): boolean {
    const controller = this.running.get(profileId);
    controller?.abort();
    return controller !== undefined;
  }

  /** The grant's flow, then the token kept for refresh. */
  private async runGrant(profile: ProfileView, ctx: FlowContext): Promise<FlowOutcome> {
    // The check call's URL and templates are rendered first: a refused tenant stops the Test before any request.
    if (profile.checkUrl) (await import('../oauth/check')).preflightCheck(profile, ctx);
    const outcome = await this.obtain(profile, ctx);
    // CHECK STEP (issue 4 §5): with a token and a checkUrl, call it with the authorization fields; on an
    // auth error status, one refresh (this.refreshWith) and one retry, all exchanges appended.
    if (!outcome.token || !profile.checkUrl) return outcome;
    const { runCheck } = await import('../oauth/check');
    const check = await runCheck(profile, ctx, outcome.token, () => this.refreshWith(profile, ctx));
    return {
      exchanges: [...outcome.exchanges, ...check.exchanges],
      token: check.token ?? outcome.token,
      ...(check.error ? { error: check.error } : {}),
      // Every token this Test saw is masked by value too, not only the last one.
      secretValues: [...(outcome.secretValues ?? []), ...(check.secretValues ?? []), outcome.token.accessToken, ...(outcome.token.refreshToken ? [outcome.token.refreshToken] : [])],
    };
  }

  /** Runs the profile's own grant (a Test, or a regeneration after invalid_grant) and keeps the token. */
  private async obtain(profile: ProfileView, ctx: FlowContext): Promise<FlowOutcome> {
    let outcome: FlowOutcome;
    switch (profile.grantType) {
      case 'authorization_code': {
        const { runAuthorizationCode } = await import('../oauth/flows/authorization-code');
        outcome = await runAuthorizationCode(profile, ctx);
        break;
      }
      case 'client_credentials': {
        // Each flow (and jose with it) loads on first use, keeping list/import commands lean.
        const { runClientCredentials } = await import('../oauth/flows/client-credentials');
        outcome = await runClientCredentials(profile, ctx);
        break;
      }
      case 'password': {
        const { runPassword } = await import('../oauth/flows/password');
        outcome = await runPassword(profile, ctx);
        break;
      }
      default:
        // Unreachable while every grant has a case; kept for a grant type added to the schema later.
        throw new AppError('unsupported_grant', `Testing ${GRANT_NAMES[(profile as ProfileView).grantType]} profiles is not supported yet`);
    }
    if (outcome.token) await this.tokens.save(profile.id, outcome.token, ctx.now(), ctx.tenant);
    return outcome;
  }

  /**
   * Refreshes the profile's stored token (RFC 6749 §6) within a running Test: the refresh exchange and the
   * new token (saved; a rotated refresh token replaces the old one), or an error. `invalid_grant` marks the
   * token unusable; then, with auto-refresh consent and no user needed (canRegenerate), the original grant
   * runs again and its exchanges follow the refresh's. Emits onTokenRefreshed with each new token.
   */
  private async refreshWith(profile: ProfileView, ctx: FlowContext): Promise<FlowOutcome> {
    const stored = await this.tokens.load(profile.id);
    let refreshed: FlowOutcome = { exchanges: [] };
    if (stored?.refreshToken) {
      const { runRefresh, isInvalidGrant } = await import('../oauth/refresh');
      refreshed = await runRefresh(profile, stored.refreshToken, ctx);
      if (refreshed.token) {
        const saved = await this.tokens.save(profile.id, refreshed.token, ctx.now(), ctx.tenant ?? stored.tenant);
        this.deps.onTokenRefreshed?.(profile.id, await TokenStore.toState(saved));
        return refreshed;
      }
      if (!isInvalidGrant(refreshed.error)) return refreshed;
      await this.tokens.markUnusable(profile.id);
    }
    if (!canRegenerate(profile)) {
      return stored?.refreshToken ? refreshed : { exchanges: [], error: { code: 'not_found', message: `"${profile.name}" holds no refresh token; run its Test to obtain one` } };
    }
    ctx.onStep('token', 'Regenerating the token with the profile’s own grant (auto-refresh)');
    const regenerated = await this.obtain(profile, ctx);
    const saved = regenerated.token && (await this.tokens.load(profile.id));
    if (saved) this.deps.onTokenRefreshed?.(profile.id, await TokenStore.toState(saved));
    return {
      ...regenerated,
      exchanges: [...refreshed.exchanges, ...regenerated.exchanges],
      secretValues: [...(refreshed.secretValues ?? []), ...(regenerated.secretValues ?? [])],
    };
  }

  /** Runs `body` as the one Test of this profile, then redacts, stores and returns the run. */
  private async exclusive(profile: ProfileView, secrets: FlowSecrets, options: RunOptions, body: (ctx: FlowContext) => Promise<FlowOutcome>): Promise<TestRun> {
    if (this.running.has(profile.id)) throw new AppError('conflict', `A Test of "${profile.name}" is already running`);
    const controller = new AbortController();
    this.running.set(profile.id, controller);
    try {
      const signal = options.signal ? AbortSignal.any([options.signal, controller.signal]) : controller.signal;
      const startedAt = this.now();
      const started = performance.now();
      const progress = (step: TestProgress['step'], message: string) => this.deps.onProgress?.({ profileId: profile.id, step, message });
      progress('starting', `Testing ${profile.name}`);
      const ctx: FlowContext = {
        profile,
        http: this.deps.http,
        transport: transportFor(profile, secrets),
        signal,
        timeoutMs: options.timeoutMs,
        authorizationTimeoutMs: options.authorizationTimeoutMs,
        tenant: options.tenant,
        formValues: options.formValues ?? {},
        secrets,
        openBrowser: this.deps.openBrowser,
        onStep: progress,
        warn: (message) => {
          warnings.push(message);
          progress('starting', message);
        },
        now: this.now,
      };
      const warnings: string[] = [];
      if (profile.tokenRequest.method === 'GET' || profile.tokenRequest.method === 'DELETE') {
        ctx.warn(`The token call uses ${profile.tokenRequest.method}, so its parameters (client secret, password, code) travel in the URL, where proxies and servers log them; RFC 6749 §3.2 requires POST`);
      }
      const outcome = await body(ctx);
      const run = this.finish(profile, { ...outcome, warnings: [...warnings, ...(outcome.warnings ?? [])] }, secrets, options, startedAt, started);
      progress('done', run.ok ? 'Test passed' : `Test failed: ${run.error?.message ?? ''}`);
      return run;
    } finally {
      this.running.delete(profile.id);
    }
  }

  private finish(profile: ProfileView, outcome: FlowOutcome, secrets: FlowSecrets, options: RunOptions, startedAt: Date, started: number): TestRun {
    const known = [
      ...Object.values(secrets),
      ...sensitiveFormValues(profile, options.formValues ?? {}),
      outcome.token?.accessToken,
      outcome.token?.refreshToken,
      ...(outcome.secretValues ?? []),
    ].filter((s): s is string => !!s);
    const redactor = createRedactor(known);
    const error = outcome.error && {
      ...outcome.error,
      message: redactor.text(outcome.error.message),
      ...(outcome.error.oauthErrorDescription ? { oauthErrorDescription: redactor.text(outcome.error.oauthErrorDescription) } : {}),
      ...(outcome.error.oauthErrorUri ? { oauthErrorUri: redactor.url(outcome.error.oauthErrorUri) } : {}),
    };
    const run: TestRun = {
      id: randomUUID(),
      ok: !outcome.error,
      profile: profile.name,
      profileId: profile.id,
      grantType: profile.grantType,
      startedAt: startedAt.toISOString(),
      durationMs: Math.round((performance.now() - started) * 10) / 10,
      exchanges: outcome.exchanges.map((e) => redactor.exchange(e)),
      ...(outcome.token ? { token: outcome.token.summary } : {}),
      ...(outcome.warnings?.length ? { warnings: outcome.warnings.map((w) => redactor.text(w)) } : {}),
      ...(error ? { error } : {}),
    };
    this.deps.runs.insert(run);
    return run;
  }
}

/**
 * Kore's "auto-refresh token regeneration": a token whose refresh was refused is obtained again with the
 * profile's own grant only with the user's consent (autoRefresh) and when no one must be asked: stored
 * credentials (pre-authorize) or a grant without a user (client credentials).
 */
/** Throws AppError('not_configured') with the reasons when a required field or secret is missing. */
function requireConfigured(profile: ProfileView): void {
  if (profile.status !== 'configured') {
    throw new AppError('not_configured', `"${profile.name}" is not configured: ${profile.statusReasons.join('; ')}`, { reasons: profile.statusReasons });
  }
}

const GRANT_NAMES: Record<ProfileView['grantType'], string> = {
  authorization_code: 'authorization-code',
  client_credentials: 'client-credentials',
  password: 'password-grant',
};

/**
 * Typed values that are secrets: the password, and IDP form fields of type password. Usernames and
 * textbox fields stay visible in the run, where they help debugging.
 */
function sensitiveFormValues(profile: ProfileView, formValues: Readonly<Record<string, string>>): string[] {
  const keys = new Set(['password']);
  if (profile.grantType === 'password') for (const f of profile.idpFormFields) if (f.fieldType === 'password') keys.add(f.key);
  return Object.entries(formValues)
    .filter(([key]) => keys.has(key))
    .map(([, value]) => value);
}
