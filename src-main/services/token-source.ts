/**
 * How a Test comes by its token (docs/architecture.md, "Held tokens"). A profile that does not hold its token
 * runs its grant (`obtained`, or `signed_in` through the browser). A pre-authorize authorization-code profile
 * uses the token held in the keychain (`held`), refreshes it first when it expires within EXPIRY_MARGIN_MS
 * (`refreshed`, RFC 6749 §6), and signs in only when no usable token or refresh token remains: none held,
 * another tenant or other fields, or a refresh answered `invalid_grant` (RFC 6749 §5.2).
 */
import { GRANT_INFO } from '../../src-shared/grants';
import type { ProfileView } from '../../src-shared/profile';
import type { TokenSource } from '../../src-shared/test-run';
import { holdsToken } from '../../src-shared/token-source';
import type { FlowContext, FlowOutcome } from '../oauth/flow';
import { isInvalidGrant, runRefresh } from '../oauth/flows/refresh';
import { decodeForDisplay } from '../oauth/jwt';
import type { TokenResult } from '../oauth/token-response';
import { decideHeldToken, heldOrigin, heldTokenBarred, tokenFingerprint, typedFieldValues } from './held-token';
import type { RunOptions } from './run-context';
import type { StoredToken, TokenStore } from './tokens';

/** What obtainForTest needs of the runner. */
export interface TokenSourceIo {
  tokens: TokenStore;
  /** Runs the profile's own grant and saves its token (TestRunner.obtain). */
  obtain(profile: ProfileView, ctx: FlowContext): Promise<FlowOutcome>;
  /** Told of the token a refresh saved (the runner emits onTokenRefreshed). */
  refreshed(profileId: string, stored: StoredToken): Promise<void>;
}

/**
 * Refreshes the held token `stored` (RFC 6749 §6): the new token is saved with the held one's origin (its
 * `tenant` replaced when given) and reported to `io.refreshed`; an `invalid_grant` marks the held token unusable
 * (§5.2). Returns the refresh's outcome. Throws what runRefresh throws when it cannot start.
 */
export async function refreshHeld(
  profile: ProfileView,
  stored: StoredToken & { refreshToken: string },
  ctx: FlowContext,
  io: Pick<TokenSourceIo, 'tokens' | 'refreshed'>,
  tenant: string | undefined = stored.tenant,
): Promise<FlowOutcome> {
  const refreshed = await runRefresh(profile, stored.refreshToken, ctx);
  if (refreshed.token) {
    const origin = { ...heldOrigin(stored), ...(tenant !== undefined ? { tenant } : {}) };
    await io.refreshed(profile.id, await io.tokens.save(profile.id, refreshed.token, ctx.now(), origin));
  } else if (isInvalidGrant(refreshed.error)) {
    await io.tokens.markUnusable(profile.id);
  }
  return refreshed;
}

/**
 * The token a Test of `profile` uses, with its exchanges, `tokenSource` and `tokenSourceReason`. A refresh
 * that fails otherwise than with `invalid_grant` (the network, `invalid_client`) ends the Test with that error:
 * a sign-in would not mend it. Throws what the grant's flow or the refresh throws when they cannot start.
 */
export async function obtainForTest(
  profile: ProfileView,
  ctx: FlowContext,
  options: RunOptions,
  io: TokenSourceIo,
): Promise<FlowOutcome> {
  if (!holdsToken(profile))
    return from(await io.obtain(profile, ctx), GRANT_INFO[profile.grantType].needsBrowser ? 'signed_in' : 'obtained');
  const barred = heldTokenBarred(options);
  const decision = barred
    ? ({ use: 'sign_in', reason: barred } as const)
    : decideHeldToken(await io.tokens.load(profile.id), {
        fingerprint: tokenFingerprint(profile),
        tenant: ctx.tenant,
        fields: typedFieldValues(profile, ctx.formValues),
        now: ctx.now(),
        ...(ctx.dpop ? { dpopJkt: await ctx.dpop.thumbprint() } : {}),
      });
  if (decision.use === 'sign_in') {
    ctx.onStep('browser', `${decision.reason}: signing in through the browser`);
    return from(await io.obtain(profile, ctx), 'signed_in', `${decision.reason}, so it signed in`);
  }
  if (decision.use === 'held') {
    ctx.onStep('token', 'Using the held token: no sign-in needed');
    return { exchanges: [], token: heldTokenResult(decision.stored, ctx.now()), ...source('held', decision.reason) };
  }
  const refreshed = await refreshHeld(profile, decision.stored, ctx, io);
  if (refreshed.token) return { ...refreshed, ...source('refreshed', `${decision.reason}, so it was refreshed first`) };
  if (!isInvalidGrant(refreshed.error)) return refreshed;
  const why = `${decision.reason}; its refresh token was refused (invalid_grant)`;
  ctx.onStep('browser', `${why}: signing in through the browser`);
  const signedIn = await io.obtain(profile, ctx);
  const reason = `${why}, so it signed in`;
  return {
    ...signedIn,
    exchanges: [...refreshed.exchanges, ...signedIn.exchanges],
    secretValues: [...(refreshed.secretValues ?? []), ...(signedIn.secretValues ?? [])],
    ...source('signed_in', reason),
  };
}

/**
 * The token source of a Test whose check call (oauth/check.ts) refreshed the token after the API refused it:
 * a held token becomes `refreshed` (or `signed_in` when auto-refresh regenerated it through the browser).
 */
export function afterCheckRefresh(
  outcome: FlowOutcome,
  check: FlowOutcome,
): Pick<FlowOutcome, 'tokenSource' | 'tokenSourceReason'> {
  if (!check.token || outcome.tokenSource !== 'held') return source(outcome.tokenSource, outcome.tokenSourceReason);
  const signedIn = check.exchanges.some((e) => e.step === 'authorize');
  const status = check.exchanges.find((e) => e.step === 'check')?.response?.status;
  const refused = `The API refused the held token (HTTP ${status ?? '?'})`;
  return signedIn
    ? source('signed_in', `${refused} and its refresh token was refused, so it signed in`)
    : source('refreshed', `${refused}, so it was refreshed`);
}

/** The TokenResult of a held token at `now`: its type, scope, the seconds it has left and its decoded claims. */
export function heldTokenResult(stored: StoredToken, now: Date): TokenResult {
  const { claims } = decodeForDisplay(stored.accessToken);
  const left = stored.expiresAt
    ? Math.max(0, Math.floor((Date.parse(stored.expiresAt) - now.getTime()) / 1000))
    : undefined;
  return {
    accessToken: stored.accessToken,
    ...(stored.refreshToken ? { refreshToken: stored.refreshToken } : {}),
    summary: {
      tokenType: stored.tokenType,
      ...(left !== undefined ? { expiresIn: left } : {}),
      ...(stored.scope !== undefined ? { scope: stored.scope } : {}),
      hasRefreshToken: stored.refreshToken !== undefined,
      ...(claims ? { claims } : {}),
    },
  };
}

function from(outcome: FlowOutcome, tokenSource: TokenSource, reason?: string): FlowOutcome {
  return { ...outcome, ...source(tokenSource, reason) };
}

function source(
  tokenSource: TokenSource | undefined,
  reason: string | undefined,
): Pick<FlowOutcome, 'tokenSource' | 'tokenSourceReason'> {
  return { ...(tokenSource ? { tokenSource } : {}), ...(reason ? { tokenSourceReason: reason } : {}) };
}
