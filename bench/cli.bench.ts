/**
 * Figures 1 and 2 (docs/architecture.md, "Benchmarks"): `authbench test NAME --json` as a whole process —
 * client credentials, token call and check GET against the minimal node:http IdP of test/helpers/bench-idp.ts
 * — beside the floor (bench/floor.cjs: bare Node, one keychain read, the same exchange) and `curl` making the
 * token call; and `authbench profiles list` with 1 and 1,000 profiles beside a bare `node -e ""`.
 */
import { spawn, spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { createContext } from '../src-main/context';
import { secretAccount } from '../src-main/secrets/secret-store';
import { runCli } from '../test/helpers/cli';
import { clearKeychainService } from '../test/helpers/context';
import { startBenchIdp, type BenchIdp } from '../test/helpers/bench-idp';
import { atMost, atMostTimes, figure, recordFigures, type Figure } from './figures';
import { sampleRounds } from './measure';
import { createTestedProfile, seedProfiles } from './seed';

// curl is not installed by the bench: without it, its comparison is left out.
const HAS_CURL = spawnSync('curl', ['--version'], { stdio: 'ignore' }).status === 0;
const ROUNDS = Number(process.env.AUTHBENCH_BENCH_PROCESS_RUNS ?? 30);
const SECRET = `bench-secret-${randomUUID()}`;
const service = `authbench-bench-${randomUUID()}`;
const dir = mkdtempSync(join(tmpdir(), 'authbench-bench-cli-'));
const oneDir = join(dir, 'one');
const thousandDir = join(dir, 'thousand');
const env = { ...process.env, AUTHBENCH_KEYCHAIN_SERVICE: service };
let idp: BenchIdp;
let profileId: string;

/** Spawns `command args` and resolves when it exits 0 (rejects with its stderr otherwise). */
function exec(command: string, args: string[]): Promise<void> {
  return new Promise((done, fail) => {
    const child = spawn(command, args, { env, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (c) => (stderr += c));
    child.on('error', fail);
    child.on('close', (code) => (code === 0 ? done() : fail(new Error(`${command} exited ${code}: ${stderr}`))));
  });
}

async function cli(args: string[]): Promise<void> {
  const res = await runCli(args, env);
  if (res.code !== 0) throw new Error(`authbench ${args.join(' ')} exited ${res.code}: ${res.stderr}`);
}

beforeAll(async () => {
  idp = await startBenchIdp('bench-client', SECRET);
  const one = createContext({ dataDir: oneDir, keychainService: service });
  profileId = await createTestedProfile(one, 'bench', idp, SECRET);
  one.close();
  const thousand = createContext({ dataDir: thousandDir, keychainService: service });
  seedProfiles(thousand.db, 1000);
  thousand.close();
}, 60_000);

afterAll(async () => {
  await idp?.close();
  await clearKeychainService(service);
  rmSync(dir, { recursive: true, force: true });
});

test('CLI Test and profiles list, whole processes', async () => {
  const first = await runCli(['--data-dir', oneDir, 'test', 'bench', '--json'], env);
  expect(first.code, first.stderr).toBe(0);
  const run = JSON.parse(first.stdout) as { ok: boolean; exchanges: Array<{ step: string }> };
  expect(run.ok).toBe(true);
  expect(run.exchanges.map((e) => e.step)).toEqual(['token', 'check']);
  const issuedBefore = idp.issued();

  const floor = resolve(__dirname, 'floor.cjs');
  const account = secretAccount(profileId, 'clientSecret');
  const curl = () =>
    exec('curl', [
      '-sSf',
      '-o',
      '/dev/null',
      '-u',
      `bench-client:${SECRET}`,
      '-d',
      'grant_type=client_credentials',
      idp.tokenUrl,
    ]);
  const [testRun, floorRun, curlRun] = await sampleRounds(ROUNDS, [
    () => cli(['--data-dir', oneDir, 'test', 'bench', '--json']),
    () => exec(process.execPath, [floor, idp.tokenUrl, idp.checkUrl, 'bench-client', service, account]),
    ...(HAS_CURL ? [curl] : []),
  ]);
  // Every Test, floor and curl run got a token: the figures are of exchanges that happened.
  expect(idp.issued() - issuedBefore).toBe((ROUNDS + 2) * (HAS_CURL ? 3 : 2));

  const [bare, listOne, listThousand] = await sampleRounds(ROUNDS, [
    () => exec(process.execPath, ['-e', '']),
    () => cli(['--data-dir', oneDir, 'profiles', 'list']),
    () => cli(['--data-dir', thousandDir, 'profiles', 'list']),
  ]);

  const section = '1. CLI Test (whole process)';
  const figures: Figure[] = [
    figure({
      section,
      name: '`authbench test NAME --json`',
      unit: 'ms',
      samples: testRun!,
      baseline: { name: 'floor script (node + keytar + node:http)', samples: floorRun! },
      budgets: (v, b) => [atMost(v, 150, 'ms'), atMostTimes(v, b, 2)],
      note: 'token call + check GET against a minimal node:http IdP on 127.0.0.1 (test/helpers/bench-idp.ts)',
    }),
  ];
  if (curlRun) {
    figures.push(
      figure({
        section,
        name: '`authbench test NAME --json` vs curl',
        unit: 'ms',
        samples: testRun!,
        baseline: { name: '`curl` token call alone', samples: curlRun },
        budgets: () => [],
        note: 'curl makes the token call only (no keychain read, no check GET): the ratio is for orientation',
      }),
    );
  }
  const list = '2. CLI `profiles list` (whole process)';
  for (const [name, samples] of [
    ['`authbench profiles list`, 1 profile', listOne!],
    ['`authbench profiles list`, 1,000 profiles', listThousand!],
  ] as const) {
    figures.push(
      figure({
        section: list,
        name,
        unit: 'ms',
        samples,
        baseline: { name: 'bare `node -e ""`', samples: bare! },
        budgets: (v) => [atMost(v, 100, 'ms')],
      }),
    );
  }
  recordFigures('1-cli', figures);
}, 600_000);
