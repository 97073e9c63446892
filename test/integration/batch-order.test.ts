/**
 * "Test all" with token exchange profiles (docs/architecture.md, "Test all"; RFC 8693 §2.1) against oidc-provider
 * with the grant registered: a profile another one in the batch takes its subject or actor token from is tested
 * first and its token written, so the exchange sends the fresh token; a failed source skips its dependents with the
 * reason; a source skipped because it needs a person still lends what it holds; a cycle runs and does not hang.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BatchOutcome } from '../../src-shared/batch';
import type { Exchange } from '../../src-shared/test-run';
import type { ProfileInput } from '../../src-shared/profile';
import { createRecordingClient, type HttpRequest } from '../../src-main/http/recording-client';
import type { RunningIdp } from '../../src-main/demo/demo-idp';
import { startTokenExchangeIdp } from '../helpers/client-credentials-idp';
import { makeTestContext, type TestContext } from '../helpers/context';

const SECRET = 'batch-order-secret-9c2e';
const EXCHANGE = 'urn:ietf:params:oauth:grant-type:token-exchange';

describe('Test all orders token exchange profiles after their sources', () => {
  let idp: RunningIdp;
  let ctx: TestContext;
  const sent: { request: HttpRequest; exchange: Exchange }[] = [];

  beforeAll(async () => {
    idp = await startTokenExchangeIdp('exchanger', SECRET);
    const real = createRecordingClient();
    ctx = makeTestContext({
      http: {
        send: async (request) => {
          const exchange = await real.send(request);
          sent.push({ request, exchange });
          return exchange;
        },
      },
    });
  });
  afterAll(async () => {
    await ctx?.dispose();
    await idp?.close();
  });

  const clientCredentials = async (name: string, over: Record<string, unknown> = {}, secret = SECRET) =>
    (
      await ctx.profiles.create(
        {
          grantType: 'client_credentials',
          name,
          identityProviderName: 'oidc-provider',
          clientId: 'exchanger',
          tokenUrl: idp.tokenEndpoint,
          scopes: [{ key: 'scope', value: 'api:read' }],
          ...over,
        } as ProfileInput,
        { clientSecret: secret },
      )
    ).id;
  const exchange = async (name: string, o: Record<string, unknown>, secrets: Record<string, string> = {}) =>
    (
      await ctx.profiles.create(
        {
          grantType: 'token_exchange',
          name,
          identityProviderName: 'oidc-provider',
          clientId: 'exchanger',
          tokenUrl: idp.tokenEndpoint,
          tokenExchange: { audiences: [idp.apiResource], ...o },
        } as ProfileInput,
        { clientSecret: SECRET, ...secrets },
      )
    ).id;
  const form = (request: HttpRequest) => new URLSearchParams(request.body ?? '');
  const byName = (outcomes: BatchOutcome[], name: string) => outcomes.find((o) => o.name === name)!;

  it('tests a never-tested client-credentials subject before the exchange named before it; the exchange sends its fresh token', async () => {
    const x = await exchange('order 1 exchange', { subjectProfile: 'order 2 subject' });
    const s = await clientCredentials('order 2 subject');
    const free = await clientCredentials('order 0 independent');
    expect(await ctx.tests.tokens.load(s)).toBeNull();
    sent.length = 0;
    const { summary, outcomes } = await ctx.batches.run({ profileIds: [free, x, s], concurrency: 2 });

    expect(outcomes.map((o) => [o.name, o.status, o.reason])).toEqual(
      expect.arrayContaining([
        ['order 0 independent', 'passed', undefined],
        ['order 1 exchange', 'passed', undefined],
        ['order 2 subject', 'passed', undefined],
      ]),
    );
    expect(summary).toMatchObject({ total: 3, passed: 3, failed: 0, skipped: 0 });
    // The subject finished before the exchange started, and the exchange carried the token the subject just got.
    expect(outcomes.findIndex((o) => o.profileId === s)).toBeLessThan(outcomes.findIndex((o) => o.profileId === x));
    const subjectAnswers = sent.filter(
      (e) => form(e.request).get('grant_type') === 'client_credentials' && e.exchange.response?.status === 200,
    );
    expect(subjectAnswers).toHaveLength(2);
    const fresh = new Set(subjectAnswers.map((e) => JSON.parse(e.exchange.response!.body!).access_token as string));
    const exchanged = sent.filter((e) => form(e.request).get('grant_type') === EXCHANGE);
    expect(exchanged).toHaveLength(1);
    const subjectToken = form(exchanged[0]!.request).get('subject_token')!;
    expect(fresh.has(subjectToken)).toBe(true);
    // The batch wrote the subject's token (a client-credentials token it otherwise leaves out), not the independent's.
    expect((await ctx.tests.tokens.load(s))?.accessToken).toBe(subjectToken);
    expect(await ctx.tests.tokens.load(free)).toBeNull();
  }, 60_000);

  it('skips the profiles whose source failed, with the reason, and sends no exchange for them', async () => {
    const wrong = await clientCredentials('fail 9 wrong secret', {}, 'not-the-secret');
    const direct = await exchange('fail 1 exchange', { subjectProfile: 'fail 9 wrong secret' });
    const actor = await exchange(
      'fail 2 actor',
      { subjectSource: 'pasted', actorSource: 'profile', actorProfile: 'fail 9 wrong secret' },
      { subjectToken: 'a-pasted-subject-token' },
    );
    const chained = await exchange('fail 0 chained', { subjectProfile: 'fail 1 exchange' });
    sent.length = 0;
    const { summary, outcomes } = await ctx.batches.run({ profileIds: [chained, direct, actor, wrong] });

    expect(byName(outcomes, 'fail 9 wrong secret')).toMatchObject({ status: 'failed', oauthError: 'invalid_client' });
    expect(byName(outcomes, 'fail 1 exchange')).toMatchObject({
      status: 'skipped',
      reason: 'Its subject token comes from «fail 9 wrong secret», whose Test failed',
    });
    expect(byName(outcomes, 'fail 2 actor')).toMatchObject({
      status: 'skipped',
      reason: 'Its actor token comes from «fail 9 wrong secret», whose Test failed',
    });
    expect(byName(outcomes, 'fail 0 chained')).toMatchObject({
      status: 'skipped',
      reason:
        'Its subject token comes from «fail 1 exchange», which was skipped because «fail 9 wrong secret»’s Test failed',
    });
    expect(summary).toMatchObject({ total: 4, passed: 0, failed: 1, skipped: 3 });
    expect(sent.filter((e) => form(e.request).get('grant_type') === EXCHANGE)).toEqual([]);
    expect(ctx.runs.list(direct)).toEqual([]);
  }, 60_000);

  it('still tests the exchange when its source is skipped for needing a person: it uses the token held from before', async () => {
    const tenant = await clientCredentials('person 2 tenant', { tenancy: { enabled: true } });
    const x = await exchange('person 1 exchange', { subjectProfile: 'person 2 tenant' });
    const single = await ctx.tests.run(tenant, { tenant: 'acme', timeoutMs: 10_000 });
    expect(single.ok).toBe(true);
    const held = (await ctx.tests.tokens.load(tenant))!.accessToken;
    sent.length = 0;
    const { outcomes } = await ctx.batches.run({ profileIds: [x, tenant] });

    expect(byName(outcomes, 'person 2 tenant')).toMatchObject({ status: 'skipped' });
    expect(byName(outcomes, 'person 1 exchange')).toMatchObject({ status: 'passed' });
    const exchanged = sent.filter((e) => form(e.request).get('grant_type') === EXCHANGE);
    expect(exchanged.map((e) => form(e.request).get('subject_token'))).toEqual([held]);
  }, 60_000);

  it('runs a cycle (each takes its token from the other) as if unordered, at concurrency 1, without hanging', async () => {
    const one = await exchange('cycle 1', { subjectProfile: 'cycle 2' });
    const two = await exchange('cycle 2', { subjectProfile: 'cycle 1' });
    const three = await exchange('cycle 3', {
      subjectProfile: 'cycle 1',
      actorSource: 'profile',
      actorProfile: 'cycle 3 free',
    });
    const free = await clientCredentials('cycle 3 free');
    for (const concurrency of [1, 2]) {
      const { summary, outcomes } = await ctx.batches.run({ profileIds: [one, two, three, free], concurrency });
      // Neither holds a token: each Test gives its own error; cycle 3 waits for cycle 1, whose Test failed.
      for (const name of ['cycle 1', 'cycle 2'])
        expect(byName(outcomes, name), name).toMatchObject({
          status: 'failed',
          code: 'secret_missing',
          reason: expect.stringMatching(/^«cycle [12]» holds no token, .*: Test «cycle [12]» first$/),
        });
      expect(byName(outcomes, 'cycle 3')).toMatchObject({
        status: 'skipped',
        reason: 'Its subject token comes from «cycle 1», whose Test failed',
      });
      expect(byName(outcomes, 'cycle 3 free')).toMatchObject({ status: 'passed' });
      expect(summary).toMatchObject({ total: 4, passed: 1, failed: 2, skipped: 1 });
    }
  }, 60_000);
});
