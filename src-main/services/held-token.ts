/**
 * Held tokens (docs/architecture.md, "Held tokens"): whether a pre-authorize authorization-code Test may use the
 * token it holds in the keychain instead of signing in, must refresh it first (RFC 6749 §6), or must sign in.
 * Pure decisions over a StoredToken, the profile and the run's clock; services/token-source.ts acts on them.
 */
import { createHash } from 'node:crypto';
import { tokenFieldKeys } from '../../src-shared/dynamic-fields';
import { GRANT_INFO } from '../../src-shared/grants';
import type { ProfileInput } from '../../src-shared/profile';
import type { TokenResult } from '../oauth/token-response';
import type { RunOptions } from './run-context';
import type { StoredToken, TokenOrigin } from './tokens';

/**
 * A held access token that expires within this many milliseconds (30 s) counts as expired: it is refreshed
 * before use rather than sent, so that it cannot lapse between the decision and the API call (RFC 6749 §6).
 */
export const EXPIRY_MARGIN_MS = 30_000;

/**
 * A hex SHA-256 over the non-secret fields a token is obtained with: grant type, `client_id`, the authorization
 * and token endpoints, the Refresh Token URL, scopes and additional fields (templates as written, before
 * `{tenant}` is rendered). A held token whose fingerprint differs from the profile's was obtained for
 * another client, IdP or scope and is not used.
 */
export function tokenFingerprint(profile: ProfileInput): string {
  const facts = [
    profile.grantType,
    profile.clientId,
    'authorizationUrl' in profile ? profile.authorizationUrl : '',
    profile.tokenUrl,
    profile.refreshTokenUrl ?? '',
    profile.scopes.map((s) => [s.key, s.value]),
    'additionalFields' in profile ? profile.additionalFields.map((f) => [f.key, f.value]) : [],
  ];
  return createHash('sha256').update(JSON.stringify(facts)).digest('hex');
}

/**
 * The values of `profile`'s typed `{{field}}`s used to obtain or refresh its token (src-shared/dynamic-fields.ts
 * tokenFieldKeys) in the run's
 * `formValues`: what a held token was obtained with besides the profile. The user's `username` and `password`
 * are never among them (a password-grant profile's credentials are not kept with its token).
 */
export function typedFieldValues(
  profile: ProfileInput,
  formValues: Readonly<Record<string, string>>,
): Record<string, string> {
  const values: Record<string, string> = {};
  for (const key of tokenFieldKeys(profile)) {
    if (key !== 'username' && key !== 'password' && Object.hasOwn(formValues, key)) values[key] = formValues[key]!;
  }
  return values;
}

/** The TokenOrigin of a held token, passed on to the token a refresh of it brings. */
export function heldOrigin(stored: StoredToken): TokenOrigin {
  return {
    ...(stored.tenant !== undefined ? { tenant: stored.tenant } : {}),
    ...(stored.fingerprint !== undefined ? { fingerprint: stored.fingerprint } : {}),
    ...(stored.fields ? { fields: stored.fields } : {}),
    ...(stored.dpopJkt ? { dpopJkt: stored.dpopJkt } : {}),
  };
}

/**
 * Why a run with `options` of a profile that holds its token (holdsToken) signs in without looking at the held
 * token ("Sign in again", or a variant's overrides), or null when it may use it.
 */
export function heldTokenBarred(options: RunOptions): string | null {
  if (options.signIn) return 'Sign in again was asked for';
  if (options.overrides && Object.keys(options.overrides).length > 0) return 'This run overrides profile fields';
  return null;
}

/**
 * What a pre-authorize Test does with what it holds: use it, refresh it first, or sign in; `reason` says why in one
 * sentence without a full stop (for signing in, the cause alone: "No token was held for this profile").
 */
export type HeldDecision =
  | { use: 'held'; stored: StoredToken; reason: string }
  | { use: 'refresh'; stored: StoredToken & { refreshToken: string }; reason: string }
  | { use: 'sign_in'; reason: string };

/**
 * Decides for `stored` (the profile's held token, or null) against the run's `fingerprint`, `tenant` and clock:
 * sign in when none is held, it was refused before (unusable), obtained for another tenant, with other
 * profile fields, other typed `{{field}}` values (`run.fields`) or another DPoP key (`run.dpopJkt`), or expired with no refresh token; refresh when it expires within EXPIRY_MARGIN_MS and a refresh
 * token is held; otherwise use it. A token without an expiry (no `expires_in`) is used.
 */
