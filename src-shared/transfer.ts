/**
 * Import and export of `authbench.profiles/v1` documents (see export-format.ts): an import is previewed
 * first — which names clash, which entries carry secrets — and applied with one choice per clash, so a
 * profile is never changed silently (docs/security.md, "Where each secret lives").
 */
import type { FieldIssue } from './errors';

/** The largest import file read, in bytes (10 MB); a larger one is refused before it is read. */
export const MAX_IMPORT_BYTES = 10 * 1024 * 1024;

/** What to do with a file's profile whose name exists: replace that profile, import as "Name (2)", or skip it. */
export type ImportChoice = 'replace' | 'copy' | 'skip';
export const IMPORT_CHOICES = ['replace', 'copy', 'skip'] as const satisfies readonly ImportChoice[];

/** One profile of a previewed file: never its secrets, only whether it carries any. */
export interface ImportPreviewEntry {
  index: number;
  name?: string;
  /** A stored profile has this name: the window asks replace / copy / skip. */
  exists: boolean;
  /** The entry carries at least one secret inline. */
  carriesSecrets: boolean;
  /** Replacing the existing profile moves an endpoint to another origin: its stored secrets would be dropped. */
  movesOrigin: boolean;
}

/** A file read and held by main until the window answers with its choices (`importId`). */
export interface ImportPreview {
  importId: string;
  path: string;
  entries: ImportPreviewEntry[];
}

/**
 * One entry of an applied import: imported (new, `importedAs` when renamed to avoid a clash), replaced (with
 * `secretsDropped` when an endpoint moved to another origin, so the stored secrets and token not carried by
 * the file were deleted), skipped, or rejected with its field errors.
 */
export interface ImportEntry {
  index: number;
  name?: string;
  outcome: 'imported' | 'replaced' | 'skipped' | 'rejected';
  importedAs?: string;
  secretsDropped?: boolean;
  issues?: FieldIssue[];
  message?: string;
}

export interface ImportReport {
  path: string;
  entries: ImportEntry[];
}

export interface ExportResult {
  path: string;
  count: number;
  includedSecrets: boolean;
  /** The format written; absent means `authbench`. */
  format?: ExportFormat;
  /** What the format could not carry, per profile (none for `authbench`). */
  notes?: ExportNote[];
}

/**
 * What an export writes: Authbench's own `authbench.profiles/v1` document, a Postman collection v2.1, Bruno
 * `.bru` requests, or a sh script of `curl` commands (docs/architecture.md, "Export to other tools").
 */
export type ExportFormat = 'authbench' | 'postman' | 'bruno' | 'curl';
export const EXPORT_FORMATS = ['authbench', 'postman', 'bruno', 'curl'] as const satisfies readonly ExportFormat[];

/** The formats' names as the app and the CLI show them. */
export const EXPORT_FORMAT_LABELS: Readonly<Record<ExportFormat, string>> = {
  authbench: 'Authbench (.authbench.json)',
  postman: 'Postman collection v2.1',
  bruno: 'Bruno (.bru)',
  curl: 'cURL (sh script)',
};

/** Something of profile `profile` the target format cannot express, said in one sentence. */
export interface ExportNote {
  profile: string;
  message: string;
}
