/** Channels through the router: duplicate, import/export behind the file dialogs, runs, tokens. */
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BatchProgress } from '../../src-shared/batch';
import type { Envelope } from '../../src-shared/errors';
import { makeTestContext, type TestContext } from '../helpers/context';

const SECRET = 'router-channels-secret';
const profile = {
  grantType: 'client_credentials',
  name: 'source',
  identityProviderName: 'Test IdP',
  clientId: 'c1',
  tokenUrl: 'http://127.0.0.1:9/token',
};
const MISSING = '00000000-0000-4000-8000-000000000000';

describe('router: duplicate, import/export, runs, tokens', () => {
  let ctx: TestContext;
  let dir: string;
  let nextOpen: string | null = null;
  let nextSave: string | null = null;
  /** The stand-in for main's native "Export with secrets" question: its answer, and the counts it was asked. */
  let confirmAnswer = true;
  const confirmAsked: number[] = [];
  let id: string;
  const call = async <T = unknown>(channel: string, payload: unknown) =>
    (await ctx.router.handle(channel, payload)) as Envelope<T>;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'authbench-dialogs-'));
    ctx = makeTestContext({
      dialogs: {
        openProfiles: async () => nextOpen,
        saveProfiles: async () => nextSave,
        saveHar: async () => nextSave,
        saveCurl: async () => nextSave,
        saveBundle: async () => nextSave,
        confirmExportWithSecrets: async (count) => {
          confirmAsked.push(count);
          return confirmAnswer;
        },
      },
    });
    const created = await call<{ id: string }>('profiles:create', { profile, secrets: { clientSecret: SECRET } });
    if (!created.ok) throw new Error(created.error.message);
    id = created.value.id;
  });
  afterAll(async () => {
    await ctx.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  it('duplicates with and without secrets, and validates the new name', async () => {
    expect(await call('profiles:duplicate', { id, name: 'copy', copySecrets: false })).toMatchObject({
      ok: true,
      value: { name: 'copy', status: 'not_configured' },
    });
    expect(await call('profiles:duplicate', { id, name: 'copy 2', copySecrets: true })).toMatchObject({
      ok: true,
      value: { status: 'configured', secrets: { clientSecret: true } },
    });
    expect(await call('profiles:duplicate', { id, name: '', copySecrets: true })).toMatchObject({
      ok: false,
      error: { code: 'invalid_request' },
    });
    expect(await call('profiles:duplicate', { id, name: 'source' })).toMatchObject({
      ok: false,
      error: { code: 'conflict' },
    });
    expect(await call('profiles:duplicate', { id: MISSING, name: 'x' })).toMatchObject({
      ok: false,
      error: { code: 'not_found' },
    });
  });

  it('exports to the file the save dialog chose, with secrets only when asked', async () => {
    nextSave = join(dir, 'plain.json');
    expect(await call('profiles:export', { ids: [id] })).toEqual({
      ok: true,
      value: { path: nextSave, count: 1, includedSecrets: false },
    });
    expect(readFileSync(nextSave, 'utf8')).not.toContain(SECRET);
    expect(statSync(nextSave).mode & 0o077).toBe(0);
    nextSave = join(dir, 'with-secrets.json');
    // Over an existing world-readable file: the export still ends 0600.
    writeFileSync(nextSave, 'old', { mode: 0o644 });
    chmodSync(nextSave, 0o644);
    await call('profiles:export', { ids: [id], includeSecrets: true });
    expect(JSON.parse(readFileSync(nextSave, 'utf8')).profiles[0].clientSecret).toBe(SECRET);
    expect(statSync(nextSave).mode & 0o777).toBe(0o600);
    expect(confirmAsked).toEqual([1]);
    // Main's own question, declined: nothing is written, whatever the window asked for.
    confirmAnswer = false;
    nextSave = join(dir, 'declined.json');
    expect(await call('profiles:export', { ids: [id], includeSecrets: true })).toEqual({
      ok: true,
      value: { cancelled: true },
    });
    expect(existsSync(nextSave)).toBe(false);
    expect(confirmAsked).toEqual([1, 1]);
    confirmAnswer = true;
    nextSave = null;
    expect(await call('profiles:export', { ids: [id] })).toEqual({ ok: true, value: { cancelled: true } });
    expect(await call('profiles:export', { ids: [] })).toMatchObject({ ok: false, error: { code: 'invalid_request' } });
  });

  it('imports the file the open dialog chose and reports each profile; never returns secrets', async () => {
    nextOpen = join(dir, 'import.json');
    writeFileSync(
      nextOpen,
      JSON.stringify({
        format: 'authbench.profiles/v1',
        profiles: [
          { ...profile, name: 'imported', clientSecret: 'imported-secret' },
          { ...profile, name: 'broken', tokenUrl: 'data:x' },
        ],
      }),
    );
    const preview = await call<{ importId: string }>('profiles:import', {});
    expect(preview).toMatchObject({
      ok: true,
      value: {
        path: nextOpen,
        entries: [
          { name: 'imported', exists: false, carriesSecrets: true },
          { name: 'broken', exists: false, carriesSecrets: false },
        ],
      },
    });
    expect(JSON.stringify(preview)).not.toContain('imported-secret');
    if (!preview.ok) throw new Error(preview.error.message);
    const res = await call('profiles:import-apply', { importId: preview.value.importId, choices: [] });
    expect(res).toMatchObject({
      ok: true,
      value: {
        path: nextOpen,
        entries: [
          { name: 'imported', outcome: 'imported' },
          { name: 'broken', outcome: 'rejected', issues: [{ path: 'tokenUrl' }] },
        ],
      },
    });
    expect(JSON.stringify(res)).not.toContain('imported-secret');
    // A preview is applied once.
    expect(await call('profiles:import-apply', { importId: preview.value.importId })).toMatchObject({
      ok: false,
      error: { code: 'not_found' },
    });
    nextOpen = null;
    expect(await call('profiles:import', {})).toEqual({ ok: true, value: { cancelled: true } });
  });

  it('says so when the host has no file dialogs', async () => {
    const bare = makeTestContext();
    try {
      const created = await bare.router.handle('profiles:create', { profile });
      const pid = (created as { value: { id: string } }).value.id;
      expect(await bare.router.handle('profiles:export', { ids: [pid] })).toMatchObject({
        ok: false,
        error: { code: 'unavailable', message: expect.stringMatching(/use the CLI/) },
      });
    } finally {
      await bare.dispose();
    }
  });

  it('lists stored runs newest first, redacted', async () => {
    const first = await call<{ id: string }>('test:run', { profileId: id, timeoutMs: 2000 });
    await new Promise((r) => setTimeout(r, 5)); // distinct startedAt, so "newest first" is decided by time
    const second = await call<{ id: string }>('test:run', { profileId: id, timeoutMs: 2000 });
    if (!first.ok || !second.ok) throw new Error('test:run failed');
    const runs = await call<{ id: string; startedAt: string; error: { code: string } }[]>('runs:list', {
      profileId: id,
    });
    expect(runs.ok).toBe(true);
    if (!runs.ok) return;
    expect(runs.value.map((r) => r.id)).toEqual([second.value.id, first.value.id]);
    expect(runs.value[0]!.error.code).toBe('connection_refused');
    expect(JSON.stringify(runs.value)).not.toContain(SECRET);
    expect(await call('runs:list', { profileId: MISSING })).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });

  it('runs a batch of named profiles: its id at once, then the outcome and summary as test:batch-progress', async () => {
    const events: BatchProgress[] = [];
    const off = ctx.events.on('test:batch-progress', (p) => events.push(p));
    try {
      const started = await call<{ batchId: string; total: number }>('tests:run-batch', { profileIds: [id, MISSING] });
      if (!started.ok) throw new Error(started.error.message);
      expect(started.value.total).toBe(2);
      await expect.poll(() => events.at(-1)?.summary, { timeout: 10_000 }).toBeDefined();
      expect(events.at(-1)!.summary).toMatchObject({ batchId: started.value.batchId, failed: 1, skipped: 1 });
      expect(events.flatMap((e) => e.outcomes)).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ profileId: id, status: 'failed', code: 'connection_refused' }),
          expect.objectContaining({ profileId: MISSING, status: 'skipped', reason: expect.stringMatching(/No such/) }),
        ]),
      );
      expect(JSON.stringify(events)).not.toContain(SECRET);
    } finally {
      off();
    }
  });

  it('saves a stored run as HAR 1.2 where the save dialog chose, redacted', async () => {
    const runs = await call<{ id: string }[]>('runs:list', { profileId: id });
    if (!runs.ok) throw new Error(runs.error.message);
    nextSave = join(dir, 'run.har');
    expect(await call('runs:save-har', { runId: runs.value[0]!.id })).toEqual({ ok: true, value: { path: nextSave } });
    const har = JSON.parse(readFileSync(nextSave, 'utf8'));
    expect(har.log.version).toBe('1.2');
    expect(har.log.entries[0].request.headers).toContainEqual({ name: 'authorization', value: 'Basic [redacted]' });
    expect(readFileSync(nextSave, 'utf8')).not.toContain(SECRET);
    expect(statSync(nextSave).mode & 0o077).toBe(0);
    nextSave = null;
    expect(await call('runs:save-har', { runId: runs.value[0]!.id })).toEqual({ ok: true, value: { cancelled: true } });
    expect(await call('runs:save-har', { runId: MISSING })).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });

  it('reports no token before one is obtained, and forgetting is idempotent', async () => {
    expect(await call('tokens:get', { profileId: id })).toEqual({ ok: true, value: null });
    expect(await call('tokens:forget', { profileId: id })).toEqual({ ok: true, value: { forgotten: false } });
    expect(await call('tokens:get', { profileId: MISSING })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(existsSync(join(ctx.dataDir, 'authbench.db'))).toBe(true);
  });
});
