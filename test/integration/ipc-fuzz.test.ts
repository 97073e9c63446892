/**
 * IPC fuzzing (docs/architecture.md, "The IPC contract"): every channel of src-shared/ipc.ts, through the
 * real router onto the real services (SQLite, keychain, dialogs that count their calls), fed hostile
 * payloads — wrong types, extra keys, own `__proto__` / `constructor` keys, 1 MB strings, NaN/Infinity,
 * arrays for objects, null. Each is answered with an `invalid_request` envelope, and nothing reaches a
 * service: the profile, its keychain entries, the runs table and the dialogs are untouched.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Envelope } from '../../src-shared/errors';
import { CHANNEL_NAMES, contract, type Channel } from '../../src-shared/ipc';
import { createHandlers } from '../../src-main/ipc/handlers';
import { createRouter, type Router } from '../../src-main/ipc/router';
import { makeTestContext, type TestContext } from '../helpers/context';

const MB = 'x'.repeat(1024 * 1024);
const MISSING = '00000000-0000-4000-8000-000000000000';
const base = {
  grantType: 'client_credentials',
  name: 'fuzz target',
  identityProviderName: 'IdP',
  clientId: 'client',
  tokenUrl: 'http://127.0.0.1:9/token',
};

let ctx: TestContext;
let id: string;
let dialogCalls = 0;
let serviceCalls: string[] = [];
let snapshot: unknown;
/** The real router over the context's real services, each wrapped to record every method called on it. */
let router: Router;

