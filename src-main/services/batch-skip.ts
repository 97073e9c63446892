/**
 * Which profiles a batch skips, and why (docs/architecture.md, "Test all"): not configured (what is missing), a
 * person needed (src-shared/needs-person.ts), or a pre-authorize authorization-code profile that holds no usable
 * token, whose Test would open the browser to sign in (services/held-token.ts decideHeldToken, RFC 6749 §6).
 */
import { withFieldDefaults } from '../../src-shared/dynamic-fields';
import { personNeeded } from '../../src-shared/needs-person';
import type { ProfileInput, ProfileSummary } from '../../src-shared/profile';
import { holdsToken } from '../../src-shared/token-source';
import { decideHeldToken, tokenFingerprint, typedFieldValues } from './held-token';
import type { StoredToken } from './tokens';

/** What the skip rule reads: the list row (status), the stored fields, the held token loader and the clock. */
export interface SkipInputs {
  row: Pick<ProfileSummary, 'status' | 'statusReasons'>;
  fields: ProfileInput;
  loadToken: () => Promise<StoredToken | null>;
  now: Date;
}

/** The reason to skip the profile, one sentence without a full stop, or null when its Test can run unattended. */
export async function skipReason({ row, fields, loadToken, now }: SkipInputs): Promise<string | null> {
  if (row.status !== 'configured') return `Not configured: ${row.statusReasons.join('; ')}`;
  const person = personNeeded(fields);
  if (person) return person;
  if (!holdsToken(fields)) return null;
  const decision = decideHeldToken(await loadToken(), {
    fingerprint: tokenFingerprint(fields),
    tenant: undefined,
    fields: typedFieldValues(fields, withFieldDefaults(fields, {})),
    now,
  });
  return decision.use === 'sign_in' ? `Needs a browser sign-in: ${decision.reason}` : null;
}
