/**
 * "Duplicate as…": a copy of a profile under a new name and, when asked, the deletion of the original in
 * the same call — the one-step way to give a profile a new name, since Name is fixed after create.
 * The copy (with its secrets) is made first, so a copy that cannot be made deletes nothing; a delete that
 * fails afterwards keeps both and says so (docs/security.md, "Where each secret lives").
 */
import type { DuplicateResult } from '../../src-shared/ipc';
import type { ProfileService } from './profiles';

/** What to copy and whether to delete the original afterwards. */
export interface DuplicateAsOptions {
  copySecrets: boolean;
  deleteOriginal: boolean;
}

/**
 * Copies profile `id` under `name` (secrets into new keychain entries when `copySecrets`), then, with
 * `deleteOriginal`, deletes the original's row, runs, keychain entries and held token. Returns the copy's view
 * with `deleteOriginalError` when that delete failed. Throws AppError('not_found' | 'invalid_request' |
 * 'conflict' | 'keychain_unavailable') when the copy cannot be made — the original is then untouched.
 */
export async function duplicateAs(
  profiles: ProfileService,
  id: string,
  name: string,
  options: DuplicateAsOptions,
): Promise<DuplicateResult> {
  const original = profiles.fields(id).name;
  const copy = await profiles.duplicate(id, name, options.copySecrets);
  if (!options.deleteOriginal) return copy;
  try {
    await profiles.delete(id);
    return copy;
  } catch (err) {
    const reason = (err as Error).message;
    const deleteOriginalError = profiles.exists(id)
      ? `“${copy.name}” was made, but “${original}” could not be deleted (${reason}): both profiles are kept.`
      : `“${original}” was deleted, but some of its keychain entries could not be removed (${reason}); ` +
        'Authbench removes them at its next start.';
    return { ...copy, deleteOriginalError };
  }
}
