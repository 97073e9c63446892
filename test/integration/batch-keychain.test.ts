/**
 * "Test all" and the keychain (docs/architecture.md, "Test all"): the REAL keytar-backed SecretStore, wrapped in a
 * delegate that counts every call, under the real services and an oidc-provider IdP on loopback. A batch lists
 * no keychain entries (libsecret's listing reads every value), reads each Test's secrets once, stores the token
 * each client-credentials Test obtained (the token view shows it), and on the next batch keeps the held tokens
 * that are still good instead of rewriting them, and writes the token of a profile that holds none.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningIdp } from '../../src-main/demo/demo-idp';
import { createKeytarStore } from '../../src-main/secrets/keytar-store';
import type { SecretStore } from '../../src-main/secrets/secret-store';
import { startClientCredentialsIdp } from '../helpers/client-credentials-idp';
import { makeTestContext, type TestContext } from '../helpers/context';

const CLIENT_ID = 'batch-keychain-client';
const SECRET = 'batch-keychain-secret-5e1d';
const COUNT = 6;

/** A SecretStore that counts each method's calls (and the accounts written), delegating to `inner`. */
function countingStore(inner: SecretStore) {
  const calls = { get: 0, set: 0, delete: 0, listAccounts: 0 };
  const written: string[] = [];
  const store: SecretStore = {
    get: (account) => (calls.get++, inner.get(account)),
    set: (account, value) => (calls.set++, written.push(account), inner.set(account, value)),
    delete: (account) => (calls.delete++, inner.delete(account)),
    listAccounts: () => (calls.listAccounts++, inner.listAccounts()),
  };
  const reset = () => {
    for (const k of Object.keys(calls) as (keyof typeof calls)[]) calls[k] = 0;
    written.length = 0;
  };
  return { store, calls, written, reset };
}

describe('Test all and the keychain', () => {
  const counted = countingStore(createKeytarStore(`authbench-test-${randomUUID()}`));
  let idp: RunningIdp;
  let ctx: TestContext;
  const ids: string[] = [];

  beforeAll(async () => {
    idp = await startClientCredentialsIdp(CLIENT_ID, SECRET);
    ctx = makeTestContext({ secrets: counted.store });
    for (let i = 0; i < COUNT; i++) {
      const input = {
        grantType: 'client_credentials',
        name: `machine ${i}`,
        identityProviderName: 'oidc-provider',
        clientId: CLIENT_ID,
        tokenUrl: idp.tokenEndpoint,
        scopes: [{ key: 'scope', value: 'api:read' }],
      };
      ids.push((await ctx.profiles.create(input, { clientSecret: SECRET })).id);
    }
  }, 60_000);

  afterAll(async () => {
    await ctx?.dispose();
    await idp?.close();
  });

  it('the first batch lists nothing, reads each secret once and stores every token it obtained', async () => {
    counted.reset();
    const { summary } = await ctx.batches.run({ all: true, concurrency: 3 });
    expect(summary).toMatchObject({ total: COUNT, passed: COUNT });
    expect(counted.calls.listAccounts).toBe(0);
    // Per Test: its client secret, then the held token (none yet) before the save.
    expect(counted.calls.get).toBe(COUNT * 2);
    expect(counted.written.sort()).toEqual(ids.map((id) => `${id}/token`).sort());
    for (const id of ids) {
      const state = await ctx.tests.tokenState(id);
      expect(state).toMatchObject({ tokenType: 'Bearer', scope: 'api:read', usable: true, hasRefreshToken: false });
      expect(Date.parse(state!.expiresAt!)).toBeGreaterThan(Date.now());
      // The list's expiry facts follow the keychain entry.
      expect((await ctx.profiles.get(id)).tokenExpiry?.accessExpiresAt).toBe(state!.expiresAt);
    }
  }, 60_000);

  it('the next batch keeps the held tokens that are still good, and writes one where none is held', async () => {
    const before = new Map<string, string | undefined>();
    for (const id of ids) before.set(id, (await ctx.tests.tokenState(id))?.obtainedAt);
    const changed = ids[0]!;
    expect(await ctx.tests.forgetToken(changed)).toBe(true);
    counted.reset();

    const { summary, outcomes } = await ctx.batches.run({ all: true, concurrency: 3 });
    expect(summary).toMatchObject({ total: COUNT, passed: COUNT });
    expect(counted.calls.listAccounts).toBe(0);
    expect(counted.written).toEqual([`${changed}/token`]);
    for (const id of ids.slice(1)) expect((await ctx.tests.tokenState(id))?.obtainedAt).toBe(before.get(id));
    expect((await ctx.tests.tokenState(changed))?.obtainedAt).not.toBe(before.get(changed));
    // Each Test still obtained its own token: the runs show a token exchange answered 200.
    for (const o of outcomes) {
      const run = ctx.runs.get(o.runId!);
      expect(run?.exchanges.find((e) => e.step === 'token')?.response?.status).toBe(200);
    }
  }, 60_000);

  it('a single Test still writes the token it obtained', async () => {
    counted.reset();
    const run = await ctx.tests.run(ids[1]!);
    expect(run.ok).toBe(true);
    expect(counted.written).toEqual([`${ids[1]}/token`]);
  }, 30_000);
});
