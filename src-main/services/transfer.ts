/**
 * Import and export of `authbench.profiles/v1` documents (docs/architecture.md, "Data model"). Import
 * validates each profile on its own, reports every rejected one with its field errors and imports the rest,
 * moving carried secrets to the keychain. Export reads only the database, and the keychain only when
 * secrets are asked for (docs/security.md, "Where each secret lives").
 */
import { readFile, writeFile } from 'node:fs/promises';
import { AppError } from '../../src-shared/errors';
import { EXPORT_FORMAT, exportDocument, splitImportedProfile } from '../../src-shared/export-format';
import { SECRET_FIELDS } from '../../src-shared/profile';
import type { ExportResult, ImportEntry, ImportReport } from '../../src-shared/transfer';
import { parseOrThrow } from '../../src-shared/validate';
import type { ProfileService } from './profiles';

/** Profile documents to and from text and files, over the profile service. */
export class TransferService {
  constructor(private readonly profiles: ProfileService) {}

  /**
   * Imports the profiles of a document's JSON text; a profile whose name exists updates it.
   * Throws AppError('invalid_request') when the document itself is malformed, and
   * AppError('keychain_unavailable' | 'database') when a store fails (other per-profile errors are reported).
   */
  async importText(text: string): Promise<ImportEntry[]> {
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
      const named = name !== undefined ? { name } : {};
      try {
        const existing = name !== undefined ? this.profiles.findIdByName(name) : undefined;
        if (existing !== undefined) await this.profiles.update(existing, fields, secrets);
        else await this.profiles.create(fields, secrets);
        entries.push({ index, ...named, outcome: existing !== undefined ? 'updated' : 'imported' });
      } catch (err) {
        if (!(err instanceof AppError) || err.code === 'keychain_unavailable' || err.code === 'database') throw err;
        const issues = err.details?.issues ? { issues: err.details.issues } : {};
        entries.push({ index, ...named, outcome: 'rejected', message: err.message, ...issues });
      }
    }
    return entries;
  }

  /** Reads the UTF-8 file at `path` and imports it (see importText); a read error is thrown as is. */
  async importFile(path: string): Promise<ImportReport> {
    return { path, entries: await this.importText(await readFile(path, 'utf8')) };
  }

  /**
   * The document text for the profiles `ids`, in that order; with `includeSecrets`, each profile carries
   * its stored secrets inline (each read once), otherwise the keychain is not touched. Throws AppError('not_found').
   */
  async exportText(ids: readonly string[], includeSecrets: boolean): Promise<string> {
    const fields = ids.map((id) => this.profiles.fields(id));
    const out = [];
    for (const [i, id] of ids.entries()) {
      const carried: Record<string, string> = {};
      if (includeSecrets) {
        const values = await this.profiles.readSecrets(id);
        for (const field of SECRET_FIELDS) {
          const value = values[field];
          if (value !== null) carried[field] = value;
        }
      }
      out.push({ ...fields[i], ...carried });
    }
    return `${JSON.stringify({ format: EXPORT_FORMAT, profiles: out }, null, 2)}\n`;
  }

  /** Writes the export of `ids` to `path` (a new file gets mode 0600). Throws AppError('not_found'). */
  async exportToFile(path: string, ids: readonly string[], includeSecrets: boolean): Promise<ExportResult> {
    await writeFile(path, await this.exportText(ids, includeSecrets), { mode: 0o600 });
    return { path, count: ids.length, includedSecrets: includeSecrets };
  }

  /**
   * The file name a save dialog proposes for exporting `ids`: `<name>.authbench.json` for one profile,
   * else `profiles.authbench.json`. Reads only the database. Throws AppError('not_found').
   */
  exportFileName(ids: readonly string[]): string {
    const names = ids.map((id) => this.profiles.fields(id).name);
    return names.length === 1 ? `${names[0]}.authbench.json` : 'profiles.authbench.json';
  }
}
