/**
 * The `settings` table (migration 5): app settings as JSON values by key. A missing or invalid value reads as
 * its default (src-shared/token-expiry.ts, DEFAULT_SETTINGS), so a hand-edited row never stops the app.
 */
import type { Database, Statement } from 'better-sqlite3';
import { lazyStatements } from './lazy-statements';
import { appSettings, DEFAULT_SETTINGS, type AppSettings } from '../../src-shared/token-expiry';

/** Reads and writes the app settings. */
export class SettingsRepo {
  private readonly stmts: Record<'all' | 'put', Statement>;

  constructor(private readonly db: Database) {
    this.stmts = lazyStatements(db, {
      all: 'SELECT key, value FROM settings',
      put: 'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
    });
  }

  /** Every setting: the stored value where it is valid, else the default. */
  get(): AppSettings {
    const settings: Record<string, unknown> = { ...DEFAULT_SETTINGS };
    for (const { key, value } of this.stmts.all.all() as { key: string; value: string }[]) {
      if (!(key in DEFAULT_SETTINGS)) continue;
      try {
        const parsed = appSettings.shape[key as keyof AppSettings].safeParse(JSON.parse(value));
        if (parsed.success) settings[key] = parsed.data;
      } catch {
        // Not JSON: the default stands.
      }
    }
    return settings as AppSettings;
  }

  /** Stores the given settings (validated by the caller) in one transaction and returns them all. */
  update(patch: Partial<AppSettings>): AppSettings {
    this.db.transaction(() => {
      for (const [key, value] of Object.entries(patch)) {
        if (value !== undefined) this.stmts.put.run(key, JSON.stringify(value));
      }
    })();
    return this.get();
  }
}
