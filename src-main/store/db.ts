import { chmodSync, closeSync, existsSync, mkdirSync, openSync, renameSync } from 'node:fs';
import { dirname } from 'node:path';
import BetterSqlite3, { type Database } from 'better-sqlite3';
import { AppError } from '../../src-shared/errors';
import { migrate } from './migrations';

/** A database that could be opened, and the path a corrupt predecessor was moved to, if any. */
export interface OpenedDatabase {
  db: Database;
  /** Where an unreadable database was kept aside before a clean one was started. */
  movedAside?: string;
}

const CORRUPT = /SQLITE_CORRUPT|SQLITE_NOTADB|file is not a database|malformed|integrity check failed/i;

/**
 * Opens (creating if needed: the data dir 0700, the files 0600) the SQLite database at `file` in WAL mode with a
 * 5 s busy timeout, narrows the modes of existing files to 0600, checks its
 * integrity (`quick_check`) and applies pending migrations. A corrupt file is kept aside as
 * `<file>.corrupt-<time>` (with its -wal / -shm) and a clean database is started (docs/security.md, "Hostile input").
 * Throws AppError('database') when the file cannot be opened for another reason (permissions, disk full,
 * locked past the busy timeout) or a migration fails.
 */
export function openDatabase(file: string, now: () => Date = () => new Date()): OpenedDatabase {
  try {
    return { db: open(file) };
  } catch (err) {
    const message = (err as Error).message ?? String(err);
    if (!CORRUPT.test(`${(err as { code?: string }).code ?? ''} ${message}`)) throw asAppError(file, err);
    const aside = `${file}.corrupt-${now().toISOString().replace(/[:.]/g, '-')}`;
    for (const suffix of ['', '-wal', '-shm']) if (existsSync(file + suffix)) renameSync(file + suffix, aside + suffix);
    try {
      return { db: open(file), movedAside: aside };
    } catch (again) {
      throw asAppError(file, again);
    }
  }
}

function open(file: string): Database {
  let db: Database | undefined;
  try {
    const dir = dirname(file);
    if (mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR }) !== undefined) chmodSync(dir, PRIVATE_DIR);
    // Created 0600 before SQLite opens it: SQLite gives the -wal and -shm it creates the database's mode.
    closeSync(openSync(file, 'a', PRIVATE_FILE));
    db = new BetterSqlite3(file);
    db.pragma('busy_timeout = 5000');
    db.pragma('journal_mode = WAL');
    // In WAL mode NORMAL keeps the database consistent through a crash or power loss and syncs at checkpoints,
    // not at every commit: a Test's run costs no fsync of its own (a power loss may lose the last commits).
    db.pragma('synchronous = NORMAL');
    restrictModes(file);
    db.pragma('foreign_keys = ON');
    // Deleted content is overwritten, so a value moved out (a migration, pending-secrets.ts) leaves no copy.
    db.pragma('secure_delete = ON');
    const check = db.pragma('quick_check', { simple: true });
    if (check !== 'ok') throw new Error(`integrity check failed: ${String(check)}`);
    migrate(db);
    return db;
  } catch (err) {
    db?.close();
    throw err;
  }
}

/** Owner-only modes of the data dir and of the database files (docs/security.md, "Where each secret lives"). */
const PRIVATE_DIR = 0o700;
const PRIVATE_FILE = 0o600;

/** Narrows the database, its -wal and its -shm to 0600 (files from older versions were created 0644). */
function restrictModes(file: string): void {
  if (process.platform === 'win32') return;
  for (const suffix of ['', '-wal', '-shm']) if (existsSync(file + suffix)) chmodSync(file + suffix, PRIVATE_FILE);
}

function asAppError(file: string, err: unknown): AppError {
  if (err instanceof AppError) return err;
  const e = err as { code?: string; message?: string };
  if (e.code === 'SQLITE_FULL') return new AppError('database', `The disk is full: cannot write the database ${file}`);
  if (e.code === 'SQLITE_BUSY')
    return new AppError('database', `The database ${file} is locked by another Authbench process`);
  return new AppError('database', `Cannot open the database ${file}: ${e.message ?? String(err)}`);
}
