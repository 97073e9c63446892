/**
 * The import/export document `authbench.profiles/v1` (DESIGN.md §3): `{ format, profiles: [...] }`.
 * A profile carries the fields of profile.ts and, only when the user asked for it, its secrets inline
 * (`clientSecret`). Profiles are validated one by one so one bad entry does not sink the file.
 */
import { z } from 'zod';
import { LIMITS, type ProfileInput } from './profile';

export const EXPORT_FORMAT = 'authbench.profiles/v1';

export const exportDocument = z.object({
  format: z.literal(EXPORT_FORMAT, { message: `"format" must be "${EXPORT_FORMAT}"` }),
  profiles: z.array(z.unknown()).max(100_000),
});

/** Secrets an imported profile may carry inline; they go to the keychain, never to SQLite. */
export const carriedSecrets = z.object({ clientSecret: z.string().min(1).max(LIMITS.clientSecret).optional() });

/** Splits an imported entry into profile fields and carried secrets. */
export function splitImportedProfile(entry: unknown): { fields: unknown; secrets: Record<string, unknown> } {
  if (!entry || typeof entry !== 'object' || Array.isArray(entry)) return { fields: entry, secrets: {} };
  const { clientSecret, ...fields } = entry as Record<string, unknown>;
  return { fields, secrets: clientSecret === undefined ? {} : { clientSecret } };
}

/** The exported form of a profile: its fields only (no id, status, timestamps or secrets). */
export type ExportedProfile = ProfileInput;
