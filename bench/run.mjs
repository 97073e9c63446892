// `npm run bench` (docs/architecture.md, "Benchmarks"): builds the app, runs bench/*.bench.ts one file at a
// time (vitest bench; its global setup starts a private keyring where no keychain is reachable), then writes
// BENCHMARKS.md from the figures they recorded. Exits 0 when every figure was measured, whether or not its
// budget was met (a budget missed is a finding, reported in BENCHMARKS.md); non-zero when a measurement failed.
//   npm run bench                 # everything
//   npm run bench -- cli storage  # only bench files whose name contains one of the words (no BENCHMARKS.md)
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeReport } from './write-report.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const RESULTS = join(ROOT, 'test-results/bench');
const filters = process.argv.slice(2);

function run(bin, args) {
  const res = spawnSync(process.execPath, [join(ROOT, 'node_modules', bin), ...args], {
    cwd: ROOT,
    stdio: 'inherit',
    env: { ...process.env, AUTHBENCH_BENCH_RESULTS: RESULTS },
  });
  if (res.status !== 0) {
    process.stderr.write(`bench: ${bin} ${args.join(' ')} exited ${res.status ?? res.signal}\n`);
    process.exit(res.status || 1);
  }
}

const started = Date.now();
// Other work on the machine skews every figure: the report states the load it ran under.
const load = loadavg();
run('electron-vite/bin/electron-vite.js', ['build']);
rmSync(RESULTS, { recursive: true, force: true });
// One file at a time: the figures of one must not share the CPU with another's.
run('vitest/vitest.mjs', ['bench', '--run', '--no-file-parallelism', ...filters]);
if (filters.length === 0) {
  const file = writeReport(RESULTS, join(ROOT, 'BENCHMARKS.md'), { seconds: (Date.now() - started) / 1000, load });
  // The report is committed: keep it as `npm run lint` (Prettier) wants it.
  run('prettier/bin/prettier.cjs', ['--log-level', 'warn', '--write', file]);
  process.stdout.write(`bench: wrote ${file}\n`);
}
