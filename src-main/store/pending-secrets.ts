/**
 * Secrets a migration took out of SQLite rows, on their way to the keychain (docs/security.md, "Where each
 * secret lives"). A migration runs on the database alone and cannot reach the keychain, so it parks the
 * values in `pending_secrets`; the first keychain call of the process writes them to the keychain and deletes
 * them here, before anything can read or list a secret.
 */
import type { Database } from 'better-sqlite3';
import { secretAccount, type SecretStore } from '../secrets/secret-store';

interface PendingRow {
  profile_id: string;
  field: string;
  value: string;
}

/**
 * Writes every pending secret to `store` (account `<profileId>/<field>`, its ledger row already written by
 * the migration), deleting each row once written, then checkpoints the WAL so the values leave the files.
 * Returns the accounts written. Throws what `store.set` throws (AppError('keychain_unavailable')).
 */
export async function movePendingSecrets(db: Database, store: SecretStore): Promise<string[]> {
  const rows = db.prepare('SELECT profile_id, field, value FROM pending_secrets').all() as PendingRow[];
  const done = db.prepare('DELETE FROM pending_secrets WHERE profile_id = ? AND field = ? AND value = ?');
  const accounts: string[] = [];
  for (const row of rows) {
    const account = secretAccount(row.profile_id, row.field);
    await store.set(account, row.value);
    done.run(row.profile_id, row.field, row.value);
    accounts.push(account);
  }
  if (rows.length > 0) db.pragma('wal_checkpoint(TRUNCATE)');
  return accounts;
}

/**
 * `store` behind a gate: its first call (of any method) waits for movePendingSecrets, so no presence, value
 * or export is ever read before the move. A failed move is retried on the next call, and its error is
 * that call's error.
 */
export function afterPendingSecrets(db: Database, store: SecretStore): SecretStore {
  let moved: Promise<unknown> | undefined;
  const ready = () =>
    (moved ??= movePendingSecrets(db, store).catch((err: unknown) => {
      moved = undefined;
      throw err;
    }));
  return {
    async get(account) {
      await ready();
      return store.get(account);
    },
    async set(account, value) {
      await ready();
      return store.set(account, value);
    },
    async delete(account) {
      await ready();
      return store.delete(account);
    },
    async listAccounts() {
      await ready();
      return store.listAccounts();
    },
  };
}
