/**
 * Figure 4 (docs/architecture.md, "Benchmarks"): the profile store with 10,000 profiles — open + migrate
 * (store/db.ts openDatabase: WAL, quick_check, migrations), the list (ProfilesRepo.listSummaries), a lookup by
 * name (what `authbench test NAME` does) and a save (ProfilesRepo.update) — each beside the nearest plain
 * better-sqlite3 statement on the same file.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3, { type Database } from 'better-sqlite3';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { databasePath } from '../src-main/paths';
import { openDatabase } from '../src-main/store/db';
import { ProfilesRepo } from '../src-main/store/profiles-repo';
import { profileInput } from '../src-shared/profile';
import { atMost, figure, recordFigures, type Figure } from './figures';
import { sampleRounds } from './measure';
import { ccProfile, seedProfiles, seededName } from './seed';

const COUNT = 10_000;
const dataDir = mkdtempSync(join(tmpdir(), 'authbench-bench-store-'));
const file = databasePath(dataDir);
let db: Database;
let ids: string[];

beforeAll(() => {
  db = openDatabase(file).db;
  ids = seedProfiles(db, COUNT);
}, 120_000);

afterAll(() => {
  db?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

test(`storage with ${COUNT} profiles`, async () => {
  const section = `4. Storage, ${COUNT.toLocaleString('en')} profiles`;
  const figures: Figure[] = [];

  const [open, rawOpen] = await sampleRounds(20, [
    () => openDatabase(file).db.close(),
    () => {
      const raw = new BetterSqlite3(file);
      raw.pragma('journal_mode = WAL');
      raw.close();
    },
  ]);
  figures.push(
    figure({
      section,
      name: 'open + migrate (openDatabase)',
      unit: 'ms',
      samples: open!,
      baseline: { name: 'new Database(file) + WAL pragma', samples: rawOpen! },
      budgets: (v) => [atMost(v, 50, 'ms')],
    }),
  );

  const repo = new ProfilesRepo(db, profileInput.parse);
  expect(repo.listSummaries()).toHaveLength(COUNT);
  const rawList = db.prepare('SELECT id, name, grant_type, data FROM profiles ORDER BY name COLLATE NOCASE');
  const [list, rawListed] = await sampleRounds(30, [() => repo.listSummaries(), () => rawList.all()]);
  figures.push(
    figure({
      section,
      name: 'list (ProfilesRepo.listSummaries)',
      unit: 'ms',
      samples: list!,
      baseline: { name: 'SELECT every row ORDER BY name', samples: rawListed! },
      budgets: (v) => [atMost(v, 25, 'ms')],
      note: 'the list also reads each profile’s newest run and token expiry (none here)',
    }),
  );

  const byName = db.prepare('SELECT * FROM profiles WHERE name = ?');
  let n = 0;
  const name = () => seededName((n++ * 7919) % COUNT);
  expect(repo.getByName(seededName(1234))?.id).toBe(ids[1234]);
  const [search, rawSearch] = await sampleRounds(500, [() => repo.getByName(name()), () => byName.get(name())]);
  figures.push(
    figure({
      section,
      name: 'search by name (ProfilesRepo.getByName)',
      unit: 'ms',
      samples: search!,
      baseline: { name: 'SELECT * WHERE name = ? (same query, no parse)', samples: rawSearch! },
      budgets: (v) => [atMost(v, 10, 'ms')],
    }),
  );

  const update = db.prepare('UPDATE profiles SET data = ?, updated_at = ? WHERE id = ?');
  let k = 0;
  const edit = () => {
    const i = (k++ * 7919) % COUNT;
    return { i, profile: ccProfile(seededName(i), 'https://idp.example.com/token', { description: `edit ${k}` }) };
  };
  const [save, rawSave] = await sampleRounds(300, [
    () => {
      const { i, profile } = edit();
      repo.update(ids[i]!, profile, new Date().toISOString());
    },
    () => {
      const { i, profile } = edit();
      update.run(JSON.stringify(profile), new Date().toISOString(), ids[i]);
    },
  ]);
  expect(repo.get(ids[0]!)?.profile.description).toMatch(/^edit /);
  figures.push(
    figure({
      section,
      name: 'save one profile (ProfilesRepo.update)',
      unit: 'ms',
      samples: save!,
      baseline: { name: 'UPDATE profiles SET data WHERE id = ?', samples: rawSave! },
      budgets: (v) => [atMost(v, 2, 'ms')],
      note: 'both build and serialise the same edited profile; the database is in WAL mode with secure_delete',
    }),
  );
  recordFigures('4-storage', figures);
}, 300_000);