function counted<T extends object>(name: string, service: T): T {
  return new Proxy(service, {
    get(target, prop) {
      const value = Reflect.get(target, prop, target) as unknown;
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        serviceCalls.push(`${name}.${String(prop)}`);
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
}

/** What must not change: the profile rows, the keychain accounts and values, the runs. */
async function state() {
  const accounts = (await ctx.secrets.listAccounts()).sort();
  return {
    profiles: ctx.db.prepare('SELECT * FROM profiles ORDER BY id').all(),
    ledger: ctx.db.prepare('SELECT * FROM keychain_entries ORDER BY 1').all(),
    runs: ctx.db.prepare('SELECT count(*) AS n FROM test_runs').get(),
    settings: ctx.db.prepare('SELECT * FROM settings ORDER BY key').all(),
    keychain: await Promise.all(accounts.map(async (a) => [a, await ctx.secrets.get(a)])),
    dialogCalls,
  };
}

beforeAll(async () => {
  const dialog = async () => (dialogCalls++, null);
  ctx = makeTestContext();
  id = (await ctx.profiles.create(base, { clientSecret: 'fuzz-secret' })).id;
  const { profiles, transfer, runs, tests, batches, settings } = ctx;
  router = createRouter(
    createHandlers({
      profiles: counted('profiles', profiles),
      transfer: counted('transfer', transfer),
      runs: counted('runs', runs),
      tests: counted('tests', tests),
      batches: counted('batches', batches),
      http: counted('http', ctx.http),
      settings: counted('settings', settings),
      dialogs: counted('dialogs', {
        openProfiles: dialog,
        saveProfiles: dialog,
        saveHar: dialog,
        saveCurl: dialog,
        saveBundle: dialog,
        confirmExportWithSecrets: async () => (dialogCalls++, false),
      }),
    }),
  );
  snapshot = await state();
});
afterAll(async () => {
  expect(await state(), 'nothing reached a service').toEqual(snapshot);
  await ctx?.dispose();
});

/** A valid payload of each channel: the fuzzers break it. */
const valid = (): Record<Channel, Record<string, unknown>> => ({
  'profiles:list': {},
  'profiles:get': { id },
  'profiles:dpop-key': { id },
  'profiles:dpop-new-key': { id },
  'profiles:create': { profile: { ...base, name: 'new' }, secrets: { clientSecret: 's' } },
  'profiles:update': { id, profile: base, secrets: { clientSecret: 'changed' } },
  'profiles:delete': { id },
  'profiles:duplicate': { id, name: 'copy', copySecrets: true },
  'profiles:import': {},
  'profiles:import-apply': { importId: MISSING, choices: [{ index: 0, choice: 'skip' }] },
  'profiles:export': { ids: [id], includeSecrets: true },
  'profiles:discover': { issuer: 'http://127.0.0.1:9', tenant: 'acme', profileId: id },
  'test:run': { profileId: id, timeoutMs: 1000 },
  'test:cancel': { profileId: id },
  'test:open-browser': { profileId: id },
  'test:paste-callback': { profileId: id, url: 'http://127.0.0.1:9/callback?code=c&state=s' },
  'tests:run-batch': { profileIds: [id], concurrency: 4 },
  'tests:cancel-batch': { batchId: MISSING },
  'runs:list': { profileId: id, limit: 5 },
  'runs:save-har': { runId: MISSING },
  'runs:save-curl': { runId: MISSING },
  'runs:save-bundle': { runId: MISSING },
  'tokens:get': { profileId: id },
  'tokens:refresh': { profileId: id },
  'tokens:forget': { profileId: id },
  'tokens:introspect': { profileId: id, which: 'access_token' },
  'tokens:revoke': { profileId: id, which: 'refresh_token' },
  'tokens:userinfo': { profileId: id },
  'settings:get': {},
  'settings:update': { expiryWarningHours: 48, expiryNotifications: false },
});

/** An object with `key` as an own property (an object literal's `__proto__` would set the prototype). */
const withOwn = (object: object, key: string, value: unknown) =>
  Object.defineProperty({ ...object }, key, { value, enumerable: true, configurable: true, writable: true });

/** Values of the wrong type (or out of range) for a key whose valid value is `v`. */
function wrongFor(v: unknown): unknown[] {
  const common: unknown[] = [null, NaN, Infinity, -Infinity, MB, [v], () => 1, Symbol('s'), 10n];
  if (typeof v === 'boolean') return [...common, 'true', 1, 0, {}];
  if (typeof v === 'number') return [...common, '5', -1, 1.5, 0, true, {}];
  if (typeof v === 'string') return [...common, 1, true, {}, [], ` ${MB}`];
  if (Array.isArray(v)) return [...common.filter((w) => w !== null), {}, { 0: v[0], length: 1 }, [MB], [null], 'x'];
  return [...common, 'x', 1, true, [], withOwn(v as object, '__proto__', {}), withOwn(v as object, 'constructor', 1)];
}

/** Payloads that break a valid payload `p` of `channel`: not an object, an extra key, a key of the wrong type. */
function mutations(channel: Channel, p: Record<string, unknown>): fc.Arbitrary<unknown> {
  const known = new Set(Object.keys((contract[channel].request as unknown as { shape: object }).shape));
  const extraKey = fc.oneof(
    fc.constantFrom('__proto__', 'constructor', 'prototype', 'toString', 'isAdmin', 'x'.repeat(1000)),
    fc.string({ unit: 'binary', minLength: 1, maxLength: 20 }).filter((k) => !known.has(k)),
  );
  const notAnObject = fc.constantFrom<unknown>(null, undefined, NaN, Infinity, 0, '', MB, true, [], [p], () => p);
  const extra = fc.tuple(extraKey, fc.anything()).map(([k, v]) => withOwn(p, k, v));
  const keys = Object.keys(p);
  if (keys.length === 0) return fc.oneof(notAnObject, extra);
  const wrongType = fc
    .constantFrom(...keys)
    .chain((k) => fc.constantFrom(...wrongFor(p[k])).map((w) => withOwn(p, k, w)));
  return fc.oneof(notAnObject, extra, wrongType);
}

async function expectRefused(channel: Channel, payload: unknown) {
  serviceCalls = [];
  const envelope = (await router.handle(channel, payload)) as Envelope<unknown>;
  expect(envelope.ok, `${channel} accepted ${fc.stringify(payload).slice(0, 300)}`).toBe(false);
  if (envelope.ok) return;
  expect(envelope.error.code).toBe('invalid_request');
  expect(serviceCalls, 'no service method was called').toEqual([]);
  expect(JSON.stringify(envelope).length, 'the error does not echo a 1 MB value').toBeLessThan(64 * 1024);
}

describe('IPC fuzzing through the real router', () => {
  it('the valid payloads used as seeds are valid (so the fuzzers break them for the reason given)', () => {
    for (const [channel, payload] of Object.entries(valid()))
      expect(contract[channel as Channel].request.safeParse(payload).success, channel).toBe(true);
  });

  it('records the service calls of a valid request (so an empty record means something)', async () => {
    expect(await router.handle('profiles:list', {})).toMatchObject({ ok: true });
    expect(await router.handle('tokens:get', { profileId: id })).toMatchObject({ ok: true });
    expect(serviceCalls).toEqual(['profiles.list', 'tests.tokenState']);
    serviceCalls = [];
  });

  it.each(CHANNEL_NAMES)('%s: every hostile payload is invalid_request, and nothing reaches a service', async (c) => {
    await fc.assert(
      fc.asyncProperty(mutations(c, valid()[c]), (payload) => expectRefused(c, payload)),
      { numRuns: 150 },
    );
    for (const own of ['__proto__', 'constructor']) {
      await expectRefused(c, JSON.parse(`{"${own}": {"isAdmin": true}}`));
      await expectRefused(c, withOwn(valid()[c], own, { polluted: true }));
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(await state()).toEqual(snapshot);
  });

  it('refuses a nested __proto__ or constructor inside a profile, its secrets and its rows', async () => {
    const payloads = [
      { profile: JSON.parse(`{"__proto__": {"clientSecret": "x"}, ${JSON.stringify(base).slice(1)}`) },
      { profile: withOwn(base, 'constructor', { prototype: { admin: true } }) },
      { profile: base, secrets: JSON.parse('{"__proto__": {"clientSecret": "x"}}') },
      { profile: { ...base, scopes: [withOwn({ key: 'scope', value: 'a' }, '__proto__', {})] } },
      { profile: { ...base, requestHeaders: [{ key: 'X', value: 'v', constructor: 1 }] } },
    ];
    for (const payload of payloads) await expectRefused('profiles:create', payload);
    expect(await state()).toEqual(snapshot);
  });

  // zod's unrecognized-keys issue quotes the key: parseOrThrow clips issue paths and messages (src-shared/validate.ts).
  it('does not echo a 1 MB unknown key back in the error envelope', async () => {
    await expectRefused('profiles:list', { [MB]: 1 });
  });

  // A name is printed by the CLI to a terminal: NUL and ANSI escapes (ESC [) are refused by the schema.
  it('refuses control characters (NUL, ESC) in a profile name', async () => {
    const other = makeTestContext();
    try {
      for (const name of ['copy\u0000', 'evil\u001b[2J\u001b]0;owned\u0007']) {
        const envelope = await other.router.handle('profiles:create', { profile: { ...base, name } });
        expect(envelope).toMatchObject({ ok: false, error: { code: 'invalid_request' } });
      }
    } finally {
      await other.dispose();
    }
  });

  it('refuses an unknown channel, whatever the payload', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.string(), fc.anything()), fc.anything(), async (channel, payload) => {
        fc.pre(!(CHANNEL_NAMES as readonly unknown[]).includes(channel));
        serviceCalls = [];
        const envelope = await router.handle(channel, payload);
        expect(envelope).toMatchObject({ ok: false, error: { code: 'invalid_request' } });
        expect(serviceCalls).toEqual([]);
      }),
      { numRuns: 200 },
    );
  });
});