export function decideHeldToken(
  stored: StoredToken | null,
  run: {
    fingerprint: string;
    tenant: string | undefined;
    fields?: Record<string, string>;
    now: Date;
    dpopJkt?: string;
  },
): HeldDecision {
  if (!stored) return { use: 'sign_in', reason: 'No token was held for this profile' };
  if (!stored.usable) return { use: 'sign_in', reason: 'The held refresh token was refused before (invalid_grant)' };
  if ((stored.tenant ?? '') !== (run.tenant ?? ''))
    return {
      use: 'sign_in',
      reason: `The held token was obtained for ${tenantName(stored.tenant)}, not ${tenantName(run.tenant)}`,
    };
  if (stored.fingerprint !== run.fingerprint)
    return {
      use: 'sign_in',
      reason:
        'The held token was obtained with another Client ID, Authorization URL, Token Request URL, Refresh Token URL, ' +
        'scope or additional field than the profile has now',
    };
  // RFC 9449 §6.1: a DPoP-bound token is usable only with the key it is bound to (a Bearer one with any).
  if (stored.dpopJkt && stored.dpopJkt !== run.dpopJkt)
    return {
      use: 'sign_in',
      reason: run.dpopJkt
        ? "The held token is bound to another DPoP key than the profile's"
        : 'The held token is DPoP-bound, but DPoP is off now',
    };
  const changed = Object.keys({ ...stored.fields, ...run.fields }).filter(
    (k) => (stored.fields?.[k] ?? '') !== (run.fields?.[k] ?? ''),
  );
  if (changed.length > 0)
    return {
      use: 'sign_in',
      reason: `The held token was obtained with another value of ${changed.map((k) => `{{${k}}}`).join(', ')}`,
    };
  if (!stored.expiresAt)
    return {
      use: 'held',
      stored,
      reason: 'The IdP gave the held token no expiry (expires_in), so it is used until the API refuses it',
    };
  const left = Date.parse(stored.expiresAt) - run.now.getTime();
  if (left > EXPIRY_MARGIN_MS)
    return { use: 'held', stored, reason: `The held token is valid until ${stored.expiresAt} (${seconds(left)} left)` };
  const state = left > 0 ? `expires within 30 s (at ${stored.expiresAt})` : `expired at ${stored.expiresAt}`;
  if (stored.refreshToken)
    return {
      use: 'refresh',
      stored: { ...stored, refreshToken: stored.refreshToken },
      reason: `The held token ${state}`,
    };
  return { use: 'sign_in', reason: `The held token ${state} and no refresh token is held` };
}

/**
 * Whether "Test all" keeps the held token `held` instead of writing `token`, just obtained by a Test of a profile
 * that does not hold its token (client credentials, …), to spare a keychain write per Test (docs/architecture.md,
 * "Test all"): only when nothing a user relies on changes — `held` is usable, has the same origin (tenant,
 * fingerprint, typed fields), token type and scope, `token` brings no refresh token (RFC 6749 §6: a new one
 * replaces it), and `held` has at least half of `token`'s lifetime (`expires_in`, s) left at `now`, or neither expires.
 */
export function keepsHeldToken(held: StoredToken | null, token: TokenResult, origin: TokenOrigin, now: Date): boolean {
  if (!held?.usable || token.refreshToken) return false;
  if ((held.tenant ?? '') !== (origin.tenant ?? '') || held.fingerprint !== origin.fingerprint) return false;
  if ((held.dpopJkt ?? '') !== (origin.dpopJkt ?? '')) return false;
  if (JSON.stringify(sorted(held.fields)) !== JSON.stringify(sorted(origin.fields))) return false;
  const { tokenType, scope, expiresIn } = token.summary;
  if (held.tokenType !== tokenType || (scope !== undefined && scope !== held.scope)) return false;
  if (expiresIn === undefined) return held.expiresAt === undefined;
  return held.expiresAt !== undefined && Date.parse(held.expiresAt) - now.getTime() >= (expiresIn * 1000) / 2;
}

/**
 * Whether "Test all" leaves `token`, just obtained by a Test of a `grantType` profile, out of the keychain
 * (docs/architecture.md, "Test all"): a grant that regenerates unattended (GRANT_INFO `regenerates: 'always'`,
 * client credentials) and a token without a refresh token, which nobody will use again (another one is obtained
 * as cheaply). A refresh token is always written (RFC 6749 §6: a rotated one must never be lost).
 */
export function batchSkipsTokenWrite(grantType: ProfileInput['grantType'], token: TokenResult): boolean {
  return GRANT_INFO[grantType].regenerates === 'always' && !token.refreshToken;
}

function sorted(fields: Record<string, string> | undefined): [string, string][] {
  return Object.entries(fields ?? {}).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

function tenantName(tenant: string | undefined): string {
  return tenant ? `tenant "${tenant}"` : 'no tenant';
}

function seconds(ms: number): string {
  const s = Math.floor(ms / 1000);
  return s >= 120 ? `${Math.floor(s / 60)} min` : `${s} s`;
}
