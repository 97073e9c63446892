/** A corrupt or unreadable database file: kept aside, a clean one started, the user told. */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { AppError } from '../../src-shared/errors';
import { openDatabase } from '../../src-main/store/db';

describe('openDatabase', () => {
  const dirs: string[] = [];
  const tempDir = () => {
    const d = mkdtempSync(join(tmpdir(), 'authbench-db-'));
    dirs.push(d);
    return d;
  };
  afterEach(() => {
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });

  it('keeps a file that is not a database aside and starts clean', () => {
    const dir = tempDir();
    const file = join(dir, 'authbench.db');
    writeFileSync(file, 'this is not SQLite, just some bytes '.repeat(200));
    const { db, movedAside } = openDatabase(file, () => new Date('2026-01-02T03:04:05Z'));
    try {
      expect(movedAside).toBe(`${file}.corrupt-2026-01-02T03-04-05-000Z`);
      expect(readFileSync(movedAside!, 'utf8')).toContain('this is not SQLite');
      expect(db.prepare('SELECT count(*) AS n FROM profiles').get()).toEqual({ n: 0 });
    } finally {
      db.close();
    }
  });

  it('keeps a database with a damaged page aside', () => {
    const dir = tempDir();
    const file = join(dir, 'authbench.db');
    const first = openDatabase(file).db;
    first.exec("INSERT INTO profiles VALUES ('a', 'a', 'client_credentials', '{}', 'x', 'x')");
    first.pragma('wal_checkpoint(TRUNCATE)');
    first.close();
    const bytes = readFileSync(file);
    bytes.fill(0xff, 4096, 8192); // overwrite the second page
    writeFileSync(file, bytes);
    const { db, movedAside } = openDatabase(file, () => new Date('2026-03-04T05:06:07Z'));
    db.close();
    expect(movedAside).toBe(`${file}.corrupt-2026-03-04T05-06-07-000Z`);
    expect(readdirSync(dir).some((f) => f.includes('.corrupt-'))).toBe(true);
  });

  it('does not move a healthy database', () => {
    const file = join(tempDir(), 'authbench.db');
    openDatabase(file).db.close();
    const again = openDatabase(file);
    again.db.close();
    expect(again.movedAside).toBeUndefined();
    expect(existsSync(file)).toBe(true);
  });

  it('reports a data dir it cannot create as a database error, moving nothing', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'not-a-dir'), 'x');
    const attempt = () => openDatabase(join(dir, 'not-a-dir', 'authbench.db'));
    expect(attempt).toThrow(AppError);
    expect(attempt).toThrow(/Cannot open the database/);
    expect(readdirSync(dir)).toEqual(['not-a-dir']);
  });
});
