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

  it('3 moves PFX certificates out of the profile rows into pending_secrets, with their ledger rows', () => {
    const db = new BetterSqlite3(':memory:');
    migrate(db, MIGRATIONS.slice(0, 2));
    const insert = db.prepare("INSERT INTO profiles VALUES (?, ?, 'client_credentials', ?, 'x', 'x')");
    const cert = (format: string, certificate: string) =>
      JSON.stringify({ name: 'n', clientCertificate: { enabled: true, format, certificate } });
    insert.run('pfx', 'pfx', cert('pfx', 'UEZYLWJhc2U2NA=='));
    insert.run('pem', 'pem', cert('pem', '-----BEGIN CERTIFICATE-----'));
    insert.run('empty', 'empty', cert('pfx', ' '));
    insert.run('none', 'none', JSON.stringify({ name: 'none' }));
    expect(migrate(db, MIGRATIONS.slice(0, 3))).toEqual([3]);
    const certificate = (id: string) =>
      (
        db.prepare("SELECT json_extract(data, '$.clientCertificate') AS c FROM profiles WHERE id = ?").get(id) as {
          c: string | null;
        }
      ).c;
    expect(certificate('pfx')).toBe('{"enabled":true,"format":"pfx","certificate":""}');
    expect(certificate('empty')).toBe('{"enabled":true,"format":"pfx","certificate":""}');
    expect(certificate('pem')).toBe('{"enabled":true,"format":"pem","certificate":"-----BEGIN CERTIFICATE-----"}');
    expect(certificate('none')).toBeNull();
    expect(db.prepare('SELECT * FROM pending_secrets').all()).toEqual([
      { profile_id: 'pfx', field: 'clientPfx', value: 'UEZYLWJhc2U2NA==' },
    ]);
    expect(db.prepare('SELECT * FROM keychain_entries').all()).toEqual([
      { account: 'pfx/clientPfx', profile_id: 'pfx' },
    ]);
  });

  it('4 adds the run outcome columns, filled from the stored run bodies', () => {
    const db = new BetterSqlite3(':memory:');
    migrate(db, MIGRATIONS.slice(0, 3));
    db.prepare("INSERT INTO profiles VALUES ('p', 'p', 'client_credentials', '{}', 'x', 'x')").run();
    const insert = db.prepare("INSERT INTO test_runs VALUES (?, 'p', '2026-12-01T10:00:00.000Z', ?, ?)");
    insert.run('passed', 1, JSON.stringify({ ok: true, durationMs: 120 }));
    const refused = { code: 'oauth_error', message: 'refused', oauthError: 'invalid_client' };
    insert.run('refused', 0, JSON.stringify({ ok: false, durationMs: 35.6, error: refused }));
    insert.run(
      'cancelled',
      0,
      JSON.stringify({ ok: false, durationMs: 9, error: { code: 'cancelled', message: 'x' } }),
    );
    insert.run('corrupt', 0, 'not json');
    expect(migrate(db, MIGRATIONS.slice(0, 4))).toEqual([4]);
    const rows = db.prepare('SELECT id, ok, error_code, oauth_error, duration_ms FROM test_runs ORDER BY id').all();
    expect(rows).toEqual([
      { id: 'cancelled', ok: 0, error_code: 'cancelled', oauth_error: null, duration_ms: 9 },
      { id: 'corrupt', ok: 0, error_code: null, oauth_error: null, duration_ms: 0 },
      { id: 'passed', ok: 1, error_code: null, oauth_error: null, duration_ms: 120 },
      { id: 'refused', ok: 0, error_code: 'oauth_error', oauth_error: 'invalid_client', duration_ms: 35 },
    ]);
    const index = db.prepare("SELECT sql FROM sqlite_master WHERE name = 'test_runs_outcome'").get() as { sql: string };
    expect(index.sql).toMatch(/ON test_runs\(profile_id, started_at, ok, error_code, oauth_error, duration_ms\)/);
  });
});

describe('migration 5: token expiry metadata and settings', () => {
  it('adds token_expiry (cascading with its profile, following the token ledger row) and settings', () => {
    const db = new BetterSqlite3(':memory:');
    db.pragma('foreign_keys = ON');
    migrate(db, MIGRATIONS.slice(0, 4));
    db.prepare("INSERT INTO profiles VALUES ('p', 'p', 'client_credentials', '{}', 'x', 'x')").run();
    db.prepare("INSERT INTO profiles VALUES ('q', 'q', 'client_credentials', '{}', 'x', 'x')").run();
    expect(migrate(db, MIGRATIONS.slice(0, 5))).toEqual([5]);
    const put = db.prepare(
      "INSERT INTO token_expiry (profile_id, refresh_expires_at, has_refresh_token, usable) VALUES (?, '2027-01-01T00:00:00.000Z', 1, 1)",
    );
    const ledger = db.prepare("INSERT INTO keychain_entries VALUES (? || '/token', ?)");
    for (const id of ['p', 'q']) {
      put.run(id);
      ledger.run(id, id);
    }
    const ids = () =>
      (db.prepare('SELECT profile_id FROM token_expiry ORDER BY 1').all() as { profile_id: string }[]).map(
        (r) => r.profile_id,
      );
    expect(ids()).toEqual(['p', 'q']);
    // Another entry of p going leaves its row; its token's ledger row going takes it.
    db.prepare("INSERT INTO keychain_entries VALUES ('p/clientSecret', 'p')").run();
    db.prepare("DELETE FROM keychain_entries WHERE account = 'p/clientSecret'").run();
    expect(ids()).toEqual(['p', 'q']);
    db.prepare("DELETE FROM keychain_entries WHERE account = 'p/token'").run();
    expect(ids()).toEqual(['q']);
    db.prepare("DELETE FROM profiles WHERE id = 'q'").run();
    expect(ids()).toEqual([]);
    expect(() => put.run('missing')).toThrow(/FOREIGN KEY/);
    db.prepare("INSERT INTO settings VALUES ('expiryWarningHours', '48')").run();
    expect(db.prepare('SELECT * FROM settings').all()).toEqual([{ key: 'expiryWarningHours', value: '48' }]);
  });
});

describe('migration 6: the keychain ledger confirms each write', () => {
  it('adds `written`, taking the rows of an existing database as written; new rows start unconfirmed', () => {
    const db = new BetterSqlite3(':memory:');
    migrate(db, MIGRATIONS.slice(0, 5));
    db.prepare("INSERT INTO profiles VALUES ('p', 'p', 'client_credentials', '{}', 'x', 'x')").run();
    db.prepare("INSERT INTO keychain_entries VALUES ('p/clientSecret', 'p'), ('p/token', 'p')").run();
    expect(migrate(db)).toEqual([6]);
    expect(db.prepare('SELECT * FROM keychain_entries ORDER BY account').all()).toEqual([
      { account: 'p/clientSecret', profile_id: 'p', written: 1 },
      { account: 'p/token', profile_id: 'p', written: 1 },
    ]);
    db.prepare("INSERT INTO keychain_entries (account, profile_id) VALUES ('p/password', 'p')").run();
    expect(db.prepare("SELECT written FROM keychain_entries WHERE account = 'p/password'").get()).toEqual({
      written: 0,
    });
  });
});
