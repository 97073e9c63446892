/**
 * "Test all" at size (docs/architecture.md, "Test all"): 500 client-credentials profiles tested by the batch
 * runner at concurrency 8 against a loopback token endpoint, beside a baseline of the same 500 token requests
 * (RFC 6749 §4.4) sent with bare node:http at concurrency 8, in the same run. The token endpoint runs in a worker
 * thread, so the main thread's event-loop delay (perf_hooks.monitorEventLoopDelay, p99 in ms) is the batch's own.
 * Budget: the batch in ≤ 10 s with an event-loop delay p99 ≤ 50 ms.
 */
import { request } from 'node:http';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';
import { afterAll, beforeAll, test } from 'vitest';
import { randomUUID } from 'node:crypto';
import { profileInput } from '../src-shared/profile';
import { secretAccount } from '../src-main/secrets/secret-store';
import { KeychainLedger } from '../src-main/store/keychain-ledger';
import { ProfilesRepo } from '../src-main/store/profiles-repo';
import { makeTestContext, type TestContext } from '../test/helpers/context';
import { atMost, figure, recordFigures } from './figures';

const COUNT = Number(process.env.TEST_ALL_BENCH_COUNT ?? 500);
const CONCURRENCY = 8;
const CLIENT_ID = 'bench-client';
const SECRET = 'bench-secret';

/** A token endpoint (RFC 6749 §4.4, §5.1) on 127.0.0.1:0 in a worker thread; it posts its port. */
const IDP_SOURCE = `
const { createServer } = require('node:http');
const { randomBytes } = require('node:crypto');
const { parentPort } = require('node:worker_threads');
const expected = 'Basic ' + Buffer.from(${JSON.stringify(`${CLIENT_ID}:${SECRET}`)}).toString('base64');
const server = createServer((req, res) => {
  req.resume();
  req.on('end', () => {
    const ok = req.method === 'POST' && req.url === '/token' && req.headers.authorization === expected;
    const body = ok
      ? { access_token: randomBytes(24).toString('base64url'), token_type: 'Bearer', expires_in: 3600 }
      : { error: 'invalid_client' };
    res.writeHead(ok ? 200 : 401, { 'content-type': 'application/json', 'cache-control': 'no-store' });
    res.end(JSON.stringify(body));
  });
});
server.listen(0, '127.0.0.1', () => parentPort.postMessage(server.address().port));
parentPort.on('message', () => server.close(() => process.exit(0)));
`;

let ctx: TestContext;
let worker: Worker;
let tokenUrl: string;
const delays: Record<string, number[]> = {};

beforeAll(async () => {
  worker = new Worker(IDP_SOURCE, { eval: true });
  const port = await new Promise<number>((resolve) => worker.once('message', resolve));
  tokenUrl = `http://127.0.0.1:${port}/token`;
  ctx = makeTestContext();
  // Rows straight into SQLite and each Client Secret straight into the keychain (what profiles:create stores),
  // so that setting up 500 profiles does not take longer than testing them.
  const repo = new ProfilesRepo(ctx.db, profileInput.parse);
  const now = new Date().toISOString();
  const ids = Array.from({ length: COUNT }, () => randomUUID());
  ctx.db.transaction(() => {
    ids.forEach((id, i) =>
      repo.insert(
        id,
        profileInput.parse({
          grantType: 'client_credentials',
          name: `bench ${String(i).padStart(3, '0')}`,
          identityProviderName: 'Bench IdP',
          clientId: CLIENT_ID,
          tokenUrl,
        }),
        now,
      ),
    );
  })();
  const ledger = new KeychainLedger(ctx.db);
  for (const id of ids) {
    await ctx.secrets.set(secretAccount(id, 'clientSecret'), SECRET);
    ledger.confirm(secretAccount(id, 'clientSecret'), id);
  }
}, 300_000);

afterAll(async () => {
  await ctx?.dispose();
  worker?.postMessage('close');
  await worker?.terminate();
});

