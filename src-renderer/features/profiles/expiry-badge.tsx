/**
 * A profile's refresh-token warning in the list: "Expires soon" (amber: within the Settings lead of the refresh
 * token's expiry) or "Expired" (red), from the expiry facts main keeps in SQLite — nothing when no refresh token
 * with a stated lifetime is held. The full local date-time is in its title and accessible name.
 */
import { EXPIRY_STATUS_LABELS, expiryStatus, warningLeadMs, type TokenExpiry } from '../../../src-shared/token-expiry';
import { useSettingsStore } from '../settings/settings-store';
import { useClock } from './last-test-chip';

/** The expiry badge of a list row, or nothing. */
export function ExpiryBadge({ expiry }: { expiry: TokenExpiry | undefined }) {
  const lead = useSettingsStore((s) => warningLeadMs(s.settings));
  const now = useClock();
  const status = expiryStatus(expiry, now, lead);
  if (!status || !expiry?.refreshExpiresAt) return null;
  const when = new Date(expiry.refreshExpiresAt).toLocaleString();
  const title = `The refresh token ${status === 'expired' ? 'expired' : 'expires'} ${when}`;
  return (
    <span className={`badge ${status === 'expired' ? 'badge--danger' : 'badge--warn'} expiry-badge`} title={title}>
      <span className="visually-hidden">Refresh token: </span>
      {EXPIRY_STATUS_LABELS[status]}
      <span className="visually-hidden"> ({when})</span>
    </span>
  );
}
