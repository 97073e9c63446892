/**
 * Tokens obtained by a Test, kept per profile in the keychain (`<profileId>/token`, never SQLite) with
 * their expiry, for refresh and auto-refresh (docs/architecture.md, "A Test, step by step"). The app sees only a TokenState.
 */
import type { TokenState } from '../../src-shared/test-run';
import type { TokenResult } from '../oauth/token-response';
import type { ProfileService } from './profiles';

const ENTRY = 'token';

/** The stored form (keychain only). */
export interface StoredToken {
  accessToken: string;
  refreshToken?: string;
  tokenType: string;
  scope?: string;
  /** ISO-8601 */
  obtainedAt: string;
  /** ISO-8601 */
  expiresAt?: string;
  usable: boolean;
  /** The tenant the token was obtained for, so a later refresh renders `{tenant}` the same way. */
  tenant?: string;
  /** What the token was obtained with (services/held-token.ts, tokenFingerprint: a hash of non-secret fields). */
  fingerprint?: string;
}

/** Per-profile token storage over the profile service's keychain entries. */
export class TokenStore {
  constructor(private readonly profiles: ProfileService) {}

  /**
   * Saves a newly obtained token. A response without a refresh token keeps the one held (RFC 6749 §6:
   * the IdP may not rotate it) unless that one was rejected; a new one replaces it (rotation). `fingerprint`
   * records what it was obtained with (a refresh passes on the held token's).
   */
  async save(
    profileId: string,
    token: TokenResult,
    obtainedAt: Date,
    tenant?: string,
    fingerprint?: string,
  ): Promise<StoredToken> {
    const loaded = await this.load(profileId);
    // A token marked unusable was refused with invalid_grant: nothing of it is carried over.
    const previous = loaded?.usable ? loaded : null;
    const stored: StoredToken = {
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
        ? { refreshToken: token.refreshToken }
        : previous?.refreshToken
          ? { refreshToken: previous.refreshToken }
          : {}),
      ...(tenant !== undefined ? { tenant } : {}),
      ...(fingerprint !== undefined ? { fingerprint } : {}),
    };
    await this.profiles.writeEntry(profileId, ENTRY, JSON.stringify(stored));
    return stored;
  }

  /** The stored token of a profile, or null when none is held (or the entry is unreadable). */
  async load(profileId: string): Promise<StoredToken | null> {
    const raw = await this.profiles.readEntry(profileId, ENTRY);
    if (!raw) return null;
    try {
      return JSON.parse(raw) as StoredToken;
    } catch {
      return null;
    }
  }

  /** Marks the held token unusable (e.g. `invalid_grant` on refresh). */
  async markUnusable(profileId: string): Promise<void> {
    const stored = await this.load(profileId);
    if (stored) await this.profiles.writeEntry(profileId, ENTRY, JSON.stringify({ ...stored, usable: false }));
  }

  /** Removes the keychain entry (nothing is revoked at the IdP); false when none was held. */
  async forget(profileId: string): Promise<boolean> {
    return this.profiles.deleteEntry(profileId, ENTRY);
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
      hasRefreshToken: stored.refreshToken !== undefined,
      usable: stored.usable,
      ...jwt,
    };
  }
}