/** Runs `fn` while recording the main thread's event-loop delay; keeps its p99 (ms) under `name`. */
async function measured(name: string, fn: () => Promise<void>): Promise<void> {
  const histogram = monitorEventLoopDelay({ resolution: 10 });
  histogram.enable();
  const started = performance.now();
  try {
    await fn();
  } finally {
    histogram.disable();
    (delays[name] ??= []).push(histogram.percentile(99) / 1e6);
    if (process.env.TEST_ALL_BENCH_VERBOSE) console.log(`${name}: ${(performance.now() - started).toFixed(0)} ms`);
  }
}

/** One token request with bare node:http; rejects unless the endpoint answers 200. */
function tokenRequest(): Promise<void> {
  const body = 'grant_type=client_credentials';
  return new Promise((resolve, reject) => {
    const req = request(
      tokenUrl,
      {
        method: 'POST',
        headers: {
          authorization: `Basic ${Buffer.from(`${CLIENT_ID}:${SECRET}`).toString('base64')}`,
          'content-type': 'application/x-www-form-urlencoded',
          'content-length': Buffer.byteLength(body),
        },
      },
      (res) => {
        res.resume();
        res.on('end', () => (res.statusCode === 200 ? resolve() : reject(new Error(`HTTP ${res.statusCode}`))));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/** `fn` run `times` times one after another (never overlapping: a batch must not meet its own Tests); each run's ms. */
async function timesOf(times: number, fn: () => Promise<void>): Promise<number[]> {
  const samples: number[] = [];
  for (let i = 0; i < times; i++) {
    const started = performance.now();
    await fn();
    samples.push(performance.now() - started);
  }
  return samples;
}

// Timed by hand rather than with bench.compare: its runs of one task may overlap, and two batches of the same
// profiles at once would skip each other's ("already running").
test(`test all: ${COUNT} client-credentials profiles at concurrency ${CONCURRENCY}`, async () => {
  const names = [
    `bare node:http, ${COUNT} token requests`,
    `batch runner, ${COUNT} profiles, first batch`,
    `batch runner, ${COUNT} profiles, again`,
  ] as const;
  const baseline = await timesOf(3, () =>
    measured(names[0], async () => {
      let next = 0;
      const worker = async () => {
        while (next++ < COUNT) await tokenRequest();
      };
      await Promise.all(Array.from({ length: CONCURRENCY }, worker));
    }),
  );
  const batch = (name: string) => () =>
    measured(name, async () => {
      const { summary, outcomes } = await ctx.batches.run({ all: true, concurrency: CONCURRENCY });
      const wrong = outcomes.find((o) => o.status !== 'passed');
      if (wrong) throw new Error(`${summary.passed} of ${COUNT} passed; ${JSON.stringify(wrong)}`);
    });
  // Client-credentials tokens without a refresh token are not written to the keychain by a batch (held-token.ts
  // batchSkipsTokenWrite): the first batch and the next ones do the same work; both are kept to show it.
  const first = await timesOf(1, batch(names[1]));
  const again = await timesOf(2, batch(names[2]));
  const loopDelay = (name: string) => delays[name] ?? [];
  const section = '7. Test all';
  recordFigures('7-test-all', [
    figure({
      section,
      name: `${COUNT} client-credentials profiles, concurrency ${CONCURRENCY}, first batch (no token held)`,
      unit: 'ms',
      samples: first,
      baseline: { name: names[0], samples: baseline },
      budgets: (v) => [atMost(v, 10_000, 'ms')],
      note: 'each Test reads its secret from the (private) keychain, records, redacts and stores its run; the token is not written (client credentials, no refresh token)',
    }),
    figure({
      section,
      name: `${COUNT} client-credentials profiles, concurrency ${CONCURRENCY}, again`,
      unit: 'ms',
      samples: again,
      baseline: { name: names[0], samples: baseline },
      budgets: (v) => [atMost(v, 10_000, 'ms')],
      note: 'the same batch once more: still no keychain write',
    }),
    figure({
      section,
      name: 'main-thread event-loop delay p99 during the batches',
      unit: 'ms',
      samples: [...loopDelay(names[1]), ...loopDelay(names[2])],
      baseline: { name: 'during the bare requests', samples: loopDelay(names[0]) },
      budgets: (v) => [atMost(v, 50, 'ms')],
      note: 'perf_hooks.monitorEventLoopDelay (10 ms resolution), the p99 of each run',
    }),
  ]);
}, 900_000);
