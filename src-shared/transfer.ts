/**
 * Import and export of `authbench.profiles/v1` documents (see export-format.ts): an import is previewed
 * first — which names clash, which entries carry secrets — and applied with one choice per clash, so a
 * profile is never changed silently (docs/security.md, "Where each secret lives").
 */
import type { FieldIssue } from './errors';

/** The largest import file read, in bytes (10 MB); a larger one is refused before it is read. */
export const MAX_IMPORT_BYTES = 10 * 1024 * 1024;

/**
 * The formats an import reads (docs/architecture.md, "Import from other tools"): Authbench's own document, a
 * Postman collection (v2.0 / v2.1), an Insomnia export (v4 JSON, v5 YAML), a Bruno collection folder or `.bru`
 * file, or a `curl` command line that calls a token endpoint.
 */
export const IMPORT_FORMATS = ['authbench', 'postman', 'insomnia', 'bruno', 'curl'] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];

/** How each format is named to a person ("Postman collection"). */
export const IMPORT_FORMAT_LABELS: Record<ImportFormat, string> = {
  authbench: 'Authbench profiles',
  postman: 'Postman collection',
  insomnia: 'Insomnia export',
  bruno: 'Bruno collection',
  curl: 'cURL command',
};

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
  /** The grant type the entry will have, when it names a known one. */
  grantType?: string;
  /**
   * What Authbench cannot represent of a foreign entry, one sentence each (a fixed `state`, a token sent in the
   * URL, a dropped access token, sources merged into this one): never dropped silently. Empty for Authbench files.
   */
  notes: string[];
  /** The SECRET_FIELDS names the entry carries a value for (`clientSecret`, `password`), never the values. */
  secretsFound: string[];
}

/** A file read and held by main until the window answers with its choices (`importId`). */
export interface ImportPreview {
  importId: string;
  path: string;
  /** The format the file was read as (detected, or the one asked for). */
  format: ImportFormat;
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
  /** The entry's notes from the preview (ImportPreviewEntry.notes), for a foreign file. */
  notes?: string[];
}

/** An applied import: the file, its format and one entry per profile of the file. */
export interface ImportReport {
  path: string;
  format?: ImportFormat;
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
