/**
 * The password grant end to end (RFC 6749 §4.3; legacy per RFC 9700 §2.4): the real services (SQLite, the
 * real keychain) against @node-oauth/oauth2-server on 127.0.0.1 — success, its RFC 6749 errors, IDP form
 * fields, pre-authorized credentials, and refresh through its refresh_token grant.
 */
import { LEGACY_GRANT_WARNING } from '../../src-shared/grants';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../src-shared/errors';
import type { IdpFormField, ProfileInput, SecretsPatch } from '../../src-shared/profile';
import type { TestProgress, TestRun } from '../../src-shared/test-run';
import { makeTestContext, type TestContext } from '../helpers/context';
import { startPasswordIdp, type PasswordIdp } from '../helpers/password-idp';

const CLIENT_SECRET = 'pw-client Secret:%+&';
const PASSWORD = 'correct horse:battery%staple';
const SUPPORT_PIN = 'pin-73915';

describe('password grant against @node-oauth/oauth2-server', () => {
  let idp: PasswordIdp;
  let ctx: TestContext;
  const runs: TestRun[] = [];
  const progress: TestProgress[] = [];

  beforeAll(async () => {
    idp = await startPasswordIdp({
      clients: [{ id: 'pw-client', secret: CLIENT_SECRET }],
      users: [{ username: 'alice', password: PASSWORD }],
      scopes: ['read', 'write'],
    });
    ctx = makeTestContext();
    ctx.events.on('test:progress', (p) => progress.push(p));
  });
  afterAll(async () => {
    await ctx?.dispose();
    await idp?.close();
  });

  let counter = 0;
  async function create(fields: Partial<ProfileInput> & Record<string, unknown> = {}, secrets: SecretsPatch = {}) {
    return ctx.profiles.create(
      {
        grantType: 'password',
        name: `pw ${++counter}`,
        identityProviderName: 'oauth2-server',
        clientId: 'pw-client',
        tokenUrl: idp.tokenUrl,
        scopes: [{ key: 'scope', value: 'read' }],
        ...fields,
      } as ProfileInput,
      { clientSecret: CLIENT_SECRET, ...secrets },
    );
  }
  async function test(
    fields: Partial<ProfileInput> & Record<string, unknown> = {},
    formValues: Record<string, string> = { username: 'alice', password: PASSWORD },
    secrets: SecretsPatch = {},
  ) {
    const profile = await create(fields, secrets);
    const run = await ctx.tests.run(profile.id, { formValues, timeoutMs: 10_000 });
    runs.push(run);
    return { run, profile };
  }

  it('obtains a token with username and password (client_secret_basic), marked legacy once, in the warnings of the run', async () => {
    const { run } = await test();
    expect(run.ok).toBe(true);
    expect(run.grantType).toBe('password');
    expect(run.token).toMatchObject({ tokenType: 'Bearer', scope: 'read', hasRefreshToken: true });
    // oauth2-server computes expires_in from the expiry date, so a second may have passed.
    expect(run.token!.expiresIn).toBeGreaterThanOrEqual(3598);
    expect(run.token!.expiresIn).toBeLessThanOrEqual(3600);
    const got = new URLSearchParams(idp.tokenRequests.at(-1)!.body);
    expect(Object.fromEntries(got)).toEqual({
      grant_type: 'password',
      username: 'alice',
      password: PASSWORD,
      scope: 'read',
    });
    const sent = new URLSearchParams(run.exchanges[0]!.request.body!);
    expect(sent.get('username')).toBe('alice'); // typed usernames stay visible; only secrets are masked
    expect(sent.get('password')).toBe('[redacted]');
    expect(run.exchanges[0]!.request.headers.authorization).toBe('Basic [redacted]');
    // Said once, with the result: not also as a progress message the CLI would print a second time.
    expect(progress.some((p) => /legacy/.test(p.message))).toBe(false);
    expect(run.warnings).toEqual([LEGACY_GRANT_WARNING]);
  });

  it('sends the client credentials in the body with client_secret_post', async () => {
    const { run } = await test({ clientAuthMethod: 'client_secret_post' });
    expect(run.ok).toBe(true);
    expect(idp.tokenRequests.at(-1)!.headers.authorization).toBeUndefined();
    expect(new URLSearchParams(idp.tokenRequests.at(-1)!.body).get('client_secret')).toBe(CLIENT_SECRET);
  });

  it('reports a wrong password as invalid_grant, with a diagnosis', async () => {
    const { run } = await test({}, { username: 'alice', password: 'wrong-password' });
    expect(run.ok).toBe(false);
    expect(run.error).toMatchObject({ code: 'oauth_error', oauthError: 'invalid_grant', status: 400 });
    expect(run.error?.oauthErrorDescription).toMatch(/user credentials are invalid/);
    expect(run.error?.diagnosis).toMatch(/user credentials/);
  });

  it('reports a wrong client secret as invalid_client (HTTP 401)', async () => {
    const profile = await create({}, { clientSecret: 'not-the-secret' });
    const run = await ctx.tests.run(profile.id, { formValues: { username: 'alice', password: PASSWORD } });
    runs.push(run);
    expect(run.error).toMatchObject({ code: 'oauth_error', oauthError: 'invalid_client', status: 401 });
  });

  it('reports invalid_scope for a scope the IdP does not grant', async () => {
    const { run } = await test({ scopes: [{ key: 'scope', value: 'admin' }] });
    expect(run.error).toMatchObject({ code: 'oauth_error', oauthError: 'invalid_scope' });
  });

  it('takes username and password from the keychain in pre-authorize mode', async () => {
    const { run } = await test({ authorizationMode: 'pre_authorize' }, {}, { username: 'alice', password: PASSWORD });
    expect(run.ok).toBe(true);
    expect(new URLSearchParams(idp.tokenRequests.at(-1)!.body).get('username')).toBe('alice');
  });

  it('refuses to start without a password in user mode, naming the field, and sends nothing', async () => {
    const before = idp.tokenRequests.length;
    const profile = await create();
    const err = await ctx.tests.run(profile.id, { formValues: { username: 'alice' } }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect(err).toMatchObject({ code: 'invalid_request', details: { issues: [{ path: 'formValues.password' }] } });
    expect((err as AppError).message).toMatch(/"Password" is required/);
    expect(idp.tokenRequests.length).toBe(before);
  });

  describe('IDP form fields', () => {
    const idpFormFields = [
      { title: 'Support PIN', key: 'support_pin', fieldType: 'password', mandatory: true, dataType: 'string' },
      { title: 'Employee number', key: 'employee_no', dataType: 'number' },
      { title: 'Notify', key: 'notify', dataType: 'email' },
      { title: 'Channel', key: 'channel', visibility: 'hidden', defaultValue: 'authbench' },
      { title: 'Region', key: 'region', visibility: 'readonly', defaultValue: 'eu' },
      // The schema fills in the omitted parts (help hint, type, …).
    ] as unknown as IdpFormField[];
    const fields = {
      idpFormFields,
      requestHeaders: [{ key: 'X-Employee', value: '{{employee_no}}-{{channel}}' }],
      additionalFields: [{ key: 'device', value: 'pin:{{region}}' }],
    };

    it('sends typed, hidden and read-only values as parameters and as {{key}} in headers and additional fields', async () => {
      const { run } = await test(fields, {
        username: 'alice',
        password: PASSWORD,
        support_pin: SUPPORT_PIN,
        employee_no: ' 42 ',
      });
      expect(run.ok).toBe(true);
      const got = idp.tokenRequests.at(-1)!;
      expect(Object.fromEntries(new URLSearchParams(got.body))).toMatchObject({
        support_pin: SUPPORT_PIN,
        employee_no: '42',
        channel: 'authbench',
        region: 'eu',
        device: 'pin:eu',
      });
      expect(new URLSearchParams(got.body).has('notify')).toBe(false);
      expect(got.headers['x-employee']).toBe('42-authbench');
      expect(JSON.stringify(run)).not.toContain(SUPPORT_PIN);
    });

    it.each([
      [{ support_pin: '' }, /"Support PIN" is required/, 'formValues.support_pin'],
      [{ employee_no: '4x2' }, /"Employee number" must be a number/, 'formValues.employee_no'],
      [{ notify: 'not an email' }, /"Notify" must be an e-mail address/, 'formValues.notify'],
      [{ region: 'us' }, /"Region" is read-only/, 'formValues.region'],
      [{ channel: 'evil' }, /"Channel" is hidden/, 'formValues.channel'],
    ])('refuses %j before sending anything', async (values, message, path) => {
      const before = idp.tokenRequests.length;
      const profile = await create(fields);
      const err = await ctx.tests
        .run(profile.id, { formValues: { username: 'alice', password: PASSWORD, support_pin: SUPPORT_PIN, ...values } })
        .catch((e: unknown) => e);
      expect(err).toMatchObject({
        code: 'invalid_request',
        message: expect.stringMatching(message),
        details: { issues: [{ path }] },
      });
      expect(idp.tokenRequests.length).toBe(before);
    });
  });

  describe('refresh (RFC 6749 §6) through the refresh_token grant', () => {
    it('refreshes with the same client authentication, no scope, and the rotated token replaces the old one', async () => {
      const { run, profile } = await test({
        requestHeaders: [{ key: 'X-Trace', value: 'on' }],
        applyHeadersToRefresh: false,
      });
      expect(run.ok).toBe(true);
      const first = idp.issued.at(-1)!;
      const refreshed = await ctx.tests.refreshNow(profile.id);
      runs.push(refreshed);
      expect(refreshed.ok).toBe(true);
      expect(refreshed.exchanges.map((e) => e.step)).toEqual(['refresh']);
      const got = idp.tokenRequests.at(-1)!;
      expect(Object.fromEntries(new URLSearchParams(got.body))).toEqual({
        grant_type: 'refresh_token',
        refresh_token: first.refreshToken,
      });
      expect(got.headers.authorization).toMatch(/^Basic /);
      expect(got.headers['x-trace']).toBeUndefined();
      const rotated = idp.issued.at(-1)!;
      expect(rotated.grant).toBe('refresh_token');
      expect(rotated.refreshToken).not.toBe(first.refreshToken);
      // The rotated token is the one held: a second refresh works, and used the new refresh token.
      const again = await ctx.tests.refreshNow(profile.id);
      runs.push(again);
      expect(again.ok).toBe(true);
      expect(new URLSearchParams(idp.tokenRequests.at(-1)!.body).get('refresh_token')).toBe(rotated.refreshToken);
    });

    it('sends the extra headers and client_secret_post on refresh when the profile says so', async () => {
      const { profile } = await test({
        clientAuthMethod: 'client_secret_post',
        requestHeaders: [{ key: 'X-Trace', value: 'on' }],
        applyHeadersToRefresh: true,
      });
      const refreshed = await ctx.tests.refreshNow(profile.id);
      runs.push(refreshed);
      expect(refreshed.ok).toBe(true);
      const got = idp.tokenRequests.at(-1)!;
      expect(new URLSearchParams(got.body).get('grant_type')).toBe('refresh_token');
      expect(got.headers['x-trace']).toBe('on');
      expect(got.headers.authorization).toBeUndefined();
      expect(new URLSearchParams(got.body).get('client_secret')).toBe(CLIENT_SECRET);
    });
  });

  it('keeps passwords, PINs and client secrets out of every run and out of the database file', () => {
    expect(runs.length).toBeGreaterThanOrEqual(8);
    const json = JSON.stringify(runs);
    const db = ['authbench.db', 'authbench.db-wal']
      .map((f) => join(ctx.dataDir, f))
      .filter(existsSync)
      .map((f) => readFileSync(f).toString('latin1'))
      .join('\n');
    expect(db).toContain(runs[0]!.id);
    for (const secret of [
      PASSWORD,
      SUPPORT_PIN,
      CLIENT_SECRET,
      encodeURIComponent(PASSWORD),
      new URLSearchParams({ p: PASSWORD }).toString().slice(2),
      ...idp.issued.flatMap((t) => [t.accessToken, t.refreshToken ?? 'none-issued']),
    ]) {
      expect(json).not.toContain(secret);
      expect(db).not.toContain(secret);
    }
  });
});
