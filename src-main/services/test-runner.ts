/**
 * Runs a Test of one profile (docs/architecture.md, "A Test, step by step"): checks it is configured, runs
 * its grant's flow from the registry (oauth/grants.ts) through the recording client, keeps the token in the
 * keychain, redacts the result with every secret the run knew (run-result.ts), stores it, and returns it.
 * At most one Test per profile runs at a time; `cancel` aborts it.
 */
import type { PasteCallbackResult } from '../../src-shared/callback';
import { AppError } from '../../src-shared/errors';
import { isDpopTokenType } from '../../src-shared/dpop-profile';
import { canRegenerate } from '../../src-shared/grants';
import type { ProfileView } from '../../src-shared/profile';
import type { TestProgress, TestRun, TokenState } from '../../src-shared/test-run';
import type { HttpClient } from '../http/recording-client';
import type { FlowContext, FlowOutcome, FlowSecrets } from '../oauth/flow';
import { runGrantFlow } from '../oauth/grants';
import { clockSkewWarnings } from '../oauth/diagnosis/clock-skew';
import type { RunsRepo } from '../store/runs-repo';
import type { ProfileService } from './profiles';
import type { LoadedProfile, RunOptions } from './run-context';
import { SignIns } from './sign-ins';
import { requireConfigured, withOverrides } from './run-profile';
import { tokenFingerprint, typedFieldValues } from './held-token';
import { TokenStore, type StoredToken, type TokenExpiryOptions } from './tokens';

export type { RunOptions } from './run-context';

/** The services a TestRunner uses, and its hooks for progress and refreshed tokens. */
export interface TestRunnerDeps {
  profiles: ProfileService;
  runs: RunsRepo;
  http: HttpClient;
  /** Opens the system browser for the authorization-code flow. */
  openBrowser?: (url: string) => Promise<void>;
  onProgress?: (progress: TestProgress) => void;
  onTokenRefreshed?: (profileId: string, token: TokenState) => void;
  now?: () => Date;
  /** Where held tokens' expiry facts go (SQLite `token_expiry`), for the list and the expiry notifier. */
  tokenExpiry?: TokenExpiryOptions;
}

/** Runs Tests and refreshes of stored profiles; one per profile at a time. */
export class TestRunner {
  private readonly running = new Map<string, AbortController>();
  private readonly signIns = new SignIns();
  private readonly now: () => Date;
  readonly tokens: TokenStore;

  constructor(private readonly deps: TestRunnerDeps) {
    this.now = deps.now ?? (() => new Date());
    this.tokens = new TokenStore(deps.profiles, deps.tokenExpiry);
  }

  /**
   * Tests profile `profileId` and returns the redacted TestRun (ok or not: a failed Test is a result).
   * Throws AppError('not_found' | 'not_configured' | 'conflict' | 'invalid_request' | 'keychain_unavailable')
   * when it cannot start; `options.overrides` that are unknown, invalid or move a secret's origin are
   * 'invalid_request' (nothing is sent, no run is stored). `loaded`: the profile and secrets a batch already read
   * (ProfileService.getWithSecrets), so they are not read twice.
   */
  async run(profileId: string, options: RunOptions = {}, loaded?: LoadedProfile): Promise<TestRun> {
    // Overrides may switch to a secret the stored profile does not use (e.g. another client authentication).
    const stored =
      loaded && !options.overrides && loaded.view.id === profileId
        ? loaded
        : await this.deps.profiles.getWithSecrets(profileId, { allSecrets: !!options.overrides });
    const profile = options.overrides ? withOverrides(stored.view, options.overrides) : stored.view;
    requireConfigured(profile);
    // A token exchange's subject / actor token from another profile's held token, or the Test stops here.
    const io = { profiles: this.deps.profiles, tokens: this.tokens, now: this.now() };
    const secrets =
      profile.grantType === 'token_exchange'
        ? await (await import('./exchange-tokens')).withExchangeTokens(profile, stored.secrets, io)
        : stored.secrets;
    (await import('../oauth/field-preflight')).requireFieldValues(profile, options.formValues ?? {}, options.tenant);
    // With an Issuer, the IdP's metadata is read and compared with the profile first (oauth/discovery-step.ts);
    // the token obtained is then verified against it (oauth/verify-step.ts).
    return this.exclusive(profile, secrets, options, async (ctx) => {
      const [{ withDiscovery }, { withVerification }] = await Promise.all([
        import('../oauth/discovery-step'),
        import('../oauth/verify-step'),
      ]);
      return withDiscovery(profile, ctx, async (found) =>
        withVerification(await this.runGrant(profile, ctx, options), ctx, found),
      );
    });
  }

