/**
 * The non-secret expiry facts of a profile's held token (kept in SQLite beside the keychain entry, so the list
 * reads no keychain), the app settings that decide when to warn, and the warning status derived from both.
 * Pure: shared by main, the CLI and the renderer.
 */
import { z } from 'zod';

/** What the list may know of a profile's held token: no token value, only times (ISO-8601) and flags. */
export interface TokenExpiry {
  /** When the access token expires (RFC 6749 §5.1 `expires_in`); absent when the IdP did not say. */
  accessExpiresAt?: string;
  /**
   * When the refresh token expires (`refresh_expires_in`, `refresh_token_expires_in` or the JWT refresh token's
   * `exp`); absent when no refresh token is held or the IdP did not say.
   */
  refreshExpiresAt?: string;
  hasRefreshToken: boolean;
  /** False once the IdP refused the refresh token (`invalid_grant`). */
  usable: boolean;
}

/** "Expires soon" (inside the warning lead) or "Expired": about the refresh token, whose end needs a new sign-in. */
export type ExpiryStatus = 'expires_soon' | 'expired';

/** Status text in the list, the CLI and the notification. */
export const EXPIRY_STATUS_LABELS: Record<ExpiryStatus, string> = {
  expires_soon: 'Expires soon',
  expired: 'Expired',
};

/** App settings stored in SQLite (`settings` table, migration 5); every key has a default. */
export const appSettings = z
  .object({
    /** Hours (1–720) before a refresh token expires that the list says "Expires soon" and the notification fires. */
    expiryWarningHours: z.number().int().min(1).max(720),
    /** Whether the app shows an OS notification when a refresh token enters that window (or has expired). */
    expiryNotifications: z.boolean(),
  })
  .strict();
export type AppSettings = z.infer<typeof appSettings>;

/** The settings of a fresh install: warn 24 h before a refresh token expires, with a notification. */
export const DEFAULT_SETTINGS: AppSettings = { expiryWarningHours: 24, expiryNotifications: true };

/** The warning lead of `settings` in ms. */
export function warningLeadMs(settings: AppSettings): number {
  return settings.expiryWarningHours * 3_600_000;
}

/**
 * The refresh token's status at `now` (epoch ms): "expired" once its expiry has passed, "expires_soon" within
 * `leadMs` of it, else undefined — also when no refresh token is held, its lifetime is unknown, or the IdP
 * already refused it (the token view says so).
 */
export function expiryStatus(expiry: TokenExpiry | undefined, now: number, leadMs: number): ExpiryStatus | undefined {
  if (!expiry?.hasRefreshToken || !expiry.usable || !expiry.refreshExpiresAt) return undefined;
  const at = Date.parse(expiry.refreshExpiresAt);
  if (!Number.isFinite(at)) return undefined;
  if (at <= now) return 'expired';
  return at - now <= leadMs ? 'expires_soon' : undefined;
}
