/**
 * The file side of import and export (docs/security.md, "Hostile input" and "Where each secret lives"): an
 * import file is measured before it is read, and an export is written readable by its owner only.
 */
import { randomBytes } from 'node:crypto';
import { chmod, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
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

/**
 * Writes `text` to `path` with mode 0600, also over an existing file of another mode: the text goes to a
 * 0600 temp file in the same directory, which then replaces `path` (one rename, never a half-written file).
 */
export async function writePrivateFile(path: string, text: string): Promise<void> {
  const temp = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    await writeFile(temp, text, { mode: 0o600, flag: 'wx' });
    await chmod(temp, 0o600); // exactly 0600, whatever the umask
    await rename(temp, path);
  } catch (err) {
    await rm(temp, { force: true });
    throw err;
  }
}