  /** What is known of the profile's stored token, or null. Throws AppError('not_found'). */
  async tokenState(profileId: string): Promise<TokenState | null> {
    this.requireExists(profileId);
    const stored = await this.tokens.load(profileId);
    return stored && (await TokenStore.toState(stored));
  }

  /**
   * Refreshes the stored token now (RFC 6749 §6) and returns the refresh as a TestRun; on `invalid_grant`
   * with auto-refresh consent it regenerates the token (see refreshWith). Emits onTokenRefreshed on success.
   * Throws AppError('not_found') when no refresh token is held and the token cannot be regenerated,
   * AppError('not_configured' | 'conflict') like `run`.
   */
  async refreshNow(
    profileId: string,
    options: Pick<RunOptions, 'signal' | 'timeoutMs' | 'authorizationTimeoutMs'> = {},
  ): Promise<TestRun> {
    const { view: profile, secrets } = await this.deps.profiles.getWithSecrets(profileId);
    const stored = await this.tokens.load(profileId);
    if (!stored?.refreshToken && !canRegenerate(profile))
      throw new AppError('not_found', `"${profile.name}" holds no refresh token; run its Test to obtain one`);
    requireConfigured(profile);
    // The tenant and typed {{field}}s the token was obtained with render the refresh's URLs and values again.
    const origin = { ...options, tenant: stored?.tenant, ...(stored?.fields ? { formValues: stored.fields } : {}) };
    return this.exclusive(profile, secrets, origin, (ctx) => this.refreshWith(profile, ctx));
  }

  /** Forgets the stored token locally; returns false when none was held. */
  async forgetToken(profileId: string): Promise<boolean> {
    this.requireExists(profileId);
    return this.tokens.forget(profileId);
  }

  /** Throws AppError('not_found') unless profile `id` exists; reads the database only, not the keychain. */
  private requireExists(id: string): void {
    if (!this.deps.profiles.exists(id)) throw new AppError('not_found', 'No such profile (it may have been deleted)');
  }

  /** Aborts the running Test of a profile; returns false when none was running. */
  cancel(profileId: string): boolean {
    const controller = this.running.get(profileId);
    controller?.abort();
    return controller !== undefined;
  }

  /** Opens the browser again on the waiting sign-in's URL (SignIns.openAgain; throws as it does). */
  async openBrowserAgain(profileId: string): Promise<{ opened: true }> {
    return this.signIns.openAgain(profileId, this.deps.openBrowser);
  }

  /** Hands a pasted redirected URL to the profile's waiting sign-in (SignIns.paste; throws as it does). */
  pasteCallback(profileId: string, url: string): PasteCallbackResult {
    return this.signIns.paste(profileId, url);
  }

  /**
   * The Test's token (the grant's flow, or in pre-authorize mode the held token, refreshed when it expires:
   * token-source.ts), then the check call (with one refresh and retry) when the profile has a checkUrl.
   */
  private async runGrant(profile: ProfileView, ctx: FlowContext, options: RunOptions): Promise<FlowOutcome> {
    // The check call's URL and templates are rendered first: a refused tenant stops the Test before any request.
    if (profile.checkUrl) (await import('../oauth/check')).preflightCheck(profile, ctx);
    const { obtainForTest, afterCheckRefresh } = await import('./token-source');
    const outcome = await obtainForTest(profile, ctx, options, {
      ...this.tokenIo(),
      obtain: (p, c) => this.obtain(p, c, options.keepValidHeldToken ? { batch: p.grantType } : {}),
    });
    // With a token and a checkUrl: the check call with the authorization fields; on an auth error status, one
    // refresh (this.refreshWith) and one retry, all exchanges appended.
    // A token exchange may issue a token that is no access token (RFC 8693 §2.2.1 `N_A`): not sent to the API.
    if (!outcome.token || !profile.checkUrl || outcome.token.summary.tokenType === 'N_A') return outcome;
    const { runCheck } = await import('../oauth/check');
    const check = await runCheck(profile, ctx, outcome.token, () => this.refreshWith(profile, ctx));
    const { accessToken, refreshToken } = outcome.token;
    return {
      ...outcome,
      ...afterCheckRefresh(outcome, check),
      exchanges: [...outcome.exchanges, ...check.exchanges],
      token: check.token ?? outcome.token,
      ...(check.error ? { error: check.error } : {}),
      // Every token this Test saw is masked by value too, not only the last one.
      secretValues: [
        ...(outcome.secretValues ?? []),
        ...(check.secretValues ?? []),
        accessToken,
        ...(refreshToken ? [refreshToken] : []),
      ],
    };
  }

