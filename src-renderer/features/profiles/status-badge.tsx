/**
 * A profile's derived status (docs/architecture.md, "Data model") as a badge: "Configured" (neutral: every
 * required field is set, so it is ready to test — not that it works) or "Not configured" (amber).
 */
import type { ProfileStatus } from '../../../src-shared/profile';

/** Status text, as in Kore's Authorization Profile Summary. */
export const STATUS_LABELS: Record<ProfileStatus, string> = {
  configured: 'Configured',
  not_configured: 'Not configured',
};

/** What "Configured" means, for its title: whether a Test passes shows in the last-Test chip beside it. */
export const CONFIGURED_TITLE = 'Ready to test: every required field is set';

/** The status badge; `title` may explain why a profile is not configured. */
export function StatusBadge({ status, title }: { status: ProfileStatus; title?: string }) {
  const configured = status === 'configured';
  return (
    <span
      className={`badge ${configured ? 'badge--neutral' : 'badge--warn'}`}
      title={configured ? (title ?? CONFIGURED_TITLE) : title}
    >
      {STATUS_LABELS[status]}
    </span>
  );
}
