/**
 * Figure 3 (docs/architecture.md, "Benchmarks"): a client-credentials Test through the engine in-process
 * (TestRunner of a real context: keychain read, recorded and redacted exchanges, the run stored in SQLite)
 * beside the same exchange by hand with node:http after the same keychain read, against the minimal IdP of
 * test/helpers/bench-idp.ts. Both are warm: a few unrecorded rounds run first.
 */
import { randomUUID } from 'node:crypto';
import keytar from 'keytar';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { secretAccount } from '../src-main/secrets/secret-store';
import { makeTestContext, type TestContext } from '../test/helpers/context';
import { startBenchIdp, type BenchIdp } from '../test/helpers/bench-idp';
import { bareExchange } from './bare-exchange';
import { atMostTimes, figure, recordFigures } from './figures';
import { sampleRounds } from './measure';
import { createTestedProfile } from './seed';

const ROUNDS = 60;
const SECRET = `bench-secret-${randomUUID()}`;
let idp: BenchIdp;
let ctx: TestContext;
let profileId: string;

beforeAll(async () => {
  idp = await startBenchIdp('bench-client', SECRET);
  ctx = makeTestContext();
  profileId = await createTestedProfile(ctx, 'bench', idp, SECRET);
}, 60_000);

afterAll(async () => {
  await ctx?.dispose();
  await idp?.close();
});

test('engine overhead of one Test', async () => {
  const account = secretAccount(profileId, 'clientSecret');
  const [engine, bare] = await sampleRounds(
    ROUNDS,
    [
      async () => {
        const run = await ctx.tests.run(profileId, { timeoutMs: 10_000 });
        if (!run.ok) throw new Error(`the bench Test failed: ${JSON.stringify(run.error)}`);
      },
      async () => {
        const clientSecret = await keytar.getPassword(ctx.keychainService, account);
        if (clientSecret === null) throw new Error('the client secret is not in the keychain');
        await bareExchange({ tokenUrl: idp.tokenUrl, checkUrl: idp.checkUrl, clientId: 'bench-client', clientSecret });
      },
    ],
    5,
  );
  expect(idp.issued()).toBe((ROUNDS + 5) * 2);
  recordFigures('3-engine', [
    figure({
      section: '3. Engine overhead (in-process Test)',
      name: 'TestRunner.run, client credentials + check GET',
      unit: 'ms',
      samples: engine!,
      baseline: { name: 'keytar read + the same exchange with node:http', samples: bare! },
      budgets: (v, b) => [atMostTimes(v, b, 1.3)],
      note: 'both read the client secret from the (private) keychain each time; the engine also records, redacts and stores the run',
    }),
  ]);
}, 300_000);
