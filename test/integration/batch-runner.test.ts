/**
 * "Test all" (docs/architecture.md, "Test all"): a batch of client-credentials profiles against a real
 * oidc-provider on loopback, behind a proxy that counts the requests in flight — the concurrency bound, each
 * outcome arriving once (in coalesced progress events), the skipped profiles and their reasons, Cancel, and a
 * profile whose Test already runs.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BatchOutcome, BatchProgress } from '../../src-shared/batch';
import type { Envelope } from '../../src-shared/errors';
import type { ProfileInput } from '../../src-shared/profile';
import type { RunningIdp } from '../../src-main/demo/demo-idp';
import { startClientCredentialsIdp } from '../helpers/client-credentials-idp';
import { startCountingProxy, type CountingProxy } from '../helpers/counting-proxy';
import { makeTestContext, type TestContext } from '../helpers/context';

const CLIENT_ID = 'batch-client';
const SECRET = 'batch-secret-value-7f3a';
const GOOD = 40;
const WRONG = 4;

describe('batch runner against oidc-provider', () => {
  let idp: RunningIdp;
  let proxy: CountingProxy;
  let ctx: TestContext;
  const skipped = new Map<string, RegExp>();
  const progress: BatchProgress[] = [];

  const create = async (name: string, fields: Record<string, unknown>, secrets: Record<string, string> = {}) =>
    (
      await ctx.profiles.create(
        {
          grantType: 'client_credentials',
          name,
          identityProviderName: 'oidc-provider',
          clientId: CLIENT_ID,
          tokenUrl: `${proxy.url}${new URL(idp.tokenEndpoint).pathname}`,
          scopes: [{ key: 'scope', value: 'api:read' }],
          ...fields,
        } as ProfileInput,
        secrets,
      )
    ).id;
  const call = async <T>(channel: string, payload: unknown) =>
    (await ctx.router.handle(channel, payload)) as Envelope<T>;

  beforeAll(async () => {
    idp = await startClientCredentialsIdp(CLIENT_ID, SECRET);
    proxy = await startCountingProxy(idp.issuer);
    ctx = makeTestContext();
    ctx.events.on('test:batch-progress', (p) => progress.push(p));
    for (let i = 0; i < GOOD; i++) await create(`good ${String(i).padStart(2, '0')}`, {}, { clientSecret: SECRET });
    for (let i = 0; i < WRONG; i++) await create(`wrong ${i}`, {}, { clientSecret: 'not-the-secret' });
    const skip = async (name: string, fields: Record<string, unknown>, reason: RegExp, secrets = {}) =>
      skipped.set(await create(name, fields, secrets), reason);
    const browser = {
      grantType: 'authorization_code',
      clientAuthMethod: 'none',
      authorizationUrl: `${idp.issuer}/auth`,
    };
    await skip('skip user authorize', browser, /^Needs a browser sign-in \(Authorization Mode: user authorize\)$/);
    await skip(
      'skip pre-authorize without token',
      { ...browser, authorizationMode: 'pre_authorize' },
      /^Needs a browser sign-in: No token was held for this profile$/,
    );
    await skip(
      'skip password user',
      { grantType: 'password', authorizationMode: 'user' },
      /username and password at Test time/,
      { clientSecret: SECRET },
    );
    await skip('skip tenancy', { tenancy: { enabled: true } }, /tenant at Test time/, { clientSecret: SECRET });
    await skip('skip typed field', { scopes: [{ key: 'scope', value: '{{region}}' }] }, /^Asks for \{\{region\}\}/, {
      clientSecret: SECRET,
    });
    await skip('skip not configured', {}, /^Not configured: Client Secret is not set$/);
  }, 120_000);

  afterAll(async () => {
    await ctx?.dispose();
    await proxy?.close();
    await idp?.close();
  });

  it('runs at most 8 at once, reports each profile once (coalesced), skips with reasons, counts a summary', async () => {
    proxy.reset();
    proxy.delayMs = 15;
    progress.length = 0;
    const heard: BatchOutcome[] = [];
    const { summary, outcomes } = await ctx.batches.run({ all: true }, { onOutcome: (o) => heard.push(o) });
    const total = GOOD + WRONG + skipped.size;

    expect(proxy.maxInFlight).toBeLessThanOrEqual(8);
    expect(proxy.maxInFlight, 'the batch did run Tests side by side').toBeGreaterThan(1);
    expect(proxy.started).toBe(GOOD + WRONG);
    expect(summary).toMatchObject({ total, passed: GOOD, failed: WRONG, skipped: skipped.size, cancelled: 0 });
    expect(summary.durationMs).toBeGreaterThan(0);
    expect(new Set(outcomes.map((o) => o.profileId)).size).toBe(total);
    expect(heard).toEqual(outcomes);

    for (const o of outcomes.filter((x) => x.name.startsWith('wrong')))
      expect(o).toMatchObject({ status: 'failed', code: 'oauth_error', oauthError: 'invalid_client' });
    for (const o of outcomes.filter((x) => x.name.startsWith('good'))) {
      expect(o.status).toBe('passed');
      expect(o.runId).toMatch(/^[0-9a-f-]{36}$/);
    }
    for (const [id, reason] of skipped) {
      const o = outcomes.find((x) => x.profileId === id)!;
      expect(o.status, o.name).toBe('skipped');
      expect(o.reason, o.name).toMatch(reason);
    }

    // Progress: every outcome in exactly one event, fewer events than outcomes, the summary last.
    const streamed = progress.flatMap((p) => p.outcomes);
    expect(streamed.map((o) => o.profileId).sort()).toEqual(outcomes.map((o) => o.profileId).sort());
    expect(progress.length).toBeLessThan(outcomes.length);
    expect(progress.at(-1)).toMatchObject({ done: total, total, summary });
    expect(progress.slice(0, -1).every((p) => p.summary === undefined)).toBe(true);

    // The list's Last test column reads the runs the batch stored.
    const rows = await ctx.profiles.list();
    expect(rows.find((r) => r.name === 'wrong 0')?.lastTest).toMatchObject({ ok: false, oauthError: 'invalid_client' });
    expect(rows.find((r) => r.name === 'good 00')?.lastTest).toMatchObject({ ok: true });
  }, 120_000);

  it('Cancel through the router aborts the running Tests and starts no more', async () => {
    proxy.reset();
    proxy.delayMs = 30_000;
    progress.length = 0;
    const started = await call<{ batchId: string; total: number }>('tests:run-batch', { all: true, concurrency: 3 });
    if (!started.ok) throw new Error(started.error.message);
    const { batchId, total } = started.value;
    await expect.poll(() => proxy.inFlight, { timeout: 10_000 }).toBe(3);
    expect(await call('tests:cancel-batch', { batchId })).toEqual({ ok: true, value: { cancelled: true } });
    await expect.poll(() => progress.at(-1)?.summary, { timeout: 10_000 }).toBeDefined();
    const summary = progress.at(-1)!.summary!;
    const outcomes = progress.flatMap((p) => p.outcomes);
    expect(summary.batchId).toBe(batchId);
    // The three running were aborted; the rest (the profiles that would be skipped too) were never started.
    expect(summary).toMatchObject({ total, passed: 0, failed: 0, skipped: 0, cancelled: total });
    expect(outcomes).toHaveLength(total);
    expect(outcomes.filter((o) => o.reason === 'Cancelled while it ran')).toHaveLength(3);
    expect(outcomes.filter((o) => o.reason === 'The batch was cancelled before this Test started')).toHaveLength(
      total - 3,
    );
    expect(proxy.started, 'nothing started after Cancel').toBe(3);
    expect(proxy.maxInFlight).toBe(3);
    expect(await call('tests:cancel-batch', { batchId })).toEqual({ ok: true, value: { cancelled: false } });
  }, 60_000);

  it('skips a profile whose Test is already running, and refuses a bad request', async () => {
    proxy.delayMs = 30_000;
    const [id] = (await ctx.profiles.list()).filter((r) => r.name === 'good 00').map((r) => r.id);
    const single = ctx.tests.run(id!);
    await expect.poll(() => proxy.inFlight, { timeout: 10_000 }).toBe(1);
    const { outcomes } = await ctx.batches.run({ profileIds: [id!] });
    expect(outcomes).toEqual([
      { profileId: id, name: 'good 00', status: 'skipped', reason: 'A Test of this profile is already running' },
    ]);
    ctx.tests.cancel(id!);
    expect((await single).error?.code).toBe('cancelled');

    const refused = [
      { all: true, concurrency: 33 },
      { all: true, concurrency: 0 },
      { all: true, profileIds: [id] },
      {},
    ];
    for (const payload of refused)
      expect(await call('tests:run-batch', payload)).toMatchObject({ ok: false, error: { code: 'invalid_request' } });
  }, 60_000);
});
