/**
 * Reads an import source of any format (docs/architecture.md, "Import from other tools"): detects the format
 * (or takes the one asked for), parses the file with its tool's own parser, converts every OAuth setup to a
 * profile entry, and merges identical ones. A malformed file throws before anything is imported.
 */
import { stat } from 'node:fs/promises';
import { AppError } from '../../src-shared/errors';
import { IMPORT_FORMAT_LABELS, type ImportFormat } from '../../src-shared/transfer';
import { readImportFile } from '../services/transfer-files';
import { dedupeEntries } from './import-dedupe';
import { detectFormat } from './import-detect';
import { setupToEntry } from './import-oauth';
import { parseJsonAt } from './import-position';
import type { ConvertOptions, ForeignImport, OAuthSetup } from './import-types';
import { readPostmanEnvironment } from './import-vars';

/** What to read: a path (`-` with `text` for standard input), and the options of the command or dialog. */
export interface ImportRequest {
  path: string;
  /** The text when it did not come from `path` (a cURL command on standard input). */
  text?: string;
  /** The format asked for; detected when absent. */
  format?: ImportFormat;
  /** A Postman environment (JSON) or Bruno environment (`.bru`) file whose variables fill `{{name}}`s. */
  environment?: string;
}

/** An Authbench document's text, or a converted foreign file. */
export type ReadImport = { format: 'authbench'; text: string } | ForeignImport;

/**
 * Reads `req` as its format. Throws AppError('invalid_request') naming the file (and the line and column of a
 * parse error) when it cannot be read as that format, or the format cannot be told.
 */
export async function readImport(req: ImportRequest): Promise<ReadImport> {
  const isDir = req.text === undefined && (await stat(req.path)).isDirectory();
  if (isDir && req.format && req.format !== 'bruno')
    throw new AppError(
      'invalid_request',
      `${req.path} is a folder: only a Bruno collection can be imported from a folder`,
    );
  const options = await convertOptions(req.environment);
  if (isDir || (req.format ?? (req.path.endsWith('.bru') ? 'bruno' : undefined)) === 'bruno') {
    if (!isDir && req.text !== undefined)
      throw new AppError('invalid_request', 'A Bruno collection is read from files');
    const { brunoSetups } = await import('./import-bruno');
    return foreign('bruno', await brunoSetups(req.path, isDir, options));
  }
  const text = req.text ?? (await readImportFile(req.path));
  const detected = req.format ? { format: req.format } : detectFormat(text, req.path);
  switch (detected.format) {
    case 'authbench':
      return { format: 'authbench', text };
    case 'curl': {
      const { curlSetups } = await import('./import-curl');
      return foreign('curl', await curlSetups(text, req.path));
    }
    case 'postman': {
      const { postmanSetups } = await import('./import-postman');
      const doc = 'doc' in detected ? detected.doc : parseJsonAt(text, req.path);
      return foreign('postman', await postmanSetups(doc, req.path, options));
    }
    case 'insomnia': {
      const { insomniaV4Setups, insomniaV5Setups } = await import('./import-insomnia');
      const doc = 'doc' in detected ? detected.doc : await parseInsomnia(text, req.path);
      const v5 = typeof (doc as { type?: unknown })?.type === 'string';
      return foreign('insomnia', (v5 ? insomniaV5Setups : insomniaV4Setups)(doc, req.path, options));
    }
    default:
      throw new AppError('invalid_request', `${req.path}: unknown format`);
  }
}

/** JSON (v4) or YAML (v5) text of an Insomnia export. */
async function parseInsomnia(text: string, file: string): Promise<unknown> {
  if (text.trimStart().startsWith('{')) return parseJsonAt(text, file);
  const { parseYamlAt } = await import('./import-yaml');
  return parseYamlAt(text, file);
}

/** The variables of `--environment`: a Bruno `.bru` environment or a Postman environment (JSON). */
async function convertOptions(environment: string | undefined): Promise<ConvertOptions> {
  if (!environment) return { variables: {} };
  if (environment.endsWith('.bru')) {
    const { readBrunoEnvironment } = await import('./import-bruno');
    return { variables: await readBrunoEnvironment(environment), environmentPath: environment };
  }
  return { variables: await readPostmanEnvironment(environment), environmentPath: environment };
}

/** The entries of `setups`, converted and merged. */
function foreign(format: ForeignImport['format'], setups: OAuthSetup[]): ForeignImport {
  const tool = IMPORT_FORMAT_LABELS[format].split(' ')[0]!;
  return { format, entries: dedupeEntries(setups.map((s) => setupToEntry(s, tool === 'cURL' ? 'cURL' : tool))) };
}
