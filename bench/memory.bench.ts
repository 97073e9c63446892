/**
 * Figure 6 (docs/architecture.md, "Benchmarks"): the resident memory (RSS) of the app's main process with
 * 10,000 profiles loaded — the services and IPC router of src-main/context.ts in a plain Node process
 * (bench/main-process.ts, bundled by rolldown with its packages external, as electron-vite builds main),
 * after serving the list once — beside the RSS of a bare Node process.
 */
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { isAbsolute, join } from 'node:path';
import { build } from 'rolldown';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { createContext } from '../src-main/context';
import { clearKeychainService } from '../test/helpers/context';
import { atMost, figure, recordFigures } from './figures';
import { sampleRounds } from './measure';
import { seedProfiles } from './seed';

const COUNT = 10_000;
const RUNS = 7;
const MB = 2 ** 20;
const OUT = join(__dirname, '../node_modules/.cache/authbench-bench');
const service = `authbench-bench-${randomUUID()}`;
const dataDir = mkdtempSync(join(tmpdir(), 'authbench-bench-rss-'));

beforeAll(async () => {
  await build({
    input: join(__dirname, 'main-process.ts'),
    platform: 'node',
    external: (id) => !id.startsWith('.') && !isAbsolute(id) && !id.startsWith('\0'),
    output: { dir: OUT, format: 'esm', entryFileNames: '[name].mjs' },
    logLevel: 'silent',
  });
  const ctx = createContext({ dataDir, keychainService: service });
  seedProfiles(ctx.db, COUNT);
  ctx.close();
}, 120_000);

afterAll(async () => {
  await clearKeychainService(service);
  rmSync(dataDir, { recursive: true, force: true });
});

/** Runs node with `args` and returns the JSON it printed on stdout. */
function nodeJson(args: string[]): Promise<{ rss: number; profiles?: number }> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (c) => (out += c));
    child.stderr.on('data', (c) => (err += c));
    child.on('error', fail);
    child.on('close', (code) => (code === 0 ? done(JSON.parse(out)) : fail(new Error(`node exited ${code}: ${err}`))));
  });
}

test(`main-process RSS with ${COUNT} profiles`, async () => {
  const main: number[] = [];
  const bare: number[] = [];
  await sampleRounds(
    RUNS,
    [
      async () => {
        const res = await nodeJson([join(OUT, 'main-process.mjs'), dataDir, service]);
        expect(res.profiles).toBe(COUNT);
        main.push(res.rss / MB);
      },
      async () =>
        bare.push((await nodeJson(['-e', 'process.stdout.write(JSON.stringify(process.memoryUsage()))'])).rss / MB),
    ],
    1,
  );
  recordFigures('6-memory', [
    figure({
      section: '6. Memory',
      name: `main-process RSS, ${COUNT.toLocaleString('en')} profiles listed`,
      unit: 'MB',
      samples: main.slice(-RUNS),
      baseline: { name: 'bare Node process', samples: bare.slice(-RUNS) },
      budgets: (v) => [atMost(v, 150, 'MB')],
      note: 'services + IPC router of src-main/context.ts in Node (no Electron), after one `profiles:list`',
    }),
  ]);
}, 300_000);
