/**
 * Import and export of `authbench.profiles/v1` documents (docs/architecture.md, "Data model"). Import
 * validates each profile on its own, reports every rejected one with its field errors (named by their UI labels:
 * "Profile 2 (“Acme”), Token Request URL: …") and imports the rest,
 * moving carried secrets to the keychain; a profile whose name exists is replaced, copied or skipped only as
 * the caller chose. Export reads only the database, and the keychain only when secrets are asked for
 * (docs/security.md, "Where each secret lives").
 */
import { randomUUID } from 'node:crypto';
import { originChanges } from '../../src-shared/endpoint-origins';
import { AppError } from '../../src-shared/errors';
import { EXPORT_FORMAT, exportDocument, splitImportedProfile } from '../../src-shared/export-format';
import { rejectionMessage } from '../../src-shared/issue-labels';
import { SECRET_FIELDS } from '../../src-shared/profile';
import type {
  ExportFormat,
  ExportResult,
  ImportChoice,
  ImportEntry,
  ImportFormat,
  ImportPreview,
  ImportReport,
} from '../../src-shared/transfer';
import { parseOrThrow } from '../../src-shared/validate';
import type { ProfileService } from './profiles';
import { writePrivateFile } from '../private-file';
import { readImportFile } from './transfer-files';
import { exportForeign, foreignFileName, writeForeignExport } from '../interop/export-foreign';
import type { ImportRequest } from '../interop/import-foreign';

/** One profile of a parsed document: its fields and carried secrets stay in main. */
interface ParsedEntry {
  index: number;
  name?: string;
  fields: unknown;
  secrets: Record<string, unknown>;
  /** What a foreign file's entry could not carry over (ImportPreviewEntry.notes). */
  notes: string[];
}

/** A read import source: its format and entries. */
interface ParsedSource {
  format: ImportFormat;
  entries: ParsedEntry[];
}

/** Profile documents to and from text and files, over the profile service. */
export class TransferService {
  /** The one previewed file awaiting the window's choices; a new preview replaces it. */
  private pending: { importId: string; path: string; format: ImportFormat; entries: ParsedEntry[] } | null = null;

  constructor(private readonly profiles: ProfileService) {}

  /**
   * Imports the profiles of a document's JSON text; a profile whose name exists is imported as "Name (2)"
   * (`onClash: 'copy'`) or replaces it (`'replace'`, dropping its stored secrets if an endpoint moves origin).
   * Throws AppError('invalid_request') when the document itself is malformed, and
   * AppError('keychain_unavailable' | 'database') when a store fails (other per-profile errors are reported).
   */
  async importText(text: string, onClash: Exclude<ImportChoice, 'skip'> = 'copy'): Promise<ImportEntry[]> {
    return this.apply(parseDocument(text), () => onClash);
  }

  /** Reads the file at `path` (at most 10 MB, see readImportFile) and imports it (see importText). */
  async importFile(path: string, onClash: Exclude<ImportChoice, 'skip'> = 'copy'): Promise<ImportReport> {
    return { path, entries: await this.importText(await readImportFile(path), onClash) };
  }

  /**
   * Imports a file, folder or text of any format (docs/architecture.md, "Import from other tools"): detected, or
   * `req.format`; a malformed source throws before anything is imported. Throws as importText and readSource.
   */
  async importSource(req: ImportRequest, onClash: Exclude<ImportChoice, 'skip'> = 'copy'): Promise<ImportReport> {
    const { format, entries } = await readSource(req);
    const report = await this.apply(entries, () => onClash);
    return { path: req.path, format, entries: report };
  }

  /**
   * Reads and parses the file at `path` (any format, see importSource) and holds it in main; the preview names the
   * format, the clashes, each entry's notes and which secrets it carries, never their values. Throws
   * AppError('invalid_request') (too large, not a document, malformed with its position).
   */
  async previewFile(path: string, req: Omit<ImportRequest, 'path'> = {}): Promise<ImportPreview> {
    const { format, entries } = await readSource({ ...req, path });
    const importId = randomUUID();
    this.pending = { importId, path, format, entries };
    return {
      importId,
      path,
      format,
      entries: entries.map(({ index, name, fields, secrets, notes }) => {
        const existing = name !== undefined ? this.profiles.findIdByName(name) : undefined;
        const movesOrigin =
          existing !== undefined && typeof fields === 'object' && fields !== null
            ? originChanges(this.profiles.fields(existing), fields).length > 0
            : false;
        const secretsFound = Object.keys(secrets).filter((k) => typeof secrets[k] === 'string' && secrets[k] !== '');
        const grantType = (fields as { grantType?: unknown } | null)?.grantType;
        return {
          index,
          ...(name !== undefined ? { name } : {}),
          ...(typeof grantType === 'string' ? { grantType } : {}),
          exists: existing !== undefined,
          carriesSecrets: secretsFound.length > 0,
          movesOrigin,
          notes,
          secretsFound,
        };
      }),
    };
  }

