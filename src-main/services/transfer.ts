/**
 * Import and export of `authbench.profiles/v1` documents (DESIGN.md §3). Import validates each profile
 * on its own, reports every rejected one with its field errors and imports the rest, moving carried
 * secrets to the keychain. Export writes secrets only when asked.
 */
import { AppError } from '../../src-shared/errors';
import { EXPORT_FORMAT, exportDocument, splitImportedProfile } from '../../src-shared/export-format';
import { SECRET_FIELDS, type ProfileView } from '../../src-shared/profile';
import type { ImportEntry } from '../../src-shared/transfer';
import { parseOrThrow } from '../../src-shared/validate';
import type { ProfileService } from './profiles';

/** Imports the profiles of a document's JSON text. Throws AppError('invalid_request') when the document itself is malformed. */
export async function importProfiles(profiles: ProfileService, text: string): Promise<ImportEntry[]> {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    throw new AppError('invalid_request', `The file is not JSON: ${(err as Error).message}`);
  }
  const doc = parseOrThrow(exportDocument, raw);
  const entries: ImportEntry[] = [];
  for (const [index, entry] of doc.profiles.entries()) {
    const { fields, secrets } = splitImportedProfile(entry);
    const rawName = (fields as { name?: unknown } | null)?.name;
    const name = typeof rawName === 'string' ? rawName : undefined;
    try {
      const existing = name !== undefined ? await profiles.getByName(name).catch(() => undefined) : undefined;
      if (existing) await profiles.update(existing.id, fields, secrets);
      else await profiles.create(fields, secrets);
      entries.push({ index, ...(name !== undefined ? { name } : {}), outcome: existing ? 'updated' : 'imported' });
    } catch (err) {
      if (!(err instanceof AppError) || err.code === 'keychain_unavailable' || err.code === 'database') throw err;
      entries.push({ index, ...(name !== undefined ? { name } : {}), outcome: 'rejected', message: err.message, ...(err.details?.issues ? { issues: err.details.issues } : {}) });
    }
  }
  return entries;
}

/** The document text for `views`; with `includeSecrets`, each profile carries its stored secrets inline. */
export async function exportProfiles(profiles: ProfileService, views: ProfileView[], includeSecrets: boolean): Promise<string> {
  const out = [];
  for (const view of views) {
    const { id, createdAt: _c, updatedAt: _u, secrets: _s, status: _st, statusReasons: _r, ...fields } = view;
    const carried: Record<string, string> = {};
    if (includeSecrets) {
      for (const field of SECRET_FIELDS) {
        const value = await profiles.readSecret(id, field);
        if (value !== null) carried[field] = value;
      }
    }
    out.push({ ...fields, ...carried });
  }
  return `${JSON.stringify({ format: EXPORT_FORMAT, profiles: out }, null, 2)}\n`;
}
