import type { Database, Statement } from 'better-sqlite3';
import { lazyStatements } from './lazy-statements';

/**
 * The names of keychain entries this database wrote (docs/architecture.md, "Where things live": the two stores are not one
 * transaction). Recorded before a secret is written and removed after it is deleted, so reconcile
 * can remove exactly our orphans, never another data dir's entries under the same service.
 */
export class KeychainLedger {
  private readonly stmts: Record<'add' | 'remove' | 'orphans', Statement>;

  constructor(db: Database) {
    this.stmts = lazyStatements(db, {
      add: 'INSERT OR IGNORE INTO keychain_entries (account, profile_id) VALUES (?, ?)',
      remove: 'DELETE FROM keychain_entries WHERE account = ?',
      orphans: 'SELECT account FROM keychain_entries WHERE profile_id NOT IN (SELECT id FROM profiles)',
    });
  }

  add(account: string, profileId: string): void {
    this.stmts.add.run(account, profileId);
  }

  remove(account: string): void {
    this.stmts.remove.run(account);
  }

  /** Accounts whose profile row no longer exists. */
  orphans(): string[] {
    return (this.stmts.orphans.all() as { account: string }[]).map((r) => r.account);
  }
}
