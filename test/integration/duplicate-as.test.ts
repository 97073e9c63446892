/**
 * "Duplicate as…" through the real router, SQLite file and keychain: with deleteOriginal the copy gets the
 * secrets (read back from the keychain) and the original's row, runs, keychain entries and token go; a copy
 * that cannot be made deletes nothing; a delete that fails after the copy keeps both and says so.
 */
import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Envelope } from '../../src-shared/errors';
import type { DuplicateResult } from '../../src-shared/ipc';
import { makeTestContext, type TestContext } from '../helpers/context';

const SECRET = `dup-as-${randomUUID()}`;
const profile = {
  grantType: 'client_credentials',
  name: 'Okta prod',
  identityProviderName: 'Okta',
  clientId: 'c1',
  tokenUrl: 'https://example.okta.com/oauth2/default/v1/token',
};

describe('profiles:duplicate with deleteOriginal', () => {
  let ctx: TestContext;
  let id: string;
  const call = async <T = DuplicateResult>(channel: string, payload: unknown) =>
    (await ctx.router.handle(channel, payload)) as Envelope<T>;
  const accountsOf = async (profileId: string) =>
    (await ctx.secrets.listAccounts()).filter((a) => a.startsWith(`${profileId}/`)).sort();
  const runCount = (profileId: string) =>
    (ctx.db.prepare('SELECT count(*) AS n FROM test_runs WHERE profile_id = ?').get(profileId) as { n: number }).n;

  beforeEach(async () => {
    ctx = makeTestContext();
    id = (await ctx.profiles.create(profile, { clientSecret: SECRET })).id;
    await ctx.profiles.writeEntry(id, 'token', JSON.stringify({ accessToken: 'held', tokenType: 'Bearer' }));
    ctx.db
      .prepare('INSERT INTO test_runs (id, profile_id, started_at, ok, data) VALUES (?, ?, ?, 1, ?)')
      .run(randomUUID(), id, new Date().toISOString(), '{}');
    expect(await accountsOf(id)).toEqual([`${id}/clientSecret`, `${id}/token`]);
  });
  afterEach(async () => {
    await ctx.dispose();
  });

  it('moves the secrets to the copy and deletes the original row, runs, keychain entries and token', async () => {
    const res = await call('profiles:duplicate', {
      id,
      name: 'Okta prod (EU)',
      copySecrets: true,
      deleteOriginal: true,
    });
    if (!res.ok) throw new Error(res.error.message);
    const copy = res.value;
    expect(copy).toMatchObject({ name: 'Okta prod (EU)', status: 'configured', clientId: 'c1' });
    expect(copy.deleteOriginalError).toBeUndefined();
    expect(copy.id).not.toBe(id);

    expect(await ctx.profiles.readSecret(copy.id, 'clientSecret')).toBe(SECRET);
    expect(await accountsOf(copy.id)).toEqual([`${copy.id}/clientSecret`]); // the token is not copied
    expect(await accountsOf(id)).toEqual([]);
    expect(ctx.profiles.exists(id)).toBe(false);
    expect(runCount(id)).toBe(0);
    expect((await ctx.profiles.list()).map((p) => p.name)).toEqual(['Okta prod (EU)']);
    expect(await call('profiles:get', { id })).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });

  it('without deleteOriginal keeps the original as it was', async () => {
    const res = await call('profiles:duplicate', { id, name: 'Okta prod (copy)', copySecrets: false });
    expect(res).toMatchObject({ ok: true, value: { status: 'not_configured' } });
    expect(await accountsOf(id)).toEqual([`${id}/clientSecret`, `${id}/token`]);
    expect(runCount(id)).toBe(1);
  });

  it('deletes nothing when the copy cannot be made (name taken, invalid name)', async () => {
    await ctx.profiles.create({ ...profile, name: 'Taken' });
    for (const name of ['Taken', '']) {
      const res = await call('profiles:duplicate', { id, name, copySecrets: true, deleteOriginal: true });
      expect(res).toMatchObject({ ok: false, error: { code: name ? 'conflict' : 'invalid_request' } });
    }
    expect(ctx.profiles.exists(id)).toBe(true);
    expect(await ctx.profiles.readSecret(id, 'clientSecret')).toBe(SECRET);
    expect(await accountsOf(id)).toEqual([`${id}/clientSecret`, `${id}/token`]);
    expect(runCount(id)).toBe(1);
    expect((await ctx.profiles.list()).map((p) => p.name).sort()).toEqual(['Okta prod', 'Taken']);
  });

  it('keeps both and says so when the delete fails after the copy was made', async () => {
    // A real SQLite failure on the original's row only.
    ctx.db.exec(
      `CREATE TRIGGER keep_original BEFORE DELETE ON profiles WHEN old.id = '${id}'
       BEGIN SELECT RAISE(ABORT, 'the disk is read-only'); END`,
    );
    const res = await call('profiles:duplicate', {
      id,
      name: 'Okta prod (EU)',
      copySecrets: true,
      deleteOriginal: true,
    });
    if (!res.ok) throw new Error(res.error.message);
    expect(res.value.deleteOriginalError).toMatch(
      /^“Okta prod \(EU\)” was made, but “Okta prod” could not be deleted \(.*\): both profiles are kept\.$/,
    );
    expect(res.value.deleteOriginalError).not.toContain(SECRET);
    expect(ctx.profiles.exists(id)).toBe(true);
    expect(await accountsOf(id)).toEqual([`${id}/clientSecret`, `${id}/token`]);
    expect(await ctx.profiles.readSecret(res.value.id, 'clientSecret')).toBe(SECRET);
  });
});
