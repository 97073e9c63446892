/** Writing files only their owner may read (docs/security.md, "Where each secret lives"). */
import { open } from 'node:fs/promises';

/**
 * Writes `text` (UTF-8) to `path` with mode 0600, truncating an existing file and narrowing its mode before
 * anything is written (writeFile's `mode` applies only to a new file). Throws the fs error (EACCES, ENOSPC…).
 */
export async function writePrivateFile(path: string, text: string): Promise<void> {
  const file = await open(path, 'w', 0o600);
  try {
    await file.chmod(0o600);
    await file.writeFile(text);
  } finally {
    await file.close();
  }
}
