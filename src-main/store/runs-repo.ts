import type { Database, Statement } from 'better-sqlite3';
import { lazyStatements } from './lazy-statements';
import type { TestRun } from '../../src-shared/test-run';

/** How many runs of one profile the history keeps (docs/security.md, "Hostile input"): older ones are deleted. */
export const RUNS_KEPT_PER_PROFILE = 50;

/** Stored Test runs. Only redacted runs reach here (the test runner redacts before saving). */
export class RunsRepo {
  private readonly stmts: Record<'insert' | 'prune' | 'latest' | 'byId', Statement>;
  private readonly insertAndPrune: (run: TestRun) => void;

  /** `keep`: the number of newest runs kept per profile (default RUNS_KEPT_PER_PROFILE). */
  constructor(db: Database, keep = RUNS_KEPT_PER_PROFILE) {
    this.stmts = lazyStatements(db, {
      insert:
        'INSERT INTO test_runs (id, profile_id, started_at, ok, error_code, oauth_error, duration_ms, data) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
      prune: `
      DELETE FROM test_runs WHERE profile_id = @profileId AND rowid NOT IN (
        SELECT rowid FROM test_runs WHERE profile_id = @profileId ORDER BY started_at DESC, rowid DESC LIMIT @keep)`,
      latest: 'SELECT data FROM test_runs WHERE profile_id = ? ORDER BY started_at DESC LIMIT ?',
      byId: 'SELECT data FROM test_runs WHERE id = ?',
    });
    this.insertAndPrune = db.transaction((run: TestRun) => {
      const { error } = run;
      const durationMs = Math.round(Number.isFinite(run.durationMs) ? run.durationMs : 0);
      const values = [run.ok ? 1 : 0, error?.code ?? null, error?.oauthError ?? null, durationMs];
      this.stmts.insert.run(run.id, run.profileId, run.startedAt, ...values, JSON.stringify(run));
      this.stmts.prune.run({ profileId: run.profileId, keep });
    });
  }

  /** Stores `run` and, in the same transaction, deletes its profile's runs beyond the newest `keep`. */
  insert(run: TestRun): void {
    this.insertAndPrune(run);
  }

  /** One stored run, or undefined. */
  get(id: string): TestRun | undefined {
    const row = this.stmts.byId.get(id) as { data: string } | undefined;
    return row && (JSON.parse(row.data) as TestRun);
  }

  /** The newest runs of a profile, newest first. */
  latest(profileId: string, limit = 20): TestRun[] {
    return (this.stmts.latest.all(profileId, limit) as { data: string }[]).map((r) => JSON.parse(r.data) as TestRun);
  }
}
