import type { Database, Statement } from 'better-sqlite3';

/**
 * Statements by name, each prepared (better-sqlite3 `prepare`) on its first use rather than when the repository
 * is built: a CLI command prepares only the statements it runs (docs/architecture.md, "The CLI"). A bad
 * statement throws SQLite's error at that first use.
 */
export function lazyStatements<K extends string>(db: Database, sql: Readonly<Record<K, string>>): Record<K, Statement> {
  const prepared: Partial<Record<K, Statement>> = {};
  const statements = {} as Record<K, Statement>;
  for (const name of Object.keys(sql) as K[]) {
    Object.defineProperty(statements, name, {
      enumerable: true,
      get: () => (prepared[name] ??= db.prepare(sql[name])),
    });
  }
  return statements;
}
