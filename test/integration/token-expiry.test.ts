/**
 * Refresh-token expiry end to end through the router (real SQLite file, real keychain, the fault server as a
 * Keycloak-style IdP that states `refresh_expires_in` / `refresh_token_expires_in`): the held token's expiry
 * facts reach `profiles:list` / `profiles:get` from SQLite, follow a refresh (rotated: the new lifetime; not
 * rotated: the old expiry), leave with Forget, never put a token value in the database file, and the expiry
 * notifier announces a token inside the warning window once. `settings:get` / `settings:update` round-trip.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Envelope } from '../../src-shared/errors';
import type { ProfileSummary, ProfileView } from '../../src-shared/profile';
import type { TestRun, TokenState } from '../../src-shared/test-run';
import type { AppSettings } from '../../src-shared/token-expiry';
import type { ExpiryNotice } from '../../src-main/services/expiry-notifier';
import { makeTestContext, type TestContext } from '../helpers/context';
import { FAULT_ACCESS_TOKEN, startFaultServer, type FaultServer } from '../helpers/fault-server';

const SECRET = 'token-expiry-client-secret';
const H = 3_600_000;
let server: FaultServer;
let ctx: TestContext;
const notices: ExpiryNotice[] = [];
let n = 0;

beforeAll(async () => {
  server = await startFaultServer();
  ctx = makeTestContext({ notify: (notice) => notices.push(notice) });
});
afterAll(async () => {
  await ctx?.dispose();
  await server?.close();
});

async function call<T>(channel: string, payload: unknown): Promise<T> {
  const envelope = (await ctx.router.handle(channel, payload)) as Envelope<T>;
  if (!envelope.ok) throw new Error(`${envelope.error.code}: ${envelope.error.message}`);
  return envelope.value;
}

async function profileOn(path: string): Promise<ProfileView> {
  return call<ProfileView>('profiles:create', {
    profile: {
      grantType: 'client_credentials',
      name: `expiry ${++n}`,
      identityProviderName: 'Keycloak-style fault server',
      clientId: 'expiry-client',
      tokenUrl: server.url(path),
    },
    secrets: { clientSecret: SECRET },
  });
}
const listed = async (id: string) => (await call<ProfileSummary[]>('profiles:list', {})).find((p) => p.id === id)!;
const held = (id: string) => call<TokenState | null>('tokens:get', { profileId: id });
const near = (iso: string | undefined, expected: number) => {
  expect(iso).toBeDefined();
  expect(Math.abs(Date.parse(iso!) - expected)).toBeLessThan(10_000);
};

describe('refresh token expiry through the router', () => {
  it('refresh_expires_in reaches the token view and, from SQLite, the list and the profile', async () => {
    const profile = await profileOn('/refresh-lifetime?s=7200');
    const run = await call<TestRun>('test:run', { profileId: profile.id });
    expect(run.ok, JSON.stringify(run.error)).toBe(true);
    near((await held(profile.id))!.refreshExpiresAt, Date.now() + 2 * H);
    const row = await listed(profile.id);
    near(row.tokenExpiry?.refreshExpiresAt, Date.now() + 2 * H);
    near(row.tokenExpiry?.accessExpiresAt, Date.now() + H);
    expect(row.tokenExpiry).toMatchObject({ hasRefreshToken: true, usable: true });
    expect((await call<ProfileView>('profiles:get', { id: profile.id })).tokenExpiry).toEqual(row.tokenExpiry);
    // Inside the default 24 h lead: announced once, at once.
    expect(notices.filter((x) => x.profileId === profile.id)).toEqual([
      {
        profileId: profile.id,
        title: 'Refresh token expires soon',
        body: `"${profile.name}": its refresh token expires in 2 h; after that, run its Test to obtain a new token.`,
      },
    ]);
    await call('tokens:forget', { profileId: profile.id });
    expect((await listed(profile.id)).tokenExpiry).toBeUndefined();
  });

  it('refresh_token_expires_in (Microsoft, GitHub Apps); a rotating refresh brings the new lifetime', async () => {
    const profile = await profileOn('/refresh-lifetime?field=refresh_token_expires_in&s=864000');
    expect((await call<TestRun>('test:run', { profileId: profile.id })).ok).toBe(true);
    const first = (await listed(profile.id)).tokenExpiry!.refreshExpiresAt!;
    near(first, Date.now() + 240 * H);
    await new Promise((r) => setTimeout(r, 1100));
    expect((await call<TestRun>('tokens:refresh', { profileId: profile.id })).ok).toBe(true);
    const second = (await listed(profile.id)).tokenExpiry!.refreshExpiresAt!;
    expect(Date.parse(second)).toBeGreaterThan(Date.parse(first));
    near(second, Date.now() + 240 * H);
    // 10 days away: nothing announced.
    expect(notices.filter((x) => x.profileId === profile.id)).toEqual([]);
  });

  it('a refresh that keeps the refresh token keeps its expiry', async () => {
    const profile = await profileOn('/refresh-lifetime?s=864000&rotate=0');
    expect((await call<TestRun>('test:run', { profileId: profile.id })).ok).toBe(true);
    const before = (await listed(profile.id)).tokenExpiry!;
    await new Promise((r) => setTimeout(r, 1100));
    expect((await call<TestRun>('tokens:refresh', { profileId: profile.id })).ok).toBe(true);
    const after = (await listed(profile.id)).tokenExpiry!;
    expect(after.refreshExpiresAt).toBe(before.refreshExpiresAt);
    expect(Date.parse(after.accessExpiresAt!)).toBeGreaterThan(Date.parse(before.accessExpiresAt!));
    expect((await held(profile.id))!.refreshExpiresAt).toBe(before.refreshExpiresAt);
  });

  it('an IdP that states no refresh lifetime: a token without one, and no warning', async () => {
    const profile = await profileOn('/token');
    expect((await call<TestRun>('test:run', { profileId: profile.id })).ok).toBe(true);
    expect((await listed(profile.id)).tokenExpiry).toEqual({
      accessExpiresAt: expect.any(String),
      hasRefreshToken: false,
      usable: true,
    });
  });

  it('the database file holds no token value', async () => {
    const profile = await profileOn('/refresh-lifetime?s=3000');
    expect((await call<TestRun>('test:run', { profileId: profile.id })).ok).toBe(true);
    const stored = await ctx.tests.tokens.load(profile.id);
    expect(stored?.refreshToken).toMatch(/^fault-refresh-/);
    ctx.db.pragma('wal_checkpoint(PASSIVE)');
    const db = join(ctx.dataDir, 'authbench.db');
    const files = [db, `${db}-wal`, `${db}-shm`].filter(existsSync).map((f) => readFileSync(f));
    for (const value of [stored!.refreshToken!, stored!.accessToken, FAULT_ACCESS_TOKEN, SECRET])
      expect(
        files.some((b) => b.includes(Buffer.from(value))),
        value,
      ).toBe(false);
    // The expiry facts are there (the check above looks at the right files).
    expect(files.some((b) => b.includes(Buffer.from(stored!.refreshExpiresAt!)))).toBe(true);
  });

  it('settings:get gives the defaults; settings:update stores a valid lead and refuses others', async () => {
    expect(await call<AppSettings>('settings:get', {})).toEqual({ expiryWarningHours: 24, expiryNotifications: true });
    const before = notices.length;
    // A 10-day token (test 2) enters a 300 h window: the notifier re-plans and announces it.
    expect(await call<AppSettings>('settings:update', { expiryWarningHours: 300 })).toEqual({
      expiryWarningHours: 300,
      expiryNotifications: true,
    });
    expect(notices.length).toBeGreaterThan(before);
    expect(notices.slice(before).every((x) => x.title === 'Refresh token expires soon')).toBe(true);
    for (const bad of [{ expiryWarningHours: 0 }, { expiryWarningHours: 721 }, { expiryWarningHours: 1.5 }, { x: 1 }]) {
      const envelope = await ctx.router.handle('settings:update', bad);
      expect(envelope).toMatchObject({ ok: false, error: { code: 'invalid_request' } });
    }
    await call('settings:update', { expiryNotifications: false });
    expect(await call<AppSettings>('settings:get', {})).toEqual({
      expiryWarningHours: 300,
      expiryNotifications: false,
    });
  });
});
