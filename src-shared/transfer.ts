/** Results of importing and exporting `authbench.profiles/v1` documents (see export-format.ts). */
import type { FieldIssue } from './errors';

/** One entry of an import: imported (new), updated (same name existed), or rejected with its field errors. */
export interface ImportEntry {
  index: number;
  name?: string;
  outcome: 'imported' | 'updated' | 'rejected';
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
}
