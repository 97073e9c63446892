/**
 * "Test all" and the keychain (docs/architecture.md, "Test all"): the REAL keytar-backed SecretStore, wrapped in a
 * delegate that counts every call, under the real services, an oidc-provider IdP (client credentials) and an
 * @node-oauth/oauth2-server IdP (password grant with refresh tokens) on loopback. A batch lists no keychain
 * entries (libsecret's listing reads every value) and reads each Test's secrets once; a client-credentials token
 * without a refresh token is not written (nobody uses it again), and the held token and its expiry facts stay as
 * they were; a token with a refresh token is written; a single Test writes as before.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningIdp } from '../../src-main/demo/demo-idp';
import { createKeytarStore } from '../../src-main/secrets/keytar-store';
import type { SecretStore } from '../../src-main/secrets/secret-store';
import { startClientCredentialsIdp } from '../helpers/client-credentials-idp';
import { makeTestContext, type TestContext } from '../helpers/context';
import { startPasswordIdp, type PasswordIdp } from '../helpers/password-idp';

const CLIENT_ID = 'batch-keychain-client';
const SECRET = 'batch-keychain-secret-5e1d';
const PW_SECRET = 'batch-keychain-pw-client-9c2a';
const PASSWORD = 'batch-keychain-password-41f0';
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
  let pwIdp: PasswordIdp;
  let ctx: TestContext;
  const ids: string[] = [];
  let pwId = '';
  const runOf = (id: string) => ctx.runs.get(id);

  beforeAll(async () => {
    idp = await startClientCredentialsIdp(CLIENT_ID, SECRET);
    pwIdp = await startPasswordIdp({
      clients: [{ id: 'pw-client', secret: PW_SECRET }],
      users: [{ username: 'alice', password: PASSWORD }],
      scopes: ['read'],
    });
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
    await pwIdp?.close();
  });

  it('a batch of client-credentials profiles lists nothing, reads each secret once and writes no token', async () => {
    counted.reset();
    const { summary, outcomes } = await ctx.batches.run({ all: true, concurrency: 3 });
    expect(summary).toMatchObject({ total: COUNT, passed: COUNT });
    expect(counted.calls).toEqual({ get: COUNT, set: 0, delete: 0, listAccounts: 0 });
    for (const o of outcomes) {
      // The run still records the token it obtained (its summary, never the value).
      const run = runOf(o.runId!);
      expect(run?.exchanges.find((e) => e.step === 'token')?.response?.status).toBe(200);
      expect(run?.token).toMatchObject({ tokenType: 'Bearer', scope: 'api:read' });
      expect(await ctx.tests.tokenState(o.profileId)).toBeNull();
      expect((await ctx.profiles.get(o.profileId)).tokenExpiry).toBeUndefined();
    }
  }, 60_000);

  it('a single Test writes its token; a batch then leaves that held token and its expiry facts as they were', async () => {
    counted.reset();
    const single = await ctx.tests.run(ids[1]!);
    expect(single.ok).toBe(true);
    expect(counted.written).toEqual([`${ids[1]}/token`]);
    const held = await ctx.tests.tokenState(ids[1]!);
    const expiry = (await ctx.profiles.get(ids[1]!)).tokenExpiry;
    expect(expiry?.accessExpiresAt).toBe(held!.expiresAt);

    counted.reset();
    const { summary } = await ctx.batches.run({ all: true, concurrency: 3 });
    expect(summary).toMatchObject({ total: COUNT, passed: COUNT });
    expect(counted.calls.set).toBe(0);
    expect(counted.calls.listAccounts).toBe(0);
    expect(await ctx.tests.tokenState(ids[1]!)).toEqual(held);
    expect((await ctx.profiles.get(ids[1]!)).tokenExpiry).toEqual(expiry);
  }, 60_000);

  it('a password-grant profile whose token carries a refresh token is still written by a batch', async () => {
    const input = {
      grantType: 'password',
      name: 'pw pre-authorized',
      identityProviderName: 'oauth2-server',
      clientId: 'pw-client',
      tokenUrl: pwIdp.tokenUrl,
      scopes: [{ key: 'scope', value: 'read' }],
      authorizationMode: 'pre_authorize',
    };
    pwId = (await ctx.profiles.create(input, { clientSecret: PW_SECRET, username: 'alice', password: PASSWORD })).id;
    counted.reset();
    const { outcomes } = await ctx.batches.run({ profileIds: [pwId, ids[0]!], concurrency: 2 });
    expect(outcomes.map((o) => [o.profileId, o.status])).toEqual(
      expect.arrayContaining([
        [pwId, 'passed'],
        [ids[0], 'passed'],
      ]),
    );
    expect(counted.written).toEqual([`${pwId}/token`]);
    const state = await ctx.tests.tokenState(pwId);
    expect(state).toMatchObject({ hasRefreshToken: true, usable: true });
    const issued = pwIdp.issued.at(-1)!;
    expect(issued.refreshToken).toBeTruthy();
    expect((await ctx.tests.tokens.load(pwId))?.refreshToken).toBe(issued.refreshToken);
    expect((await ctx.profiles.get(pwId)).tokenExpiry).toMatchObject({ hasRefreshToken: true, usable: true });
  }, 60_000);
});
