/**
 * The profile a run tests (docs/architecture.md, "A Test, step by step"): the stored one, or with the run's
 * overrides merged (docs/architecture.md, "Variants"), and the check that it is configured before anything is sent.
 */
import { AppError } from '../../src-shared/errors';
import { deriveStatus, type ProfileView } from '../../src-shared/profile';
import { mergeOverrides } from '../../src-shared/profile-overrides';

/** `profile` with the run's overrides merged and validated, with its status re-derived; throws AppError('invalid_request'). */
export function withOverrides(profile: ProfileView, overrides: Record<string, unknown>): ProfileView {
  const merged = mergeOverrides(profile, overrides);
  if (!merged.ok) throw new AppError('invalid_request', merged.message);
  const { status, reasons } = deriveStatus(merged.profile, profile.secrets);
  return { ...merged.profile, status, statusReasons: reasons };
}

/** Throws AppError('not_configured') with the reasons when a required field or secret is missing. */
export function requireConfigured(profile: ProfileView): void {
  if (profile.status !== 'configured') {
    const reasons = profile.statusReasons;
    throw new AppError('not_configured', `"${profile.name}" is not configured: ${reasons.join('; ')}`, { reasons });
  }
}
