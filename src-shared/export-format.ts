/**
 * The import/export document `authbench.profiles/v1` (docs/architecture.md, "Data model"): `{ format, profiles: [...] }`.
 * A profile carries the fields of profile.ts and, only when the user asked for it, its secrets inline
 * (`clientSecret`, `password`, … — see SECRET_FIELDS). Profiles are validated one by one so one bad entry does not sink the file.
 */
import { z } from 'zod';
import { SECRET_FIELDS } from './profile';

export const EXPORT_FORMAT = 'authbench.profiles/v1';

export const exportDocument = z.object({
  format: z.literal(EXPORT_FORMAT, { message: `"format" must be "${EXPORT_FORMAT}"` }),
  profiles: z.array(z.unknown()).max(100_000),
});

/**
 * Splits an imported entry into profile fields and the secrets it carries inline (SECRET_FIELDS). A file from
 * before the PFX became a secret carries it in `clientCertificate.certificate` with format `pfx`: it is moved
 * to the `clientPfx` secret (an inline `clientPfx` wins), so it reaches the keychain and never SQLite.
 */
export function splitImportedProfile(entry: unknown): { fields: unknown; secrets: Record<string, unknown> } {
  if (!entry || typeof entry !== 'object' || Array.isArray(entry)) return { fields: entry, secrets: {} };
  const fields: Record<string, unknown> = {};
  const secrets: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(entry as Record<string, unknown>)) {
    if ((SECRET_FIELDS as readonly string[]).includes(key)) secrets[key] = value;
    else fields[key] = value;
  }
  const cert = fields.clientCertificate as Record<string, unknown> | undefined;
  if (cert && typeof cert === 'object' && cert.format === 'pfx' && typeof cert.certificate === 'string') {
    if (cert.certificate.trim() !== '') secrets.clientPfx ??= cert.certificate;
    fields.clientCertificate = { ...cert, certificate: '' };
  }
  return { fields, secrets };
}
