import type { Database, Statement } from 'better-sqlite3';
import { lazyStatements } from './lazy-statements';

/** What `correct` changed in the ledger (counts of rows). */
export interface LedgerCorrection {
  /** Rows whose keychain entry exists but that were not confirmed. */
  confirmed: number;
  /** Confirmed rows whose keychain entry is gone. */
  unconfirmed: number;
  /** Entries of this database's profiles that had no row. */
  added: number;
}

/**
 * The names of keychain entries this database wrote (docs/architecture.md, "Where things live": the two stores are
 * not one transaction), never their values. A row is recorded before a secret is written (intent) and confirmed
 * (`written`) once the write succeeded, and removed after it is deleted: reconcile can remove exactly our
 * orphans, never another data dir's entries under the same service, and presence ("set / not set") is the
 * confirmed rows (docs/security.md, "Where each secret lives").
 */
export class KeychainLedger {
  private readonly stmts: Record<
    'add' | 'confirm' | 'seen' | 'unconfirm' | 'remove' | 'orphans' | 'confirmed' | 'accountsOf' | 'rows' | 'ids',
    Statement
  >;

  constructor(private readonly db: Database) {
    this.stmts = lazyStatements(db, {
      add: 'INSERT OR IGNORE INTO keychain_entries (account, profile_id) VALUES (?, ?)',
      // An upsert, never INSERT OR REPLACE: a replace deletes the row and fires token_expiry_follows_ledger.
      confirm: `INSERT INTO keychain_entries (account, profile_id, written) VALUES (?, ?, 1)
         ON CONFLICT (account) DO UPDATE SET written = 1 WHERE written = 0`,
      seen: 'UPDATE keychain_entries SET written = 1 WHERE account = ? AND written = 0',
      unconfirm: 'UPDATE keychain_entries SET written = 0 WHERE account = ? AND written = 1',
      remove: 'DELETE FROM keychain_entries WHERE account = ?',
      orphans: 'SELECT account FROM keychain_entries WHERE profile_id NOT IN (SELECT id FROM profiles)',
      confirmed: 'SELECT account FROM keychain_entries WHERE written = 1',
      accountsOf: 'SELECT account FROM keychain_entries WHERE profile_id = ?',
      rows: 'SELECT account, profile_id, written FROM keychain_entries',
      ids: 'SELECT id FROM profiles',
    });
  }

  /** Records the intent to write `account` of profile `profileId` (unconfirmed; an existing row keeps its flag). */
  add(account: string, profileId: string): void {
    this.stmts.add.run(account, profileId);
  }

  /** Confirms that the keychain holds `account` (after a successful write), adding its row if missing. */
  confirm(account: string, profileId: string): void {
    this.stmts.confirm.run(account, profileId);
  }

  /** Follows a keychain read of `account`: a value confirms its row (if any), null unconfirms it. */
  observe(account: string, present: boolean): void {
    (present ? this.stmts.seen : this.stmts.unconfirm).run(account);
  }

  /** Removes the row of `account` (after its keychain entry was deleted). */
  remove(account: string): void {
    this.stmts.remove.run(account);
  }

  /** Accounts whose profile row no longer exists. */
  orphans(): string[] {
    return (this.stmts.orphans.all() as { account: string }[]).map((r) => r.account);
  }

  /** Every confirmed account (one query): the secrets shown as set. */
  confirmed(): Set<string> {
    return new Set((this.stmts.confirmed.all() as { account: string }[]).map((r) => r.account));
  }

  /** Every account recorded for profile `profileId`, confirmed or not. */
  accountsOf(profileId: string): string[] {
    return (this.stmts.accountsOf.all(profileId) as { account: string }[]).map((r) => r.account);
  }

  /**
   * Corrects the ledger to the keychain's own list `present` (one transaction): rows of existing profiles are
   * confirmed when their entry exists and unconfirmed when not; entries `<profileId>/<key>` of this database's
   * profiles without a row get a confirmed one. Rows of missing profiles (orphans) and accounts in `skip` (changed
   * while the list was read) are left alone.
   */
  correct(present: ReadonlySet<string>, skip: ReadonlySet<string> = new Set()): LedgerCorrection {
    return this.db.transaction(() => {
      const ids = new Set((this.stmts.ids.all() as { id: string }[]).map((r) => r.id));
      const rows = this.stmts.rows.all() as { account: string; profile_id: string; written: number }[];
      const known = new Set(rows.map((r) => r.account));
      const changes: LedgerCorrection = { confirmed: 0, unconfirmed: 0, added: 0 };
      for (const row of rows) {
        if (skip.has(row.account) || !ids.has(row.profile_id)) continue;
        const exists = present.has(row.account);
        if (exists && !row.written) changes.confirmed += this.stmts.seen.run(row.account).changes;
        if (!exists && row.written) changes.unconfirmed += this.stmts.unconfirm.run(row.account).changes;
      }
      for (const account of present) {
        const slash = account.indexOf('/');
        const profileId = account.slice(0, Math.max(slash, 0));
        if (slash <= 0 || known.has(account) || skip.has(account) || !ids.has(profileId)) continue;
        this.stmts.confirm.run(account, profileId);
        changes.added++;
      }
      return changes;
    })();
  }
}
