import type { Database, Statement } from 'better-sqlite3';
import type { TestRun } from '../../src-shared/test-run';

/** How many runs of one profile the history keeps (docs/security.md, "Hostile input"): older ones are deleted. */
export const RUNS_KEPT_PER_PROFILE = 50;

/** Stored Test runs. Only redacted runs reach here (the test runner redacts before saving). */
export class RunsRepo {
  private readonly insertStmt: Statement;
  private readonly pruneStmt: Statement;
  private readonly latestStmt: Statement;
  private readonly byIdStmt: Statement;
  private readonly insertAndPrune: (run: TestRun) => void;

  /** `keep`: the number of newest runs kept per profile (default RUNS_KEPT_PER_PROFILE). */
  constructor(db: Database, keep = RUNS_KEPT_PER_PROFILE) {
    this.insertStmt = db.prepare(
      'INSERT INTO test_runs (id, profile_id, started_at, ok, error_code, oauth_error, duration_ms, data) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    );
    this.pruneStmt = db.prepare(`
      DELETE FROM test_runs WHERE profile_id = @profileId AND rowid NOT IN (
        SELECT rowid FROM test_runs WHERE profile_id = @profileId ORDER BY started_at DESC, rowid DESC LIMIT @keep)`);
    this.latestStmt = db.prepare('SELECT data FROM test_runs WHERE profile_id = ? ORDER BY started_at DESC LIMIT ?');
    this.byIdStmt = db.prepare('SELECT data FROM test_runs WHERE id = ?');
    this.insertAndPrune = db.transaction((run: TestRun) => {
      const { error } = run;
      const durationMs = Math.round(Number.isFinite(run.durationMs) ? run.durationMs : 0);
      const values = [run.ok ? 1 : 0, error?.code ?? null, error?.oauthError ?? null, durationMs];
      this.insertStmt.run(run.id, run.profileId, run.startedAt, ...values, JSON.stringify(run));
      this.pruneStmt.run({ profileId: run.profileId, keep });
    });
  }

  /** Stores `run` and, in the same transaction, deletes its profile's runs beyond the newest `keep`. */
  insert(run: TestRun): void {
    this.insertAndPrune(run);
  }

  /** One stored run, or undefined. */
  get(id: string): TestRun | undefined {
    const row = this.byIdStmt.get(id) as { data: string } | undefined;
    return row && (JSON.parse(row.data) as TestRun);
  }

  /** The newest runs of a profile, newest first. */
  latest(profileId: string, limit = 20): TestRun[] {
    return (this.latestStmt.all(profileId, limit) as { data: string }[]).map((r) => JSON.parse(r.data) as TestRun);
  }
}
