import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate, MigrationChecksumError, MIGRATIONS } from '../../src-main/store/migrations';

describe('migrate', () => {
  it('applies every migration once and records its checksum', () => {
    const db = new BetterSqlite3(':memory:');
    expect(migrate(db)).toEqual(MIGRATIONS.map((m) => m.id));
    expect(migrate(db)).toEqual([]);
    const rows = db.prepare('SELECT id, checksum FROM schema_migrations').all() as { id: number; checksum: string }[];
    expect(rows.map((r) => r.id)).toEqual(MIGRATIONS.map((m) => m.id));
    expect(rows[0]!.checksum).toMatch(/^[0-9a-f]{64}$/);
  });

  it('fails loudly when an applied migration was edited', () => {
    const db = new BetterSqlite3(':memory:');
    migrate(db);
    const edited = MIGRATIONS.map((m) => (m.id === 1 ? { ...m, sql: `${m.sql}\n-- edited` } : m));
    expect(() => migrate(db, edited)).toThrow(MigrationChecksumError);
  });

  it('rolls back a failing migration whole', () => {
    const db = new BetterSqlite3(':memory:');
    migrate(db);
    const broken = [
      ...MIGRATIONS,
      { id: 99, name: 'broken', sql: 'CREATE TABLE half (x INTEGER); SELECT * FROM missing_table;' },
    ];
    expect(() => migrate(db, broken)).toThrow(/missing_table/);
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 'half'").get()).toBeUndefined();
    expect(db.prepare('SELECT id FROM schema_migrations WHERE id = 99').get()).toBeUndefined();
  });
});
