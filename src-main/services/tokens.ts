/**
 * Tokens obtained by a Test, kept per profile in the keychain (`<profileId>/token`, never SQLite) with
 * their expiry, for refresh and auto-refresh (docs/architecture.md, "A Test, step by step"). The app sees only a TokenState.
 * The times and flags of the held token (no value) also go to SQLite's `token_expiry` for the list and the
 * expiry notifier.
 */
import type { TokenState } from '../../src-shared/test-run';
import type { TokenExpiry } from '../../src-shared/token-expiry';
import type { TokenResult } from '../oauth/token-response';
import type { TokenExpiryRepo } from '../store/token-expiry-repo';
import type { ProfileInput } from '../../src-shared/profile';
import { batchSkipsTokenWrite, keepsHeldToken } from './held-token';
import type { ProfileService } from './profiles';

const ENTRY = 'token';

/** The stored form (keychain only). */
export interface StoredToken {
  accessToken: string;
  refreshToken?: string;
  /** The ID token of the same answer (OIDC Core §3.1.3.3), a token exchange's possible subject (RFC 8693 §3). */
  idToken?: string;
  tokenType: string;
  scope?: string;
  /** ISO-8601 */
  obtainedAt: string;
  /** ISO-8601 */
  expiresAt?: string;
  /** ISO-8601: when the refresh token expires, where the IdP stated it (oauth/refresh-lifetime.ts). */
  refreshExpiresAt?: string;
  usable: boolean;
  /** The tenant the token was obtained for, so a later refresh renders `{tenant}` the same way. */
  tenant?: string;
  /** What the token was obtained with (services/held-token.ts, tokenFingerprint: a hash of non-secret fields). */
  fingerprint?: string;
  /**
   * The `{{field}}` values typed for the Test that obtained it (src-shared/dynamic-fields.ts, typed fields only,
   * never the user's username or password), so a later refresh renders its URLs and values the same way.
   */
  fields?: Record<string, string>;
  /** With DPoP (RFC 9449 §6.1): the RFC 7638 thumbprint of the key the token is bound to; public, not secret. */
  dpopJkt?: string;
}

/** What a token was obtained with besides the token response: carried to its refreshes. */
export interface TokenOrigin {
  /** The tenant the Test rendered `{tenant}` with. */
  tenant?: string;
  /** services/held-token.ts tokenFingerprint of the profile it was obtained with. */
  fingerprint?: string;
  /** The typed `{{field}}` values (StoredToken.fields). */
  fields?: Record<string, string>;
  /** The DPoP key's thumbprint the token was obtained with (StoredToken.dpopJkt). */
  dpopJkt?: string;
}

/** Where a TokenStore keeps the expiry facts of held tokens, and who hears that they changed. */
export interface TokenExpiryOptions {
  repo: TokenExpiryRepo;
  /** Called after a profile's row was written or removed (e.g. to reschedule its notification). */
  onChange?: (profileId: string) => void;
}

/** Per-profile token storage over the profile service's keychain entries (and `token_expiry` when given). */
export class TokenStore {
  constructor(
    private readonly profiles: ProfileService,
    private readonly expiry?: TokenExpiryOptions,
  ) {}

  /**
   * Saves a newly obtained token. A response without a refresh token keeps the one held (RFC 6749 §6:
   * the IdP may not rotate it), and its expiry, unless that one was rejected; a new one replaces it (rotation)
   * with the lifetime stated beside it (none stated: unknown). `origin` records what it was obtained with (a
   * refresh passes on the held token's). With `options.batch` (Test all, the profile's grant type): a token that
   * batchSkipsTokenWrite leaves out is returned unwritten, with no keychain call and `token_expiry` as it was
   * (it keeps describing the held token, if any); else a held token that keepsHeldToken accepts is kept and
   * returned unwritten.
   */
  async save(
    profileId: string,
    token: TokenResult,
    obtainedAt: Date,
    origin: TokenOrigin = {},
    options: { batch?: ProfileInput['grantType'] } = {},
  ): Promise<StoredToken> {
    if (options.batch && batchSkipsTokenWrite(options.batch, token)) return build(token, obtainedAt, origin, null);
    const loaded = await this.load(profileId);
    if (options.batch && loaded && keepsHeldToken(loaded, token, origin, obtainedAt)) return loaded;
    // A token marked unusable was refused with invalid_grant: nothing of it is carried over.
    const stored = build(token, obtainedAt, origin, loaded?.usable ? loaded : null);
    await this.profiles.writeEntry(profileId, ENTRY, JSON.stringify(stored));
    this.record(profileId, stored);
    return stored;
  }

  /** The stored token of a profile, or null when none is held (or the entry is unreadable). */
  async load(profileId: string): Promise<StoredToken | null> {
    const raw = await this.profiles.readEntry(profileId, ENTRY);
    if (!raw) return null;
    try {
      const stored = JSON.parse(raw) as StoredToken;
      // A token held before `token_expiry` existed gets its row the first time it is read.
      if (this.expiry && !this.expiry.repo.get(profileId)) this.record(profileId, stored);
      return stored;
    } catch {
      return null;
    }
  }

