/**
 * The handler slices of src-main/ipc/handlers through the real router and services: together they cover
 * every contract channel exactly once, and the file channels ask the (stand-in) OS dialog for a path, then
 * let the services read or write the file.
 */
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { CHANNEL_NAMES } from '../../src-shared/channels';
import type { Envelope } from '../../src-shared/errors';
import type { TestRun } from '../../src-shared/test-run';
import { toHar } from '../../src-main/http/har';
import type { FileDialogs } from '../../src-main/ipc/file-dialogs';
import { discoveryHandlers } from '../../src-main/ipc/handlers/discovery';
import { profileHandlers } from '../../src-main/ipc/handlers/profiles';
import { runHandlers } from '../../src-main/ipc/handlers/runs';
import { batchHandlers } from '../../src-main/ipc/handlers/batch';
import { testHandlers } from '../../src-main/ipc/handlers/tests';
import { TokenTools } from '../../src-main/services/token-tools';
import { tokenHandlers } from '../../src-main/ipc/handlers/tokens';
import { settingsHandlers } from '../../src-main/ipc/handlers/settings';
import { transferHandlers } from '../../src-main/ipc/handlers/transfer';
import type { Handlers } from '../../src-main/ipc/router';
import { APP_VERSION } from '../../src-main/version';
import { makeTestContext, type TestContext } from '../helpers/context';

const SECRET = 'router-handlers-secret';
const profile = {
  grantType: 'client_credentials',
  name: 'har source',
  identityProviderName: 'Test IdP',
  clientId: 'c1',
  tokenUrl: 'http://127.0.0.1:9/token',
};
const MISSING = '00000000-0000-4000-8000-000000000000';

