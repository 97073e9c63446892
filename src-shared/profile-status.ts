/**
 * A profile's derived status (docs/architecture.md, "Data model"). Builds no schema: `profiles list` derives its
 * status column from here without loading the profile schemas of profile.ts.
 */
import { FIELD_LABEL_TABLE } from './field-labels';
import { requiredSecrets, type StatusInputs } from './required-secrets';
import type { SecretPresence } from './secrets-patch';

/** `configured` when every secret the profile needs is set (its fields are valid by construction). */
export type ProfileStatus = 'configured' | 'not_configured';

/**
 * Configured when every required field (validated by the schema) and secret is present
 * (docs/architecture.md, "Data model").
 */
export function deriveStatus(
  profile: StatusInputs,
  secrets: SecretPresence,
): { status: ProfileStatus; reasons: string[] } {
  const reasons = requiredSecrets(profile)
    .filter((field) => !secrets[field])
    .map((field) => `${FIELD_LABEL_TABLE[field]} is not set`);
  return { status: reasons.length === 0 ? 'configured' : 'not_configured', reasons };
}
