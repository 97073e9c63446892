/**
 * A stored profile as the renderer and the CLI see it (fields, secret presence, derived status) and the status
 * rule (docs/architecture.md, "Data model"). Builds no schema: `profiles list` derives its status column from
 * here without loading the profile schemas of profile.ts.
 */
import { FIELD_LABEL_TABLE } from './field-labels';
import type { LastTest } from './last-test';
import type { ProfileInput } from './profile';
import { requiredSecrets, type StatusInputs } from './required-secrets';
import type { SecretPresence } from './secrets-patch';
import type { TokenExpiry } from './token-expiry';

export type ProfileStatus = 'configured' | 'not_configured';

/** A stored profile as shown to the renderer and the CLI: fields, secret presence, derived status. */
export type ProfileView = ProfileInput & {
  id: string;
  createdAt: string;
  updatedAt: string;
  secrets: SecretPresence;
  status: ProfileStatus;
  /** Why the profile is not configured (e.g. "Client Secret is not set"); empty when configured. */
  statusReasons: string[];
  /** The newest stored Test run's outcome; absent when the profile was never tested. */
  lastTest?: LastTest;
  /** The held token's expiry facts (src-shared/token-expiry.ts); absent when no token is held. */
  tokenExpiry?: TokenExpiry;
};

/** One row of the Authorization Profile Summary list. */
export type ProfileSummary = Pick<
  ProfileView,
  'id' | 'name' | 'grantType' | 'identityProviderName' | 'status' | 'statusReasons' | 'lastTest' | 'tokenExpiry'
>;

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
