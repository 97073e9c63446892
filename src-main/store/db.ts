import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import BetterSqlite3, { type Database } from 'better-sqlite3';
import { AppError } from '../../src-shared/errors';
import { migrate } from './migrations';

/**
 * Opens (creating if needed) the SQLite database at `file` in WAL mode with a 5 s busy timeout,
 * checks its integrity and applies pending migrations.
 * Throws AppError('database') when the file cannot be opened, is corrupt, or a migration fails.
 */
export function openDatabase(file: string): Database {
  let db: Database | undefined;
  try {
    mkdirSync(dirname(file), { recursive: true });
    db = new BetterSqlite3(file);
    db.pragma('busy_timeout = 5000');
    db.pragma('journal_mode = WAL');
    db.pragma('foreign_keys = ON');
    const check = db.pragma('quick_check', { simple: true });
    if (check !== 'ok') throw new Error(`integrity check failed: ${String(check)}`);
    migrate(db);
    return db;
  } catch (err) {
    db?.close();
    if (err instanceof AppError) throw err;
    throw new AppError('database', `Cannot open the database ${file}: ${(err as Error).message}`);
  }
}
