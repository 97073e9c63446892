/**
 * Run history is bounded (docs/security.md, "Hostile input"): inserting a run keeps only the newest runs of
 * its profile (50 by default) in a real SQLite file, in the same transaction; other profiles are untouched.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Database } from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TestRun } from '../../src-shared/test-run';
import { openDatabase } from '../../src-main/store/db';
import { RUNS_KEPT_PER_PROFILE, RunsRepo } from '../../src-main/store/runs-repo';

describe('RunsRepo history limit', () => {
  let dir: string;
  let db: Database;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'authbench-runs-'));
    db = openDatabase(join(dir, 'authbench.db')).db;
    for (const id of ['a', 'b']) {
      db.prepare("INSERT INTO profiles VALUES (?, ?, 'client_credentials', '{}', 'x', 'x')").run(id, id);
    }
  });
  afterEach(() => {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const run = (profileId: string, i: number): TestRun =>
    ({
      id: `${profileId}-${i}`,
      profileId,
      profile: profileId,
      startedAt: new Date(Date.UTC(2026, 0, 1, 0, 0, i)).toISOString(),
      ok: true,
    }) as unknown as TestRun;
  const count = (profileId: string) =>
    (db.prepare('SELECT count(*) AS n FROM test_runs WHERE profile_id = ?').get(profileId) as { n: number }).n;

  it('keeps the newest 50 runs of a profile and drops the older ones as new runs arrive', () => {
    expect(RUNS_KEPT_PER_PROFILE).toBe(50);
    const repo = new RunsRepo(db);
    for (let i = 0; i < 57; i++) repo.insert(run('a', i));
    for (let i = 0; i < 3; i++) repo.insert(run('b', i));
    expect(count('a')).toBe(50);
    expect(count('b')).toBe(3);
    expect(repo.get('a-6')).toBeUndefined();
    expect(repo.get('a-7')?.id).toBe('a-7');
    expect(repo.latest('a', 100).map((r) => r.id)).toEqual(Array.from({ length: 50 }, (_, k) => `a-${56 - k}`));
  });

  it('takes another limit, and an insert that fails prunes nothing', () => {
    const repo = new RunsRepo(db, 2);
    for (let i = 0; i < 4; i++) repo.insert(run('a', i));
    expect(repo.latest('a', 10).map((r) => r.id)).toEqual(['a-3', 'a-2']);
    expect(() => repo.insert(run('a', 3))).toThrow(/UNIQUE/);
    expect(repo.latest('a', 10).map((r) => r.id)).toEqual(['a-3', 'a-2']);
  });
});
