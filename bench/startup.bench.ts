/**
 * CLI start-up: scripts start `authbench` hundreds of times. Baseline: a bare `node -e ""` in the same
 * run; the ratio to it is the figure to watch (absolute times depend on the machine).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { test } from 'vitest';
import { reportRatios } from './ratio';

const BIN = resolve(__dirname, '../bin/authbench.js');
const dataDir = mkdtempSync(join(tmpdir(), 'authbench-bench-'));
const env = { ...process.env, AUTHBENCH_KEYCHAIN_SERVICE: 'authbench-bench' };
const run = (args: string[]) => {
  const res = spawnSync(process.execPath, args, { env, encoding: 'utf8' });
  if (res.status !== 0) throw new Error(`${args.join(' ')} exited ${res.status}: ${res.stderr}`);
};

test('CLI start-up (whole process)', async ({ bench }) => {
  const names = ['node -e ""', 'authbench --help', 'authbench profiles list'] as const;
  const result = await bench.compare(
    bench(names[0], () => run(['-e', ''])),
    bench(names[1], () => run([BIN, '--help'])),
    bench(names[2], () => run([BIN, '--data-dir', dataDir, 'profiles', 'list'])),
    { iterations: 20, time: 0 },
  );
  reportRatios('CLI start-up', (n) => result.get(n as (typeof names)[number]), names[0], [names[1], names[2]]);
});
