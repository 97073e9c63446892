/**
 * Export to other tools (docs/architecture.md, "Export to other tools"): reads the profiles (and their secrets only
 * when asked), runs the Postman, Bruno or cURL exporter — each loaded on this path only, so neither the CLI start
 * nor another command loads `postman-collection` or `@usebruno/lang` — and writes its files with mode 0600.
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { AppError } from '../../src-shared/errors';
import type { ExportFormat } from '../../src-shared/transfer';
import { writePrivateFile } from '../private-file';
import type { ProfileService } from '../services/profiles';
import { fileBase, type ExportSource, type ForeignExport } from './export-common';

/** A format other than Authbench's own. */
export type ForeignFormat = Exclude<ExportFormat, 'authbench'>;

/** The collection, directory or script name of an export of `names`: the profile's own name for one profile. */
export function exportName(names: readonly string[]): string {
  return names.length === 1 ? names[0]! : 'Authbench profiles';
}

/**
 * The export of the profiles `ids` as `format`; with `includeSecrets` each profile's stored secrets are read once
 * and written in plain text, otherwise the keychain is not touched. Throws AppError('not_found') for an unknown id.
 */
export async function exportForeign(
  profiles: ProfileService,
  ids: readonly string[],
  format: ForeignFormat,
  includeSecrets: boolean,
): Promise<ForeignExport> {
  const sources: ExportSource[] = [];
  for (const id of ids)
    sources.push({ profile: profiles.fields(id), secrets: includeSecrets ? await profiles.readSecrets(id) : null });
  const name = exportName(sources.map((s) => s.profile.name));
  switch (format) {
    case 'postman':
      return (await import('./export-postman')).exportPostman(sources, name);
    case 'bruno':
      return (await import('./export-bruno')).exportBruno(sources, name);
    case 'curl':
      return (await import('./export-curl')).exportCurl(sources, name, includeSecrets);
  }
}

/**
 * The default file (or, for a Bruno export of several profiles, directory) name of exporting `names` as `format`:
 * `<name>.postman_collection.json`, `<name>.bru`, `authbench-profiles-bruno`, `<name>.sh`.
 */
export function foreignFileName(names: readonly string[], format: ForeignFormat): string {
  const base = fileBase(exportName(names));
  if (format === 'postman') return `${base}.postman_collection.json`;
  if (format === 'curl') return `${base}.sh`;
  return names.length === 1 ? `${base}.bru` : `${base.toLowerCase().replace(/\s+/g, '-')}-bruno`;
}

/**
 * Writes `exported` to `path`: one file as `path` itself, several (a Bruno collection) into the directory `path`,
 * created if missing (mode 0700). Each file is written 0600, also over an existing one. Throws AppError('conflict')
 * when `path` is an existing file where a directory is needed, or the fs error.
 */
export async function writeForeignExport(path: string, exported: ForeignExport): Promise<void> {
  if (exported.files.length === 1) {
    await writePrivateFile(path, exported.files[0]!.text);
    return;
  }
  try {
    await mkdir(path, { recursive: true, mode: 0o700 });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST')
      throw new AppError('conflict', `${path} is a file: a Bruno export of several profiles needs a directory`);
    throw err;
  }
  for (const file of exported.files) await writePrivateFile(join(path, file.name), file.text);
}