describe('IPC handler slices', () => {
  let ctx: TestContext;
  let dir: string;
  /** What the stand-in dialogs answer next (null = Cancel), and the default names they were offered. */
  const next: { open: string | null; save: string | null } = { open: null, save: null };
  const offered: string[] = [];
  const dialogs: FileDialogs = {
    openProfiles: async () => {
      offered.push('(open)');
      return next.open;
    },
    saveProfiles: async (name) => {
      offered.push(name);
      return next.save;
    },
    saveHar: async (name) => {
      offered.push(name);
      return next.save;
    },
    saveCurl: async (name) => {
      offered.push(name);
      return next.save;
    },
    saveBundle: async (name) => {
      offered.push(name);
      return next.save;
    },
    confirmExportWithSecrets: async (count) => {
      offered.push(`(confirm ${count})`);
      return true;
    },
  };
  const call = async <T = unknown>(channel: string, payload: unknown) =>
    (await ctx.router.handle(channel, payload)) as Envelope<T>;
  const value = <T>(res: Envelope<T>): T => {
    if (!res.ok) throw new Error(`${res.error.code}: ${res.error.message}`);
    return res.value;
  };
  let id: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'authbench-handlers-'));
    ctx = makeTestContext({ dialogs });
    id = value(await call<{ id: string }>('profiles:create', { profile, secrets: { clientSecret: SECRET } })).id;
  });
  afterAll(async () => {
    await ctx.dispose();
    rmSync(dir, { recursive: true, force: true });
  });
  beforeEach(() => {
    offered.length = 0;
    next.open = null;
    next.save = null;
  });

  it('cover every channel of the contract, each in exactly one slice', () => {
    const slices = [
      profileHandlers(ctx.profiles),
      discoveryHandlers(ctx.profiles, ctx.http),
      transferHandlers(ctx.transfer, dialogs),
      runHandlers(ctx.runs, dialogs),
      testHandlers(ctx.tests),
      batchHandlers(ctx.batches),
      tokenHandlers(
        ctx.tests,
        new TokenTools({ ...ctx, record: (run) => ctx.runs.record(run), tokens: ctx.tests.tokens }),
      ),
      settingsHandlers(ctx.settings),
    ].map((slice) => Object.keys(slice));
    const all = slices.flat();
    expect(new Set(all).size).toBe(all.length);
    expect([...all].sort()).toEqual([...CHANNEL_NAMES].sort());
    // A Handlers map missing a slice does not compile (checked by `tsc`, which fails on an unused expect-error).
    // @ts-expect-error the tokens:* channels have no handler
    const partial: Handlers = { ...profileHandlers(ctx.profiles), ...testHandlers(ctx.tests) };
    expect(Object.keys(partial)).not.toContain('tokens:get');
  });

  it('profiles:update to another token host drops the client secret and token unless the request confirms', async () => {
    const src = { ...profile, name: 'moving host' };
    const pid = value(
      await call<{ id: string }>('profiles:create', { profile: src, secrets: { clientSecret: SECRET } }),
    ).id;
    const held = async () => ({
      secret: await ctx.profiles.readSecret(pid, 'clientSecret'),
      token: await ctx.profiles.readEntry(pid, 'token'),
    });
    await ctx.profiles.writeEntry(pid, 'token', '{"access_token":"t"}');
    const samePath = { ...src, tokenUrl: 'http://127.0.0.1:9/v2/token' };
    value(await call('profiles:update', { id: pid, profile: samePath }));
    expect(await held()).toEqual({ secret: SECRET, token: '{"access_token":"t"}' });
    const moved = { ...src, tokenUrl: 'http://localhost:9/token' };
    value(await call('profiles:update', { id: pid, profile: moved, keepSecretsForNewOrigin: true }));
    expect(await held()).toEqual({ secret: SECRET, token: '{"access_token":"t"}' });
    const view = value(
      await call<{ secrets: { clientSecret: boolean } }>('profiles:update', { id: pid, profile: src }),
    );
    expect(view.secrets.clientSecret).toBe(false);
    expect(await held()).toEqual({ secret: null, token: null });
    await call('profiles:delete', { id: pid });
  });

  it("export offers the profile's name, or a generic one for several, and writes where the dialog chose", async () => {
    const copy = value(await call<{ id: string }>('profiles:duplicate', { id, name: 'copy', copySecrets: false }));
    next.save = join(dir, 'one.json');
    expect(value(await call('profiles:export', { ids: [id] }))).toMatchObject({ path: next.save, count: 1 });
    next.save = join(dir, 'two.json');
    expect(value(await call('profiles:export', { ids: [id, copy.id] }))).toMatchObject({ path: next.save, count: 2 });
    expect(offered).toEqual(['har source.authbench.json', 'profiles.authbench.json']);
    const written = JSON.parse(readFileSync(next.save, 'utf8'));
    expect(written.profiles.map((p: { name: string }) => p.name)).toEqual(['har source', 'copy']);
    expect(statSync(next.save).mode & 0o777).toBe(0o600);
    await call('profiles:delete', { id: copy.id });
  });

  it('refuses an unknown profile or run before any dialog opens', async () => {
    next.save = join(dir, 'never.json');
    const notFound = { ok: false, error: { code: 'not_found' } };
    expect(await call('profiles:export', { ids: [id, MISSING] })).toMatchObject(notFound);
    expect(await call('runs:save-har', { runId: MISSING })).toMatchObject(notFound);
    expect(offered).toEqual([]);
  });

  it('imports the real file the open dialog chose: secrets to the keychain, a non-JSON file refused', async () => {
    next.open = join(dir, 'import.json');
    const carried = 'carried-in-the-file';
    const entry = { ...profile, name: 'imported', clientSecret: carried };
    const doc = { format: 'authbench.profiles/v1', profiles: [entry] };
    writeFileSync(next.open, JSON.stringify(doc));
    const preview = await call<{ importId: string }>('profiles:import', {});
    expect(value(preview)).toEqual({
      importId: expect.any(String),
      path: next.open,
      format: 'authbench',
      entries: [
        {
          index: 0,
          name: 'imported',
          grantType: 'client_credentials',
          exists: false,
          carriesSecrets: true,
          movesOrigin: false,
          notes: [],
          secretsFound: ['clientSecret'],
        },
      ],
    });
    expect(JSON.stringify(preview)).not.toContain(carried);
    const res = await call('profiles:import-apply', { importId: value(preview).importId, choices: [] });
    expect(value(res)).toEqual({ path: next.open, entries: [{ index: 0, name: 'imported', outcome: 'imported' }] });
    expect(JSON.stringify(res)).not.toContain(carried);
    const imported = await ctx.profiles.getByName('imported');
    expect(imported.status).toBe('configured');
    expect(await ctx.profiles.readSecret(imported.id, 'clientSecret')).toBe(carried);
    writeFileSync(next.open, '{ not json');
    const refused = await call('profiles:import', {});
    expect(refused).toMatchObject({ ok: false, error: { code: 'invalid_request', message: /not JSON/ } });
    expect(offered).toEqual(['(open)', '(open)']);
    await call('profiles:delete', { id: imported.id });
  });

  it('asks per clashing name and never keeps a stored secret for a moved token URL silently', async () => {
    const stored = 'stored-for-the-old-host';
    const base = { ...profile, name: 'clash', tokenUrl: 'http://127.0.0.1:9/token' };
    const pid = value(
      await call<{ id: string }>('profiles:create', { profile: base, secrets: { clientSecret: stored } }),
    ).id;
    next.open = join(dir, 'clash.json');
    const moved = { ...base, tokenUrl: 'http://attacker.example:9/token' };
    writeFileSync(next.open, JSON.stringify({ format: 'authbench.profiles/v1', profiles: [moved, moved, moved] }));
    const preview = value(await call<{ importId: string; entries: unknown[] }>('profiles:import', {}));
    expect(preview.entries).toEqual(
      [0, 1, 2].map((index) => ({
        index,
        name: 'clash',
        grantType: 'client_credentials',
        exists: true,
        carriesSecrets: false,
        movesOrigin: true,
        notes: [],
        secretsFound: [],
      })),
    );
    const choices = [
      { index: 0, choice: 'skip' },
      { index: 1, choice: 'copy' },
    ];
    const report = value(await call('profiles:import-apply', { importId: preview.importId, choices }));
    // Index 2 had no answer: skipped, like the explicit skip.
    expect(report).toMatchObject({
      entries: [
        { index: 0, outcome: 'skipped' },
        { index: 1, outcome: 'imported', importedAs: 'clash (2)' },
        { index: 2, outcome: 'skipped' },
      ],
    });
    expect((await ctx.profiles.get(pid)).tokenUrl).toBe(base.tokenUrl);
    expect(await ctx.profiles.readSecret(pid, 'clientSecret')).toBe(stored);
    const copy = await ctx.profiles.getByName('clash (2)');
    expect(copy.tokenUrl).toBe(moved.tokenUrl);
    expect(copy.secrets.clientSecret).toBe(false);

    // Replace: the profile moves, and the secret stored for the old host is gone.
    const again = value(await call<{ importId: string }>('profiles:import', {}));
    const replaced = value(
      await call('profiles:import-apply', { importId: again.importId, choices: [{ index: 0, choice: 'replace' }] }),
    );
    expect(replaced).toMatchObject({ entries: [{ outcome: 'replaced', secretsDropped: true }, {}, {}] });
    expect((await ctx.profiles.get(pid)).tokenUrl).toBe(moved.tokenUrl);
    expect(await ctx.profiles.readSecret(pid, 'clientSecret')).toBeNull();
    await call('profiles:delete', { id: pid });
    await call('profiles:delete', { id: copy.id });
  });

  it('refuses an import file over 10 MB before reading it', async () => {
    next.open = join(dir, 'huge.json');
    writeFileSync(next.open, Buffer.alloc(10 * 1024 * 1024 + 1, 0x20));
    expect(await call('profiles:import', {})).toMatchObject({
      ok: false,
      error: { code: 'invalid_request', message: expect.stringMatching(/at most 10 MB/) },
    });
  });

  it('save-har offers "<profile> <startedAt>.har" and writes the stored, redacted run with mode 0600', async () => {
    const run = value(await call<TestRun>('test:run', { profileId: id, timeoutMs: 2000 }));
    next.save = join(dir, 'run.har');
    expect(value(await call('runs:save-har', { runId: run.id }))).toEqual({ path: next.save });
    expect(offered).toEqual([`har source ${run.startedAt.replace(/[:.]/g, '-')}.har`]);
    expect(statSync(next.save).mode & 0o777).toBe(0o600);
    const text = readFileSync(next.save, 'utf8');
    expect(JSON.parse(text)).toEqual(JSON.parse(JSON.stringify(toHar(run, APP_VERSION))));
    expect(text).toContain('Basic [redacted]');
    expect(text).not.toContain(SECRET);
    expect(text).not.toContain(Buffer.from(`c1:${SECRET}`).toString('base64'));
  });

  it('without dialogs (the CLI), every file channel answers unavailable', async () => {
    const bare = makeTestContext();
    try {
      const created = await bare.router.handle('profiles:create', { profile, secrets: { clientSecret: SECRET } });
      const pid = (created as { value: { id: string } }).value.id;
      const run = (await bare.router.handle('test:run', { profileId: pid, timeoutMs: 2000 })) as Envelope<TestRun>;
      const runId = value(run).id;
      for (const [channel, payload] of [
        ['profiles:import', {}],
        ['profiles:export', { ids: [pid] }],
        ['runs:save-har', { runId }],
      ] as const) {
        expect(await bare.router.handle(channel, payload)).toMatchObject({ ok: false, error: { code: 'unavailable' } });
      }
    } finally {
      await bare.dispose();
    }
  });
});