  /**
   * Applies the previewed import `importId` with a choice per entry index; a clash without a choice is
   * skipped. Throws AppError('not_found') when that preview is no longer held (another one replaced it).
   */
  async applyPreview(importId: string, choices: ReadonlyMap<number, ImportChoice>): Promise<ImportReport> {
    const pending = this.pending;
    if (pending?.importId !== importId) {
      throw new AppError('not_found', 'This import is no longer pending; choose the file again');
    }
    this.pending = null;
    const entries = await this.apply(pending.entries, (i) => choices.get(i) ?? 'skip');
    return { path: pending.path, ...(pending.format !== 'authbench' ? { format: pending.format } : {}), entries };
  }

  private async apply(entries: ParsedEntry[], choiceFor: (index: number) => ImportChoice): Promise<ImportEntry[]> {
    const report: ImportEntry[] = [];
    for (const { index, name, fields, secrets, notes } of entries) {
      const named = { ...(name !== undefined ? { name } : {}), ...(notes.length > 0 ? { notes } : {}) };
      try {
        const existing = name !== undefined ? this.profiles.findIdByName(name) : undefined;
        report.push({ index, ...named, ...(await this.applyOne(existing, name, fields, secrets, choiceFor(index))) });
      } catch (err) {
        if (!(err instanceof AppError) || err.code === 'keychain_unavailable' || err.code === 'database') throw err;
        // A file carries its secrets inline (`password`, not `secrets.password`): paths are the file's own.
        const fileIssues = err.details?.issues?.map((i) => ({ ...i, path: i.path.replace(/^secrets\./, '') }));
        const issues = fileIssues ? { issues: fileIssues } : {};
        const message = rejectionMessage(index, name, fileIssues ?? [], err.message);
        report.push({ index, ...named, outcome: 'rejected', message, ...issues });
      }
    }
    return report;
  }

  private async applyOne(
    existing: string | undefined,
    name: string | undefined,
    fields: unknown,
    secrets: Record<string, unknown>,
    choice: ImportChoice,
  ): Promise<Omit<ImportEntry, 'index' | 'name'>> {
    if (existing === undefined || name === undefined) {
      await this.profiles.create(fields, secrets);
      return { outcome: 'imported' };
    }
    if (choice === 'skip') return { outcome: 'skipped' };
    if (choice === 'copy') {
      const importedAs = this.freeName(name);
      await this.profiles.create({ ...(fields as object), name: importedAs }, secrets);
      return { outcome: 'imported', importedAs };
    }
    // No confirmation comes with a file: secrets stored for the old origin are dropped (ProfileService.update).
    const moved = originChanges(this.profiles.fields(existing), fields as object).length > 0;
    await this.profiles.update(existing, fields, secrets);
    return { outcome: 'replaced', ...(moved ? { secretsDropped: true } : {}) };
  }

  /** The first of "Name (2)", "Name (3)", … that no profile uses. */
  private freeName(name: string): string {
    for (let n = 2; ; n++) {
      const candidate = `${name} (${n})`;
      if (this.profiles.findIdByName(candidate) === undefined) return candidate;
    }
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

  /**
   * Writes the export of `ids` as `format` to `path` with mode 0600, also over an existing file (a Bruno export of
   * several profiles: a directory of files); the result lists what the format could not carry. Throws AppError('not_found').
   */
  async exportToFile(
    path: string,
    ids: readonly string[],
    includeSecrets: boolean,
    format: ExportFormat = 'authbench',
  ): Promise<ExportResult> {
    if (format !== 'authbench') {
      const exported = await exportForeign(this.profiles, ids, format, includeSecrets);
      await writeForeignExport(path, exported);
      return { path, count: ids.length, includedSecrets: includeSecrets, format, notes: exported.notes };
    }
    await writePrivateFile(path, await this.exportText(ids, includeSecrets));
    return { path, count: ids.length, includedSecrets: includeSecrets };
  }

  /**
   * The file name a save dialog proposes for exporting `ids`: `<name>.authbench.json` for one profile,
   * else `profiles.authbench.json` (another `format`: foreignFileName). Reads only the database. Throws AppError('not_found').
   */
  exportFileName(ids: readonly string[], format: ExportFormat = 'authbench'): string {
    const names = ids.map((id) => this.profiles.fields(id).name);
    if (format !== 'authbench') return foreignFileName(names, format);
    return names.length === 1 ? `${names[0]}.authbench.json` : 'profiles.authbench.json';
  }
}

/** The entries of a document's JSON text. Throws AppError('invalid_request') when it is not such a document. */
function parseDocument(text: string): ParsedEntry[] {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    throw new AppError('invalid_request', `The file is not JSON: ${(err as Error).message}`);
  }
  return parseOrThrow(exportDocument, raw).profiles.map((entry, index) => {
    const { fields, secrets } = splitImportedProfile(entry);
    const rawName = (fields as { name?: unknown } | null)?.name;
    return { index, ...(typeof rawName === 'string' ? { name: rawName } : {}), fields, secrets, notes: [] };
  });
}

/** The entries of an import source of any format (src-main/interop/import-foreign.ts, loaded on first use). */
async function readSource(req: ImportRequest): Promise<ParsedSource> {
  const { readImport } = await import('../interop/import-foreign');
  const read = await readImport(req);
  if (read.format === 'authbench') return { format: 'authbench', entries: parseDocument(read.text) };
  const entries = read.entries.map(({ name, fields, secrets, notes }, index) => ({
    index,
    name,
    fields,
    secrets,
    notes,
  }));
  return { format: read.format, entries };
}
