/**
 * The refresh token's expiry in the Token view, beside the access token's: a live countdown ("Refresh token
 * expires in 3 d 4 h", "Refresh token expired 2 h ago"), amber within the Settings warning lead, red once
 * passed, and what the app does about it. Only the open profile's view ticks (once a second).
 */
import { warningLeadMs } from '../../../../src-shared/token-expiry';
import { useSettingsStore } from '../../settings/settings-store';
import { localDateTime, refreshCountdown, useNow } from './token-time';

/** The "Refresh token expiry" value: `expiresAt` (ISO-8601) of a held refresh token, or undefined when not stated. */
export function RefreshExpiry({ expiresAt }: { expiresAt: string | undefined }) {
  return expiresAt ? (
    // Keyed by the expiry: a rotated refresh token's countdown starts from a fresh clock reading.
    <RefreshCountdown key={expiresAt} expiresAt={expiresAt} />
  ) : (
    <span className="muted">
      not stated by the IdP (no refresh_expires_in, refresh_token_expires_in or JWT exp): no warning is given
    </span>
  );
}

function RefreshCountdown({ expiresAt }: { expiresAt: string }) {
  const now = useNow(1000);
  const { expiryWarningHours, expiryNotifications } = useSettingsStore((s) => s.settings);
  const countdown = refreshCountdown(expiresAt, now);
  if (!countdown) return <span className="muted">not stated by the IdP</span>;
  const lead = warningLeadMs({ expiryWarningHours, expiryNotifications });
  const tone = countdown.expired
    ? ' token-view__countdown--expired'
    : countdown.leftMs <= lead
      ? ' token-view__countdown--soon'
      : '';
  return (
    <>
      <span className={`token-view__countdown${tone}`}>{countdown.text}</span>
      <span className="muted"> · {localDateTime(expiresAt)}</span>
      <span className="token-view__refresh-help muted small">
        {countdown.expired
          ? 'Run Test to obtain a new token.'
          : `Within ${expiryWarningHours} h of this, the list shows “Expires soon”${
              expiryNotifications ? ' and Authbench shows an OS notification once while it runs' : ''
            } (Settings, at the top right).`}
      </span>
    </>
  );
}
