import type { Database, Statement } from 'better-sqlite3';
import type { TestRun } from '../../src-shared/test-run';

/** Stored Test runs. Only redacted runs reach here (the test runner redacts before saving). */
export class RunsRepo {
  private readonly insertStmt: Statement;
  private readonly latestStmt: Statement;
  private readonly byIdStmt: Statement;

  constructor(db: Database) {
    this.insertStmt = db.prepare('INSERT INTO test_runs (id, profile_id, started_at, ok, data) VALUES (?, ?, ?, ?, ?)');
    this.latestStmt = db.prepare('SELECT data FROM test_runs WHERE profile_id = ? ORDER BY started_at DESC LIMIT ?');
    this.byIdStmt = db.prepare('SELECT data FROM test_runs WHERE id = ?');
  }

  insert(run: TestRun): void {
    this.insertStmt.run(run.id, run.profileId, run.startedAt, run.ok ? 1 : 0, JSON.stringify(run));
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
