/**
 * The file side of import (docs/security.md, "Hostile input"): an import file is measured before it is
 * read. Exports are written by writePrivateFile (src-main/private-file.ts).
 */
import { readFile, stat } from 'node:fs/promises';
import { AppError } from '../../src-shared/errors';
import { MAX_IMPORT_BYTES } from '../../src-shared/transfer';

/**
 * The UTF-8 text of the import file at `path`, after `stat` shows it is at most MAX_IMPORT_BYTES (10 MB).
 * Throws AppError('invalid_request') for a larger file or a non-file; a read error is thrown as is.
 */
export async function readImportFile(path: string): Promise<string> {
  const info = await stat(path);
  if (!info.isFile()) throw new AppError('invalid_request', `${path} is not a file`);
  if (info.size > MAX_IMPORT_BYTES) {
    const mb = (info.size / 1024 / 1024).toFixed(1);
    throw new AppError('invalid_request', `The file is ${mb} MB; Authbench imports files of at most 10 MB`);
  }
  return readFile(path, 'utf8');
}