  /** Runs the profile's own grant (a Test, or a regeneration after invalid_grant) and keeps the token. */
  private async obtain(
    profile: ProfileView,
    ctx: FlowContext,
    save: { batch?: ProfileView['grantType'] } = {},
  ): Promise<FlowOutcome> {
    const outcome = await runGrantFlow(profile, ctx);
    if (outcome.token) {
      const dpopJkt = ctx.dpop && isDpopTokenType(outcome.token.summary.tokenType) && (await ctx.dpop.thumbprint());
      const origin = { tenant: ctx.tenant, fingerprint: tokenFingerprint(profile), ...(dpopJkt ? { dpopJkt } : {}) };
      const fields = typedFieldValues(profile, ctx.formValues);
      await this.tokens.save(profile.id, outcome.token, ctx.now(), { ...origin, fields }, save);
    }
    return outcome;
  }

  /** The held-token store and the onTokenRefreshed hook, as token-source.ts takes them. */
  private tokenIo() {
    return {
      tokens: this.tokens,
      refreshed: async (id: string, saved: StoredToken) =>
        this.deps.onTokenRefreshed?.(id, await TokenStore.toState(saved)),
    };
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
      const { refreshHeld } = await import('./token-source');
      const { isInvalidGrant } = await import('../oauth/flows/refresh');
      const held = { ...stored, refreshToken: stored.refreshToken };
      refreshed = await refreshHeld(profile, held, ctx, this.tokenIo(), ctx.tenant ?? stored.tenant);
      if (refreshed.token || !isInvalidGrant(refreshed.error)) return refreshed;
    }
    if (!canRegenerate(profile)) {
      return stored?.refreshToken
        ? refreshed
        : {
            exchanges: [],
            error: {
              code: 'not_found',
              message: `"${profile.name}" holds no refresh token; run its Test to obtain one`,
            },
          };
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
  private async exclusive(
    profile: ProfileView,
    secrets: FlowSecrets,
    options: RunOptions,
    body: (ctx: FlowContext) => Promise<FlowOutcome>,
  ): Promise<TestRun> {
    if (this.running.has(profile.id)) throw new AppError('conflict', `A Test of "${profile.name}" is already running`);
    const controller = new AbortController();
    this.running.set(profile.id, controller);
    try {
      const signal = options.signal ? AbortSignal.any([options.signal, controller.signal]) : controller.signal;
      const startedAt = this.now();
      const started = performance.now();
      const progress = (step: TestProgress['step'], message: string, extra?: Pick<TestProgress, 'signIn' | 'device'>) =>
        this.deps.onProgress?.({ profileId: profile.id, step, message, ...extra });
      progress('starting', `Testing ${profile.name}`);
      const { http, openBrowser } = this.deps;
      // The run's context and its redactor (which parses XML) load with the first Test, not at start-up.
      const [{ createRunContext }, { toTestRun }] = await Promise.all([
        import('./run-context'),
        import('./run-result'),
      ]);
      const { ctx, warnings } = createRunContext({
        profile,
        secrets,
        options,
        http,
        signal,
        openBrowser,
        progress,
        holdSignIn: (held) => this.signIns.hold(profile.id, held),
        now: this.now,
        saveSecret: (field, value) => this.deps.profiles.writeEntry(profile.id, field, value),
      });
      const outcome = await body(ctx);
      const run = toTestRun(
        {
          ...outcome,
          warnings: [
            ...warnings,
            ...(outcome.warnings ?? []),
            ...clockSkewWarnings(outcome.exchanges, outcome.token?.summary, this.now()),
          ],
        },
        { profile, secrets, formValues: options.formValues ?? {}, startedAt, started, overrides: options.overrides },
      );
      this.deps.runs.insert(run);
      progress('done', run.ok ? 'Test passed' : `Test failed: ${run.error?.message ?? ''}`);
      return run;
    } finally {
      this.running.delete(profile.id);
      this.signIns.hold(profile.id, null);
    }
  }
}
