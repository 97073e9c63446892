/**
 * Crash safety (docs/architecture.md, "Data model"): a child process (test/helpers/crash-child.ts) saves,
 * imports and deletes profiles with secrets on one data dir and the real keychain, and is SIGKILLed at a
 * random moment, 200 times. After each kill the SQLite file passes `PRAGMA integrity_check` and every
 * profile row parses with the shared schema (no half-saved profile); after the last, `reconcile` leaves no
 * keychain entry without its profile, and a profile whose secret is missing is reported not configured.
 */
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { isAbsolute, join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { build } from 'rolldown';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { profileInput } from '../../src-shared/profile';
import { createContext } from '../../src-main/context';
import { clearKeychainService } from '../helpers/context';

const KILLS = Number(process.env.AUTHBENCH_CRASH_KILLS ?? 200);
const ROOT = resolve(__dirname, '../..');
const bundleDir = join(ROOT, 'node_modules/.cache', `crash-child-${randomUUID()}`);
const keychainService = `authbench-crash-${randomUUID()}`;
let dataDir: string;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'authbench-crash-'));
  // Bundled so plain node runs it; packages (better-sqlite3, keytar, zod...) stay in node_modules.
  await build({
    input: join(ROOT, 'test/helpers/crash-child.ts'),
    platform: 'node',
    external: (id) => !id.startsWith('.') && !isAbsolute(id) && !id.startsWith('\0'),
    output: { dir: bundleDir, format: 'esm', entryFileNames: 'crash-child.mjs' },
    logLevel: 'silent',
  });
});
afterAll(async () => {
  await clearKeychainService(keychainService);
  rmSync(bundleDir, { recursive: true, force: true });
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

interface Child {
  /** Lets the loaded child open the context; resolves when it is working. */
  start(): Promise<void>;
  /** SIGKILLs it; resolves with what it wrote on stderr, rejects when it had exited by itself. */
  kill(): Promise<string>;
}

/** Spawns a child and resolves once it has loaded its modules (it then waits for `start`). */
function spawnChild(): Promise<Child> {
  const child = spawn(process.execPath, [join(bundleDir, 'crash-child.mjs')], {
    env: {
      ...process.env,
      AUTHBENCH_DATA_DIR: dataDir,
      AUTHBENCH_KEYCHAIN_SERVICE: keychainService,
      NODE_COMPILE_CACHE: join(bundleDir, 'compile-cache'),
    },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stderr = '';
  let out = '';
  child.stderr!.on('data', (c) => (stderr += c));
  const exited = new Promise<string>((done, fail) =>
    child.on('exit', (code, signal) =>
      signal === 'SIGKILL' ? done(stderr) : fail(new Error(`the child exited by itself (${code}): ${stderr}`)),
    ),
  );
  const line = (word: string) =>
    new Promise<void>((done, fail) => {
      const onData = (c: Buffer) => {
        out += c.toString();
        if (out.includes(`${word}\n`)) done(void child.stdout!.off('data', onData));
      };
      child.stdout!.on('data', onData);
      exited.then(() => fail(new Error(`killed before ${word}`)), fail);
    });
  const loaded = line('loaded');
  return loaded.then(() => ({
    start: () => {
      const ready = line('ready');
      child.stdin!.write('go\n');
      return ready;
    },
    kill: () => (child.kill('SIGKILL'), exited),
  }));
}

/** What a restart sees: the database is intact and every profile row is a whole, valid profile. */
function checkDatabase(): string {
  const db = new Database(join(dataDir, 'authbench.db'));
  try {
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    const rows = db.prepare('SELECT * FROM profiles ORDER BY id').all() as Record<string, string>[];
    for (const row of rows) {
      const profile = profileInput.parse(JSON.parse(row.data!));
      expect([profile.name, profile.grantType]).toEqual([row.name, row.grant_type]);
    }
    return JSON.stringify([rows, db.prepare('SELECT * FROM keychain_entries ORDER BY account').all()]);
  } finally {
    db.close();
  }
}

describe('crash safety', () => {
  it(`survives ${KILLS} SIGKILLs at random moments of saves, imports and deletes`, async () => {
    let changed = 0;
    let previous = '';
    // The next children load their modules while the current one works: only one at a time touches the data.
    const queue = [spawnChild(), spawnChild()];
    for (let i = 0; i < KILLS; i++) {
      const child = await queue.shift()!;
      await child.start();
      queue.push(spawnChild());
      const workMs = 20 + Math.floor(Math.random() * 131);
      await new Promise((resolve) => setTimeout(resolve, workMs));
      expect(await child.kill(), `kill ${i} after ${workMs} ms`).toBe('');
      const state = checkDatabase();
      if (state !== previous) changed++;
      previous = state;
    }
    for (const queued of queue) await (await queued).kill();
    // Not vacuous: the child got real work done before many kills (the ledger row comes first, then the keychain
    // write, then the profile row). Loose, because a loaded machine slows the child down.
    expect(changed).toBeGreaterThan(KILLS / 10);

    const ctx = createContext({ dataDir, keychainService });
    try {
      await ctx.profiles.reconcile();
      const ids = new Set(ctx.profiles.ids());
      const accounts = await ctx.secrets.listAccounts();
      const orphans = accounts.filter((a) => !ids.has(a.slice(0, a.indexOf('/'))));
      expect(orphans, 'keychain entries without a profile').toEqual([]);
      expect(await ctx.profiles.reconcile()).toEqual([]);
      // Every whole row the last kill left is listed (the random work may, rarely, have deleted them all).
      const profiles = await ctx.profiles.list();
      expect(profiles.length).toBe((JSON.parse(previous) as [unknown[], unknown[]])[0].length);
      for (const p of profiles) {
        const hasSecret = accounts.includes(`${p.id}/clientSecret`);
        expect(p.status, p.name).toBe(hasSecret ? 'configured' : 'not_configured');
      }
    } finally {
      ctx.close();
    }
  }, 420_000);
});
