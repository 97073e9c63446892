import { createHash } from 'node:crypto';
import type { Database, Statement } from 'better-sqlite3';

/** One schema change. The list is append-only: an applied migration must never change (bruno-sqlite). */
export interface Migration {
  id: number;
  name: string;
  sql: string;
}

/** Thrown when an applied migration's SQL no longer matches what was applied. */
export class MigrationChecksumError extends Error {
  override readonly name = 'MigrationChecksumError';
  constructor(readonly migrationId: number) {
    super(`Migration ${migrationId} was changed after it was applied; add a new migration instead`);
  }
}

export const MIGRATIONS: readonly Migration[] = [
  {
    id: 1,
    name: 'profiles and test runs',
    sql: `
      CREATE TABLE profiles (
        id          TEXT PRIMARY KEY,
        name        TEXT NOT NULL UNIQUE,
        grant_type  TEXT NOT NULL,
        data        TEXT NOT NULL,           -- JSON of the non-secret fields
        created_at  TEXT NOT NULL,
        updated_at  TEXT NOT NULL
      );
      CREATE TABLE test_runs (
        id          TEXT PRIMARY KEY,
        profile_id  TEXT NOT NULL REFERENCES profiles(id) ON DELETE CASCADE,
        started_at  TEXT NOT NULL,
        ok          INTEGER NOT NULL,
        data        TEXT NOT NULL            -- JSON of the redacted TestRun
      );
      CREATE INDEX test_runs_profile ON test_runs(profile_id, started_at);
    `,
  },
  {
    id: 2,
    name: 'keychain ledger',
    // The names (never the values) of keychain entries this database wrote. No foreign key: a row
    // outlives its profile until the keychain entry is gone, so a crash between the two stores is
    // repaired at start-up without touching entries written by another data dir.
    sql: `
      CREATE TABLE keychain_entries (
        account     TEXT PRIMARY KEY,
        profile_id  TEXT NOT NULL
      );
      CREATE INDEX keychain_entries_profile ON keychain_entries(profile_id);
    `,
  },
  {
    id: 3,
    name: 'PFX client certificates move to the keychain',
    // A PFX holds a private key, so it became the secret `clientPfx`. SQL cannot reach the keychain: the
    // values wait in pending_secrets (ledger rows first, as for any keychain write) and the profile rows
    // lose them here; pending-secrets.ts writes them to the keychain before the first keychain call.
    sql: `
      CREATE TABLE pending_secrets (
        profile_id  TEXT NOT NULL REFERENCES profiles(id) ON DELETE CASCADE,
        field       TEXT NOT NULL,
        value       TEXT NOT NULL,
        PRIMARY KEY (profile_id, field)
      );
      INSERT INTO pending_secrets (profile_id, field, value)
        SELECT id, 'clientPfx', json_extract(data, '$.clientCertificate.certificate') FROM profiles
        WHERE json_extract(data, '$.clientCertificate.format') = 'pfx'
          AND trim(coalesce(json_extract(data, '$.clientCertificate.certificate'), '')) <> '';
      INSERT OR IGNORE INTO keychain_entries (account, profile_id)
        SELECT profile_id || '/' || field, profile_id FROM pending_secrets;
      UPDATE profiles SET data = json_set(data, '$.clientCertificate.certificate', '')
        WHERE json_extract(data, '$.clientCertificate.format') = 'pfx';
    `,
  },
  {
    id: 4,
    name: 'test run outcome columns',
    // The list shows each profile's last Test: these columns let it read the outcome without parsing the
    // (large) run bodies. Filled here from the stored runs (a row whose body is not JSON keeps NULL / 0);
    // runs-repo.ts writes them from now on. The index covers them, so reading the newest run's outcome
    // never touches the table row (whose body spills onto overflow pages that come before these columns).
    sql: `
      ALTER TABLE test_runs ADD COLUMN error_code TEXT;
      ALTER TABLE test_runs ADD COLUMN oauth_error TEXT;
      ALTER TABLE test_runs ADD COLUMN duration_ms INTEGER NOT NULL DEFAULT 0;
      CREATE INDEX test_runs_outcome
        ON test_runs(profile_id, started_at, ok, error_code, oauth_error, duration_ms);
      UPDATE test_runs SET
        error_code = json_extract(data, '$.error.code'),
        oauth_error = json_extract(data, '$.error.oauthError'),
        duration_ms = coalesce(CAST(json_extract(data, '$.durationMs') AS INTEGER), 0)
        WHERE json_valid(data);
    `,
  },
  {
    id: 5,
    name: 'token expiry metadata and app settings',
    // The list warns of a refresh token's end without a keychain read: TokenStore keeps the times and flags
    // of the held token here (never a token value); the trigger drops the row with the token's ledger row, so
    // a token deleted by any path (forget, an origin change, the profile's deletion) leaves no stale warning.
    // `settings` holds app settings as JSON values by key.
    sql: `
      CREATE TABLE token_expiry (
        profile_id          TEXT PRIMARY KEY REFERENCES profiles(id) ON DELETE CASCADE,
        access_expires_at   TEXT,
        refresh_expires_at  TEXT,
        has_refresh_token   INTEGER NOT NULL,
        usable              INTEGER NOT NULL,
        notified_for        TEXT
      );
      CREATE TRIGGER token_expiry_follows_ledger AFTER DELETE ON keychain_entries
        WHEN OLD.account = OLD.profile_id || '/token'
        BEGIN DELETE FROM token_expiry WHERE profile_id = OLD.profile_id; END;
      CREATE TABLE settings (
        key    TEXT PRIMARY KEY,
        value  TEXT NOT NULL
      );
    `,
  },
  {
    id: 6,
    name: 'keychain ledger confirms each write',
    // Presence ("set / not set") is read from the ledger, not by listing the keychain (libsecret's listing
    // reads every value): `written` is set once the keychain write succeeded (keychain-ledger.ts). Rows that
    // exist already are taken as written, as they almost always are; the app's start-up reconcile lists the
    // keychain once and corrects the ledger both ways (docs/security.md, "Where each secret lives").
    sql: `
      ALTER TABLE keychain_entries ADD COLUMN written INTEGER NOT NULL DEFAULT 0;
      UPDATE keychain_entries SET written = 1;
    `,
  },
];

export function checksum(sql: string): string {
  return createHash('sha256').update(sql).digest('hex');
}

/**
 * Applies pending migrations, each in its own transaction, recording id and checksum.
 * Throws MigrationChecksumError when an applied one was edited. Returns the ids applied now.
 */
export function migrate(db: Database, migrations: readonly Migration[] = MIGRATIONS): number[] {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    id INTEGER PRIMARY KEY, name TEXT NOT NULL, checksum TEXT NOT NULL, applied_at TEXT NOT NULL)`);
  const applied = new Map(
    (db.prepare('SELECT id, checksum FROM schema_migrations').all() as { id: number; checksum: string }[]).map((r) => [
      r.id,
      r.checksum,
    ]),
  );
  // Prepared only when a migration is pending: most opens apply none.
  let record: Statement | undefined;
  const done: number[] = [];
  for (const m of migrations) {
    const sum = checksum(m.sql);
    const existing = applied.get(m.id);
    if (existing !== undefined) {
      if (existing !== sum) throw new MigrationChecksumError(m.id);
      continue;
    }
    db.transaction(() => {
      db.exec(m.sql);
      record ??= db.prepare('INSERT INTO schema_migrations (id, name, checksum, applied_at) VALUES (?, ?, ?, ?)');
      record.run(m.id, m.name, sum, new Date().toISOString());
    })();
    done.push(m.id);
  }
  return done;
}
