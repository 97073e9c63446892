/**
 * A profile's derived status (docs/architecture.md, "Data model") as a badge: "Configured" or "Not configured".
 */
import type { ProfileStatus } from '../../../src-shared/profile';

/** Status text, as in Kore's Authorization Profile Summary. */
export const STATUS_LABELS: Record<ProfileStatus, string> = {
  configured: 'Configured',
  not_configured: 'Not configured',
};

/** The status badge; `title` may explain why a profile is not configured. */
export function StatusBadge({ status, title }: { status: ProfileStatus; title?: string }) {
  return (
    <span className={`badge ${status === 'configured' ? 'badge--ok' : 'badge--warn'}`} title={title}>
      {STATUS_LABELS[status]}
    </span>
  );
}
