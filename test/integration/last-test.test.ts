/**
 * Each profile's last Test (docs/architecture.md, "Data model"): `profiles:list` and `profiles:get` carry the
 * outcome of the newest stored run, read from the runs table's columns in the list's own query. Real SQLite
 * files, the real keychain, a real oidc-provider and a hung token endpoint on 127.0.0.1.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Database } from 'better-sqlite3';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { profileInput, type ProfileInput } from '../../src-shared/profile';
import type { TestRun } from '../../src-shared/test-run';
import { startOidcIdp, type RunningIdp } from '../../src-main/demo/demo-idp';
import { openDatabase } from '../../src-main/store/db';
import { ProfilesRepo } from '../../src-main/store/profiles-repo';
import { RunsRepo } from '../../src-main/store/runs-repo';
import { makeTestContext, type TestContext } from '../helpers/context';
import { startFaultServer, type FaultServer } from '../helpers/fault-server';

const SECRET = 'last-test-client-secret';

describe('lastTest after real Tests', () => {
  let idp: RunningIdp;
  let fault: FaultServer;
  let ctx: TestContext;

  beforeAll(async () => {
    idp = await startOidcIdp({
      scopes: ['api:read'],
      clients: [
        {
          client_id: 'last-client',
          client_secret: SECRET,
          token_endpoint_auth_method: 'client_secret_basic',
          grant_types: ['client_credentials'],
          scope: 'api:read',
        },
      ],
    });
    fault = await startFaultServer();
    ctx = makeTestContext();
  });
  afterAll(async () => {
    await ctx?.dispose();
    await idp?.close();
    await fault?.close();
  });

  const create = (name: string, fields: Partial<ProfileInput> = {}) =>
    ctx.profiles.create(
      {
        grantType: 'client_credentials',
        name,
        identityProviderName: 'oidc-provider',
        clientId: 'last-client',
        tokenUrl: idp.tokenEndpoint,
        scopes: [{ key: 'scope', value: 'api:read' }],
        ...fields,
      },
      { clientSecret: SECRET },
    );
  const listed = async (id: string) => (await ctx.profiles.list()).find((p) => p.id === id)!;

  it('a new profile has none; a pass, then a failure with invalid_client, each become the last Test', async () => {
    const profile = await create('passes then fails');
    expect(profile.lastTest).toBeUndefined();
    expect((await listed(profile.id)).lastTest).toBeUndefined();

    const passed = await ctx.tests.run(profile.id, { timeoutMs: 10_000 });
    expect(passed.ok).toBe(true);
    const expected = { ok: true, startedAt: passed.startedAt, durationMs: Math.round(passed.durationMs) };
    expect((await ctx.profiles.get(profile.id)).lastTest).toEqual(expected);
    expect((await listed(profile.id)).lastTest).toEqual(expected);

    await ctx.profiles.update(profile.id, { ...ctx.profiles.fields(profile.id) }, { clientSecret: 'not-the-secret' });
    const failed = await ctx.tests.run(profile.id, { timeoutMs: 10_000 });
    expect(failed.error).toMatchObject({ code: 'oauth_error', oauthError: 'invalid_client' });
    const failure = {
      ok: false,
      code: 'oauth_error',
      oauthError: 'invalid_client',
      startedAt: failed.startedAt,
      durationMs: Math.round(failed.durationMs),
    };
    expect((await ctx.profiles.get(profile.id)).lastTest).toEqual(failure);
    expect((await listed(profile.id)).lastTest).toEqual(failure);
    // The update's returned view carries it too, and the list never carries the run body.
    expect(JSON.stringify(await ctx.profiles.list())).not.toContain('exchanges');
  });

  it('a cancelled Test counts, with code cancelled', async () => {
    const profile = await create('cancelled', { tokenUrl: fault.url('/hung') });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 300);
    const run = await ctx.tests.run(profile.id, { timeoutMs: 10_000, signal: controller.signal });
    expect(run.error?.code).toBe('cancelled');
    const last = { ok: false, code: 'cancelled', startedAt: run.startedAt, durationMs: Math.round(run.durationMs) };
    expect((await ctx.profiles.get(profile.id)).lastTest).toEqual(last);
    expect((await listed(profile.id)).lastTest).toEqual(last);
  });
});

describe('lastTest in the list query', () => {
  let dir: string;
  let db: Database;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'authbench-last-'));
    db = openDatabase(join(dir, 'authbench.db')).db;
  });
  afterEach(() => {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const at = (minute: number) => new Date(Date.UTC(2026, 11, 1, 0, minute)).toISOString();
  const run = (profileId: string, i: number, outcome: Partial<TestRun> = {}): TestRun =>
    ({
      id: `${profileId}-${i}`,
      profileId,
      profile: profileId,
      startedAt: at(i),
      ok: true,
      durationMs: i,
      ...outcome,
    }) as TestRun;

  it('a profile with 60 runs reports the newest', () => {
    db.prepare("INSERT INTO profiles VALUES ('p', 'p', 'client_credentials', '{}', 'x', 'x')").run();
    const runs = new RunsRepo(db);
    for (let i = 0; i < 59; i++) runs.insert(run('p', i));
    runs.insert(run('p', 59, { ok: false, error: { code: 'timeout', message: 'slow' } }));
    expect(new ProfilesRepo(db, profileInput.parse).lastTest('p')).toEqual({
      ok: false,
      code: 'timeout',
      startedAt: at(59),
      durationMs: 59,
    });
    expect(new ProfilesRepo(db, profileInput.parse).listSummaries()[0]!.lastTest).toEqual({
      ok: false,
      code: 'timeout',
      startedAt: at(59),
      durationMs: 59,
    });
  });

  it('10,000 profiles and their runs: each row carries its own newest run, and untested rows none', () => {
    const insertProfile = db.prepare("INSERT INTO profiles VALUES (?, ?, 'client_credentials', ?, 'x', 'x')");
    const runs = new RunsRepo(db);
    const expected = new Map<string, unknown>();
    db.transaction(() => {
      for (let n = 0; n < 10_000; n++) {
        const id = `p${String(n).padStart(5, '0')}`;
        insertProfile.run(id, id, JSON.stringify({ identityProviderName: `IdP ${n}`, clientAuthMethod: 'none' }));
        const count = n % 7; // 0 to 6 runs; every seventh profile was never tested
        // Runs arrive newest first: the newest run is not the last one stored.
        const order = Array.from({ length: count }, (_, k) => count - 1 - k);
        for (const k of order) {
          const failed = (n + k) % 3 === 0;
          const cancelled = (n + k) % 5 === 0;
          runs.insert(
            run(id, k, {
              id: `${id}-${k}`,
              ok: !failed && !cancelled,
              durationMs: n + k,
              ...(cancelled
                ? { error: { code: 'cancelled', message: 'Cancelled' } }
                : failed
                  ? { error: { code: 'oauth_error', message: 'no', oauthError: 'invalid_client' } }
                  : {}),
            }),
          );
        }
        if (count > 0) {
          const k = count - 1;
          const cancelled = (n + k) % 5 === 0;
          const failed = !cancelled && (n + k) % 3 === 0;
          expected.set(id, {
            ok: !failed && !cancelled,
            ...(cancelled
              ? { code: 'cancelled' }
              : failed
                ? { code: 'oauth_error', oauthError: 'invalid_client' }
                : {}),
            startedAt: at(k),
            durationMs: n + k,
          });
        }
      }
    })();
    const rows = new ProfilesRepo(db, profileInput.parse).listSummaries();
    expect(rows).toHaveLength(10_000);
    expect(expected.size).toBe(10_000 - Math.ceil(10_000 / 7));
    for (const row of rows) expect(row.lastTest, row.id).toEqual(expected.get(row.id));
    expect(rows[1]).toMatchObject({ id: 'p00001', identityProviderName: 'IdP 1', clientAuthMethod: 'none' });
  });

  it('reads the newest run through the index, and never the run bodies', () => {
    // The repo's own statements: the newest run's outcome comes from the covering index, one step per
    // profile (no sort of runs, no scan of them, no read of the table row that holds the body).
    const repo = new ProfilesRepo(db, profileInput.parse) as unknown as { stmts: Record<string, { source: string }> };
    for (const name of ['summaries', 'lastRun']) {
      const plan = db.prepare(`EXPLAIN QUERY PLAN ${repo.stmts[name]!.source}`).all(name === 'lastRun' ? 'x' : []);
      const details = (plan as { detail: string }[]).map((r) => r.detail);
      expect(details, name).toContainEqual(
        expect.stringMatching(/^SEARCH test_runs USING COVERING INDEX test_runs_outcome \(profile_id=\?\)$/),
      );
      // (The list's own order by name sorts in a temporary B-tree, as it did before it had a last Test.)
      expect(details.join('\n'), name).not.toMatch(/SCAN test_runs|LAST TERM|test_runs USING INDEX/);
    }
    // A run whose body is not JSON still reports its outcome: the body is not read.
    db.prepare("INSERT INTO profiles VALUES ('q', 'q', 'client_credentials', '{}', 'x', 'x')").run();
    db.prepare(
      "INSERT INTO test_runs (id, profile_id, started_at, ok, error_code, oauth_error, duration_ms, data) VALUES ('r', 'q', ?, 0, 'oauth_error', ?, 5, 'not json')",
    ).run(at(1), 'bad\u001b[31m');
    expect(new ProfilesRepo(db, profileInput.parse).lastTest('q')).toEqual({
      ok: false,
      code: 'oauth_error',
      startedAt: at(1),
      durationMs: 5,
    });
  });
});
