/**
 * The `token_expiry` table (migration 5): per profile, the times and flags of its held token — never a token
 * value — so the list and the expiry notifier read SQLite, not the keychain (docs/security.md, "Where each
 * secret lives").
 */
import type { Database, Statement } from 'better-sqlite3';
import { lazyStatements } from './lazy-statements';
import type { TokenExpiry } from '../../src-shared/token-expiry';

/** A profile's expiry row, and the refresh expiry (ISO-8601) a notification was already shown for. */
export interface ExpiryRow extends TokenExpiry {
  profileId: string;
  notifiedFor?: string;
}

interface Raw {
  profile_id: string;
  access_expires_at: string | null;
  refresh_expires_at: string | null;
  has_refresh_token: number;
  usable: number;
  notified_for: string | null;
}

/** Reads and writes `token_expiry`; a row goes with its profile (ON DELETE CASCADE). */
export class TokenExpiryRepo {
  private readonly stmts: Record<'put' | 'get' | 'all' | 'remove' | 'notified', Statement>;

  constructor(db: Database) {
    this.stmts = lazyStatements(db, {
      // The notification mark survives a save that keeps the refresh expiry (an access-token refresh).
      put: `
        INSERT INTO token_expiry (profile_id, access_expires_at, refresh_expires_at, has_refresh_token, usable)
        SELECT @profileId, @access, @refresh, @hasRefresh, @usable WHERE EXISTS (SELECT 1 FROM profiles WHERE id = @profileId)
        ON CONFLICT (profile_id) DO UPDATE SET
          access_expires_at = excluded.access_expires_at,
          refresh_expires_at = excluded.refresh_expires_at,
          has_refresh_token = excluded.has_refresh_token,
          usable = excluded.usable,
          notified_for = CASE WHEN refresh_expires_at IS excluded.refresh_expires_at THEN notified_for END`,
      get: 'SELECT * FROM token_expiry WHERE profile_id = ?',
      all: 'SELECT * FROM token_expiry',
      remove: 'DELETE FROM token_expiry WHERE profile_id = ?',
      notified: 'UPDATE token_expiry SET notified_for = ? WHERE profile_id = ?',
    });
  }

  /** Writes the expiry facts of the token now held by `profileId` (ignored when the profile no longer exists). */
  put(profileId: string, expiry: TokenExpiry): void {
    this.stmts.put.run({
      profileId,
      access: expiry.accessExpiresAt ?? null,
      refresh: expiry.refreshExpiresAt ?? null,
      hasRefresh: expiry.hasRefreshToken ? 1 : 0,
      usable: expiry.usable ? 1 : 0,
    });
  }

  /** The row of `profileId`, or undefined when no token is held (or it was held before migration 5). */
  get(profileId: string): ExpiryRow | undefined {
    const raw = this.stmts.get.get(profileId) as Raw | undefined;
    return raw && toRow(raw);
  }

  /** Every row (one per profile holding a token). */
  all(): ExpiryRow[] {
    return (this.stmts.all.all() as Raw[]).map(toRow);
  }

  /** Drops the row of `profileId` (its token was forgotten). */
  remove(profileId: string): void {
    this.stmts.remove.run(profileId);
  }

  /** Records that the warning for refresh expiry `refreshExpiresAt` was shown, so it is not shown again. */
  markNotified(profileId: string, refreshExpiresAt: string): void {
    this.stmts.notified.run(refreshExpiresAt, profileId);
  }
}

/** The TokenExpiry of a row (the JSON the list query builds, or a table row). */
export function toRow(raw: Raw): ExpiryRow {
  return {
    profileId: raw.profile_id,
    ...(raw.access_expires_at !== null ? { accessExpiresAt: raw.access_expires_at } : {}),
    ...(raw.refresh_expires_at !== null ? { refreshExpiresAt: raw.refresh_expires_at } : {}),
    hasRefreshToken: raw.has_refresh_token === 1,
    usable: raw.usable === 1,
    ...(raw.notified_for !== null ? { notifiedFor: raw.notified_for } : {}),
  };
}
