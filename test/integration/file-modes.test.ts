/**
 * File modes (docs/security.md, "Where each secret lives"): the data dir is created 0700; the database and
 * its -wal / -shm are 0600, even when they existed with a wider mode; a HAR file is 0600 also when it
 * overwrites an existing file. Checked on real files with fs.statSync.
 */
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { TestRun } from '../../src-shared/test-run';
import { openDatabase } from '../../src-main/store/db';
import { writeHarFile } from '../../src-main/services/runs';

const mode = (path: string) => statSync(path).mode & 0o777;

describe.skipIf(process.platform === 'win32')('file modes', () => {
  const dirs: string[] = [];
  const tempDir = () => {
    const d = mkdtempSync(join(tmpdir(), 'authbench-modes-'));
    dirs.push(d);
    return d;
  };
  afterEach(() => {
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });

  it('creates the data dir 0700 and the database, -wal and -shm 0600', () => {
    const dataDir = join(tempDir(), 'nested', 'authbench');
    const file = join(dataDir, 'authbench.db');
    const { db } = openDatabase(file);
    try {
      db.exec("INSERT INTO profiles VALUES ('a', 'a', 'client_credentials', '{}', 'x', 'x')");
      expect(mode(dataDir)).toBe(0o700);
      for (const suffix of ['', '-wal', '-shm']) {
        expect(existsSync(file + suffix)).toBe(true);
        expect([suffix, mode(file + suffix)]).toEqual([suffix, 0o600]);
      }
    } finally {
      db.close();
    }
  });

  it('narrows an existing database and its -wal / -shm to 0600 when it opens them', () => {
    const file = join(tempDir(), 'authbench.db');
    const first = openDatabase(file).db;
    first.exec("INSERT INTO profiles VALUES ('a', 'a', 'client_credentials', '{}', 'x', 'x')");
    for (const suffix of ['', '-wal', '-shm']) chmodSync(file + suffix, 0o644);
    const { db } = openDatabase(file);
    try {
      for (const suffix of ['', '-wal', '-shm']) expect([suffix, mode(file + suffix)]).toEqual([suffix, 0o600]);
    } finally {
      db.close();
      first.close();
    }
  });

  it('writes a HAR file 0600, also over an existing file with a wider mode', async () => {
    const run = {
      id: 'r1',
      ok: true,
      profile: 'p',
      profileId: 'p1',
      grantType: 'client_credentials',
      startedAt: '2026-01-01T00:00:00.000Z',
      durationMs: 1,
      exchanges: [],
    } satisfies TestRun;
    const fresh = join(tempDir(), 'fresh.har');
    await writeHarFile(run, fresh);
    expect(mode(fresh)).toBe(0o600);
    const existing = join(tempDir(), 'existing.har');
    writeFileSync(existing, 'old content that is longer than nothing');
    chmodSync(existing, 0o644);
    await writeHarFile(run, existing);
    expect(mode(existing)).toBe(0o600);
    expect(JSON.parse(readFileSync(existing, 'utf8'))).toMatchObject({ log: { version: '1.2' } });
  });
});
