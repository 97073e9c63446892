/**
 * Runs a Test of one profile (DESIGN.md §5): checks it is configured, runs its flow through the recording
 * client, redacts the result with every secret the run knew, stores it, and returns it.
 * At most one Test per profile runs at a time; `cancel` aborts it.
 */
import { randomUUID } from 'node:crypto';
import { AppError } from '../../src-shared/errors';
import type { ProfileView } from '../../src-shared/profile';
import type { Exchange, TestProgress, TestRun, TokenState } from '../../src-shared/test-run';
import type { HttpClient } from '../http/recording-client';
import { createRedactor } from '../http/redact';
import type { FlowOutcome } from '../oauth/client-credentials';
import type { RunsRepo } from '../store/runs-repo';
import type { ProfileService } from './profiles';

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
}

export class TestRunner {
  private readonly running = new Map<string, AbortController>();
  private readonly now: () => Date;

  constructor(private readonly deps: TestRunnerDeps) {
    this.now = deps.now ?? (() => new Date());
  }

  /**
   * Tests profile `profileId` and returns the redacted TestRun (ok or not: a failed Test is a result).
   * Throws AppError('not_found' | 'not_configured' | 'conflict' | 'keychain_unavailable') when it cannot start.
   */
  async run(profileId: string, options: RunOptions = {}): Promise<TestRun> {
    const profile = await this.deps.profiles.get(profileId);
    if (profile.status !== 'configured') {
      throw new AppError('not_configured', `"${profile.name}" is not configured: ${profile.statusReasons.join('; ')}`, { reasons: profile.statusReasons });
    }
    if (this.running.has(profileId)) throw new AppError('conflict', `A Test of "${profile.name}" is already running`);
    const controller = new AbortController();
    const signal = options.signal ? AbortSignal.any([options.signal, controller.signal]) : controller.signal;
    this.running.set(profileId, controller);
    try {
      return await this.execute(profile, { ...options, signal });
    } finally {
      this.running.delete(profileId);
    }
  }

  /** What is known of the profile's stored token, or null. Throws AppError('not_found'). */
  async tokenState(profileId: string): Promise<TokenState | null> {
    await this.deps.profiles.get(profileId);
    return null;
  }

  /** Refreshes the stored token now. Throws AppError('not_found') when no refresh token is held. */
  async refreshNow(profileId: string): Promise<TestRun> {
    const profile = await this.deps.profiles.get(profileId);
    throw new AppError('not_found', `"${profile.name}" holds no refresh token`);
  }

  /** Forgets the stored token locally; returns false when none was held. */
  async forgetToken(profileId: string): Promise<boolean> {
    await this.deps.profiles.get(profileId);
    return this.deps.profiles.deleteEntry(profileId, 'token');
  }

  /** Aborts the running Test of a profile; returns false when none was running. */
  cancel(profileId: string): boolean {
    const controller = this.running.get(profileId);
    controller?.abort();
    return controller !== undefined;
  }

  private async execute(profile: ProfileView, options: RunOptions): Promise<TestRun> {
    const startedAt = this.now();
    const started = performance.now();
    const progress = (step: TestProgress['step'], message: string) => this.deps.onProgress?.({ profileId: profile.id, step, message });
    progress('starting', `Testing ${profile.name}`);

    const clientSecret = profile.secrets.clientSecret ? await this.deps.profiles.readSecret(profile.id, 'clientSecret') : null;
    let outcome: FlowOutcome;
    switch (profile.grantType) {
      case 'client_credentials': {
        // The engine (and jose with it) loads on the first Test, keeping list/import commands lean.
        const { runClientCredentials } = await import('../oauth/client-credentials');
        outcome = await runClientCredentials(profile, clientSecret, { http: this.deps.http, signal: options.signal, timeoutMs: options.timeoutMs, onStep: progress });
        break;
      }
      default:
        throw new AppError('unsupported_grant', `Testing ${String((profile as { grantType: string }).grantType)} profiles is not supported yet`);
    }

    const known = [clientSecret, outcome.token?.accessToken, outcome.token?.refreshToken].filter((s): s is string => !!s);
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
      exchanges: outcome.exchanges.map((e: Exchange) => redactor.exchange(e)),
      ...(outcome.token ? { token: outcome.token.summary } : {}),
      ...(error ? { error } : {}),
    };
    this.deps.runs.insert(run);
    progress('done', run.ok ? 'Test passed' : `Test failed: ${run.error?.message ?? ''}`);
    return run;
  }
}
