/** The IPC router over real services: valid input, invalid input and a failing service per channel. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHANNEL_NAMES } from '../../src-shared/channels';
import type { Envelope } from '../../src-shared/errors';
import { makeTestContext, type TestContext } from '../helpers/context';

const profile = {
  grantType: 'client_credentials',
  name: 'router profile',
  identityProviderName: 'Test IdP',
  clientId: 'c1',
  tokenUrl: 'http://127.0.0.1:9/token',
};
const MISSING = '00000000-0000-4000-8000-000000000000';

describe('IPC router', () => {
  let ctx: TestContext;
  let id: string;
  const call = (channel: unknown, payload: unknown) =>
    ctx.router.handle(channel, payload) as Promise<Envelope<unknown>>;

  beforeAll(async () => {
    ctx = makeTestContext();
    const created = await call('profiles:create', { profile, secrets: { clientSecret: 'router-secret-value' } });
    expect(created.ok).toBe(true);
    id = (created as { value: { id: string } }).value.id;
  });
  afterAll(async () => {
    await ctx.dispose();
  });

  it('has a handler for every channel of the contract', () => {
    expect([...ctx.router.channels].sort()).toEqual([...CHANNEL_NAMES].sort());
  });

  it('refuses unknown channels', async () => {
    expect(await call('profiles:drop-table', {})).toMatchObject({ ok: false, error: { code: 'invalid_request' } });
    expect(await call(42, {})).toMatchObject({ ok: false, error: { code: 'invalid_request' } });
  });

  it.each([
    ['profiles:list', null],
    ['profiles:get', { id: 'not-a-uuid' }],
    ['profiles:get', { id: MISSING, extra: 1 }],
    ['profiles:create', { profile: { ...profile, tokenUrl: 'file:///etc/passwd' } }],
    ['profiles:create', JSON.parse(`{"profile":${JSON.stringify(profile)},"__proto__":{"polluted":true}}`)],
    ['profiles:update', { id: MISSING, profile: { ...profile, clientId: 'x'.repeat(10_000) } }],
    ['profiles:delete', {}],
    ['test:run', { profileId: MISSING, timeoutMs: -5 }],
    ['test:cancel', 'nope'],
  ])('%s rejects a malformed payload with invalid_request', async (channel, payload) => {
    const res = await call(channel, payload);
    expect(res).toMatchObject({ ok: false, error: { code: 'invalid_request' } });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('names the field a raw payload got wrong, even with the renderer bypassed', async () => {
    const res = await call('profiles:create', {
      profile: { ...profile, name: 'other', tokenUrl: 'javascript:alert(1)' },
    });
    expect(res.ok).toBe(false);
    expect(
      (res as { error: { details: { issues: { path: string }[] } } }).error.details.issues.map((i) => i.path),
    ).toEqual(['profile.tokenUrl']);
  });

  it.each([
    ['profiles:get', { id: MISSING }, 'not_found'],
    ['profiles:update', { id: MISSING, profile }, 'not_found'],
    ['profiles:delete', { id: MISSING }, 'not_found'],
    ['test:run', { profileId: MISSING }, 'not_found'],
    ['profiles:create', { profile }, 'conflict'],
    ['profiles:update', { id: 'ID', profile: { ...profile, name: 'renamed' } }, 'immutable_field'],
  ])('%s returns the service error %s as an envelope', async (channel, payload, code) => {
    const body = JSON.parse(JSON.stringify(payload).replace('"ID"', JSON.stringify(id)));
    expect(await call(channel, body)).toMatchObject({ ok: false, error: { code } });
  });

  it('answers valid calls with values, never secrets', async () => {
    const list = await call('profiles:list', {});
    expect(list).toMatchObject({ ok: true, value: [{ id, name: 'router profile', status: 'configured' }] });
    const got = await call('profiles:get', { id });
    expect(got).toMatchObject({ ok: true, value: { id, secrets: { clientSecret: true } } });
    expect(JSON.stringify(got)).not.toContain('router-secret-value');
    expect(await call('test:cancel', { profileId: id })).toEqual({ ok: true, value: { cancelled: false } });
  });

  it('returns a failed Test as a value (connection refused), not as an error', async () => {
    const res = await call('test:run', { profileId: id, timeoutMs: 5000 });
    expect(res.ok).toBe(true);
    const run = (res as { value: { ok: boolean; error: { code: string }; exchanges: unknown[] } }).value;
    expect(run.ok).toBe(false);
    expect(run.error.code).toBe('connection_refused');
    expect(run.exchanges).toHaveLength(1);
    expect(JSON.stringify(res)).not.toContain('router-secret-value');
  });
});