  /** Marks the held token unusable (e.g. `invalid_grant` on refresh). */
  async markUnusable(profileId: string): Promise<void> {
    const stored = await this.load(profileId);
    if (!stored) return;
    const unusable = { ...stored, usable: false };
    await this.profiles.writeEntry(profileId, ENTRY, JSON.stringify(unusable));
    this.record(profileId, unusable);
  }

  /** Removes the keychain entry (nothing is revoked at the IdP); false when none was held. */
  async forget(profileId: string): Promise<boolean> {
    const forgotten = await this.profiles.deleteEntry(profileId, ENTRY);
    if (this.expiry) {
      this.expiry.repo.remove(profileId);
      this.expiry.onChange?.(profileId);
    }
    return forgotten;
  }

  /** Writes the expiry facts of `stored` (never its values) to `token_expiry` and tells the listener. */
  private record(profileId: string, stored: StoredToken): void {
    if (!this.expiry) return;
    this.expiry.repo.put(profileId, expiryOf(stored));
    this.expiry.onChange?.(profileId);
  }

  /** What the app may show of a token: type, scope, expiry, refresh held, decoded JWT header and claims. */
  static async toState(stored: StoredToken): Promise<TokenState> {
    // jose loads here, not at start-up: commands that never show a token do not pay for it.
    const { decodeForDisplay } = await import('../oauth/jwt');
    const jwt = decodeForDisplay(stored.accessToken);
    return {
      tokenType: stored.tokenType,
      ...(stored.scope !== undefined ? { scope: stored.scope } : {}),
      obtainedAt: stored.obtainedAt,
      ...(stored.expiresAt !== undefined ? { expiresAt: stored.expiresAt } : {}),
      ...(stored.refreshExpiresAt !== undefined ? { refreshExpiresAt: stored.refreshExpiresAt } : {}),
      hasRefreshToken: stored.refreshToken !== undefined,
      usable: stored.usable,
      ...(stored.dpopJkt ? { dpopJkt: stored.dpopJkt } : {}),
      ...jwt,
    };
  }
}

/** The non-secret expiry facts of a stored token: times and flags, never a value. */
export function expiryOf(stored: StoredToken): TokenExpiry {
  return {
    ...(stored.expiresAt !== undefined ? { accessExpiresAt: stored.expiresAt } : {}),
    ...(stored.refreshToken !== undefined && stored.refreshExpiresAt !== undefined
      ? { refreshExpiresAt: stored.refreshExpiresAt }
      : {}),
    hasRefreshToken: stored.refreshToken !== undefined,
    usable: stored.usable,
  };
}

/** The stored form of `token` obtained at `obtainedAt` with `origin`, carrying over what `previous` (usable) held. */
function build(token: TokenResult, obtainedAt: Date, origin: TokenOrigin, previous: StoredToken | null): StoredToken {
  const { tenant, fingerprint, fields, dpopJkt } = origin;
  return {
    accessToken: token.accessToken,
    tokenType: token.summary.tokenType,
    obtainedAt: obtainedAt.toISOString(),
    usable: true,
    ...(token.summary.scope !== undefined
      ? { scope: token.summary.scope }
      : previous?.scope !== undefined
        ? { scope: previous.scope }
        : {}),
    ...(token.summary.expiresIn !== undefined
      ? { expiresAt: new Date(obtainedAt.getTime() + token.summary.expiresIn * 1000).toISOString() }
      : {}),
    ...(token.refreshToken
      ? { refreshToken: token.refreshToken, ...refreshExpiry(token, obtainedAt) }
      : previous?.refreshToken
        ? {
            refreshToken: previous.refreshToken,
            ...(previous.refreshExpiresAt !== undefined ? { refreshExpiresAt: previous.refreshExpiresAt } : {}),
          }
        : {}),
    ...(token.idToken ? { idToken: token.idToken } : {}),
    ...(tenant !== undefined ? { tenant } : {}),
    ...(fingerprint !== undefined ? { fingerprint } : {}),
    ...(fields && Object.keys(fields).length > 0 ? { fields } : {}),
    ...(dpopJkt ? { dpopJkt } : {}),
  };
}

/** The ISO-8601 expiry of a newly issued refresh token: stated seconds from `obtainedAt`, else the JWT's `exp`. */
function refreshExpiry(token: TokenResult, obtainedAt: Date): { refreshExpiresAt?: string } {
  if (token.refreshExpiresIn !== undefined)
    return { refreshExpiresAt: new Date(obtainedAt.getTime() + token.refreshExpiresIn * 1000).toISOString() };
  return token.refreshExpiresAt !== undefined ? { refreshExpiresAt: token.refreshExpiresAt } : {};
}
