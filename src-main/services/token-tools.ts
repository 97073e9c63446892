/**
 * Runs a token tool on a profile's held token (docs/architecture.md, "Token tools"): introspection (RFC 7662),
 * revocation (RFC 7009) or UserInfo (OIDC Core §5.3). The token comes from the keychain (TokenStore.load), never
 * from the caller; the one exchange goes through the recording client with the profile's transport, and the run is
 * redacted with every secret it knew (both held tokens included), stored and returned like a Test's.
 */
import { AppError } from '../../src-shared/errors';
import type { TestProgress, TestRun } from '../../src-shared/test-run';
import { TOKEN_TOOL_INFO, type TokenHint, type TokenTool } from '../../src-shared/token-tools';
import type { HttpClient } from '../http/recording-client';
import type { FlowOutcome } from '../oauth/flow';
import type { ProfileService } from './profiles';
import type { TokenStore } from './tokens';

/** What a TokenTools needs: the profiles, where runs are stored, the recording client and the held tokens. */
export interface TokenToolsDeps {
  profiles: ProfileService;
  /** Stores a finished (redacted) run. */
  record: (run: TestRun) => void;
  http: HttpClient;
  tokens: TokenStore;
  onProgress?: (progress: TestProgress) => void;
  now?: () => Date;
}

/** Options of one tool run: which held token (default the access token), the per-request deadline (ms), a signal. */
export interface TokenToolOptions {
  which?: TokenHint;
  timeoutMs?: number;
  signal?: AbortSignal;
}

/** Introspect, revoke or call UserInfo with the held token of a profile; one run per profile at a time. */
export class TokenTools {
  private readonly running = new Set<string>();

  constructor(private readonly deps: TokenToolsDeps) {}

  /**
   * Runs `tool` on profile `profileId`'s held token and returns the stored, redacted TestRun (a refused call is a
   * failed run with a diagnosis). Throws AppError('not_found') when no (such) token is held, 'invalid_request' when
   * the tool's URL is not set (naming the field) or cannot be rendered, 'conflict' while another tool runs on it.
   */
  async run(profileId: string, tool: TokenTool, options: TokenToolOptions = {}): Promise<TestRun> {
    const { view: profile, secrets } = await this.deps.profiles.getWithSecrets(profileId);
    const which: TokenHint = tool === 'userinfo' ? 'access_token' : (options.which ?? 'access_token');
    const { toolUrl, buildToolRequest, interpretToolExchange, requireToolUrl } = await import('../oauth/token-tools');
    // A missing URL is a profile problem, named before whether a token is held.
    requireToolUrl(profile, tool);
    const held = await this.deps.tokens.load(profileId);
    const token = which === 'refresh_token' ? held?.refreshToken : held?.accessToken;
    if (!held || !token)
      throw new AppError(
        'not_found',
        `"${profile.name}" holds no ${which === 'refresh_token' ? 'refresh token' : 'token'}; run its Test to obtain one`,
      );
    const formValues = held.fields ?? {};
    // The URL renders with the tenant and typed {{field}}s the token was obtained with; a missing URL stops here.
    const url = toolUrl(profile, tool, { tenant: held.tenant, formValues });
    if (this.running.has(profileId)) throw new AppError('conflict', `A token tool of "${profile.name}" is running`);
    this.running.add(profileId);
    try {
      const now = this.deps.now ?? (() => new Date());
      const startedAt = now();
      const started = performance.now();
      const [{ createRunContext }, { toTestRun, knownSecrets, runRedactor }] = await Promise.all([
        import('./run-context'),
        import('./run-result'),
      ]);
      const { step, title } = TOKEN_TOOL_INFO[tool];
      const progress = (s: TestProgress['step'], message: string) =>
        this.deps.onProgress?.({ profileId, step: s, message });
      const { ctx } = createRunContext({
        profile,
        secrets,
        options: { tenant: held.tenant, formValues, timeoutMs: options.timeoutMs },
        http: this.deps.http,
        signal: options.signal ?? new AbortController().signal,
        progress,
        now,
      });
      const request = await buildToolRequest(profile, tool, url, token, which, secrets.clientSecret, {
        jwtSigningKey: secrets.jwtSigningKey,
        now: now(),
        tokenType: held.tokenType,
      });
      progress('starting', `${title}: ${new URL(url).host}`);
      const exchange = await ctx.send(step, request);
      const answer = interpretToolExchange(tool, which, exchange, { profile, now: now() });
      const warnings: string[] = [];
      if (answer.ok && tool === 'revoke') {
        // RFC 7009 §2.1: revoking one token may revoke the other too; the held pair is kept but no Test reuses it.
        await this.deps.tokens.markUnusable(profileId);
        answer.result.heldToken = 'marked_unusable';
        warnings.push(
          'The held token was marked unusable (kept for Introspect, never reused by a Test); run the Test again to obtain a new one',
        );
      }
      if (answer.ok && held.dpopJkt) {
        answer.result.heldJkt = held.dpopJkt;
        // RFC 9449 §6.2: the IdP's binding must be the key the token was obtained with.
        if (answer.result.cnfJkt && answer.result.cnfJkt !== held.dpopJkt)
          warnings.push(
            `The introspected token's cnf.jkt (${answer.result.cnfJkt.slice(0, 60)}) is not the thumbprint of the DPoP key ` +
              `it was obtained with (${held.dpopJkt}): it is bound to another key`,
          );
      }
      const secretValues = [held.accessToken, ...(held.refreshToken ? [held.refreshToken] : [])];
      const outcome: FlowOutcome = {
        exchanges: [exchange],
        secretValues,
        warnings,
        ...(answer.ok ? {} : { error: answer.error }),
      };
      const run = toTestRun(outcome, { profile, secrets, formValues, startedAt, started });
      const redactor = runRedactor(knownSecrets(profile, secrets, formValues, secretValues));
      const stored: TestRun = { ...run, tool: answer.ok ? redactor.deep(answer.result) : { tool, which } };
      this.deps.record(stored);
      progress('done', stored.ok ? `${title} passed` : `${title} failed: ${stored.error?.message ?? ''}`);
      return stored;
    } finally {
      this.running.delete(profileId);
    }
  }
}
