/** Writing files only their owner may read (docs/security.md, "Where each secret lives"). */
import { randomBytes } from 'node:crypto';
import { chmod, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/**
 * Writes `text` to `path` with mode 0600, also over an existing file of another mode: the text goes to a
 * 0600 temp file in the same directory, which then replaces `path` (one rename, never a half-written file).
 * Throws the fs error (EACCES, ENOSPC…).
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
