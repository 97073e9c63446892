/**
 * Listing 10,000 profiles through the IPC router (what the renderer's list asks for), against a
 * baseline of reading the same rows straight from SQLite, in the same run.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, test } from 'vitest';
import { profileInput } from '../src-shared/profile';
import { ProfilesRepo } from '../src-main/store/profiles-repo';
import { makeTestContext, type TestContext } from '../test/helpers/context';
import { reportRatios } from './ratio';

const COUNT = 10_000;
let ctx: TestContext;

beforeAll(() => {
  ctx = makeTestContext();
  const repo = new ProfilesRepo(ctx.db);
  const now = new Date().toISOString();
  ctx.db.transaction(() => {
    for (let i = 0; i < COUNT; i++) {
      repo.insert(
        randomUUID(),
        profileInput.parse({
          grantType: 'client_credentials',
          name: `profile ${String(i).padStart(5, '0')}`,
          identityProviderName: 'Bench IdP',
          description: '',
          clientId: `client-${i}`,
          clientAuthMethod: 'client_secret_basic',
          tokenUrl: `https://idp${i % 50}.example.com/oauth2/token`,
          scopes: [{ key: 'scope', value: 'api:read' }],
        }),
        now,
      );
    }
  })();
});

afterAll(async () => {
  await ctx.dispose();
});

test(`list ${COUNT} profiles`, async ({ bench }) => {
  const names = ['SELECT + JSON.parse of every row', 'router profiles:list'] as const;
  const result = await bench.compare(
    bench(names[0], () => {
      const rows = ctx.db.prepare('SELECT data FROM profiles ORDER BY name COLLATE NOCASE').all() as { data: string }[];
      rows.map((r) => JSON.parse(r.data));
    }),
    bench(names[1], async () => {
      const res = await ctx.router.handle('profiles:list', {});
      if (!res.ok) throw new Error(res.error.message);
    }),
    { iterations: 10, time: 0 },
  );
  reportRatios(`list ${COUNT} profiles`, (n) => result.get(n as (typeof names)[number]), names[0], [names[1]]);
});
