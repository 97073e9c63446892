/**
 * The Authorization Check URL against a real IdP and API: the API accepts only live access
 * tokens of @node-oauth/oauth2-server and says where it found one, so each Authorization Field placement
 * (header, query, payload, path) is proven on the wire; an auth error status triggers one refresh and one
 * retry, both recorded.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../src-shared/errors';
import { profileInput, type ProfileInput } from '../../src-shared/profile';
import { buildCheckRequest } from '../../src-main/oauth/check';
import type { TestRun } from '../../src-shared/test-run';
import { makeTestContext, type TestContext } from '../helpers/context';
import { startPasswordIdp, type PasswordIdp } from '../helpers/password-idp';

const SECRET = 'check-client-secret';
const PASSWORD = 'check-user-password';

describe('Authorization Check URL', () => {
  let idp: PasswordIdp;
  let ctx: TestContext;
  const runs: TestRun[] = [];

  beforeAll(async () => {
    idp = await startPasswordIdp({
      clients: [
        { id: 'check-client', secret: SECRET },
        { id: 'no-refresh', secret: SECRET, grants: ['password'] },
      ],
      users: [{ username: 'bob', password: PASSWORD }],
    });
    ctx = makeTestContext();
  });
  afterAll(async () => {
    await ctx?.dispose();
    await idp?.close();
  });

  let n = 0;
  async function test(
    fields: Record<string, unknown>,
    formValues: Record<string, string> = {},
    tenant?: string,
  ): Promise<TestRun> {
    const profile = await ctx.profiles.create(
      {
        grantType: 'password',
        name: `check ${++n}`,
        identityProviderName: 'oauth2-server',
        clientId: 'check-client',
        tokenUrl: idp.tokenUrl,
        checkUrl: `${idp.apiUrl}/me`,
        ...fields,
      } as ProfileInput,
      { clientSecret: SECRET },
    );
    const run = await ctx.tests.run(profile.id, {
      formValues: { username: 'bob', password: PASSWORD, ...formValues },
      timeoutMs: 10_000,
      ...(tenant ? { tenant } : {}),
    });
    runs.push(run);
    return run;
  }
  const steps = (run: TestRun) => run.exchanges.map((e) => e.step);
  const lastCall = () => idp.apiCalls.at(-1)!;
  const latestToken = () => idp.issued.at(-1)!.accessToken;

  it('sends the token as a header (Authorization: Bearer) and passes', async () => {
    const run = await test({
      authorizationFields: [{ type: 'header', key: 'Authorization', value: 'Bearer {{access_token}}' }],
    });
    expect(run.ok).toBe(true);
    expect(steps(run)).toEqual(['token', 'check']);
    const check = run.exchanges[1]!;
    expect(check.request).toMatchObject({ method: 'GET', body: null });
    expect(check.request.headers.authorization).toBe('Bearer [redacted]');
    expect(check.response?.status).toBe(200);
    expect(lastCall()).toMatchObject({ via: 'header:authorization', token: latestToken(), method: 'GET' });
  });

  it('sends the token in a custom header with {{token_type}}', async () => {
    const run = await test({
      authorizationFields: [
        { type: 'header', key: 'X-Api-Token', value: '{{access_token}}' },
        { type: 'header', key: 'X-Token-Type', value: '{{token_type}}' },
      ],
    });
    expect(run.ok).toBe(true);
    expect(lastCall()).toMatchObject({ via: 'header:x-api-token' });
    expect(lastCall().headers['x-token-type']).toBe('Bearer');
  });

  it('sends the token as a query parameter', async () => {
    const run = await test({
      authorizationFields: [{ type: 'query', key: 'access_token', value: '{{access_token}}' }],
    });
    expect(run.ok).toBe(true);
    expect(lastCall()).toMatchObject({ via: 'query:access_token', method: 'GET' });
    expect(run.exchanges[1]!.request.url).toContain('access_token=[redacted]');
  });

  it('sends payload fields as a JSON body with POST, form values usable as {{key}}', async () => {
    const run = await test({
      authorizationFields: [
        { type: 'payload', key: 'token', value: '{{access_token}}' },
        { type: 'payload', key: 'user', value: '{{username}}' },
      ],
    });
    expect(run.ok).toBe(true);
    const call = lastCall();
    expect(call).toMatchObject({ via: 'payload:token', method: 'POST' });
    expect(call.headers['content-type']).toBe('application/json');
    expect(JSON.parse(call.body)).toEqual({ token: latestToken(), user: 'bob' });
  });

  it('replaces {key} in the path, percent-encoded as one segment', async () => {
    const run = await test({
      checkUrl: `${idp.apiUrl}/tokens/{tok}/me`,
      authorizationFields: [{ type: 'path', key: 'tok', value: '{{access_token}}' }],
    });
    expect(run.ok).toBe(true);
    expect(lastCall()).toMatchObject({ via: 'path', path: `/api/tokens/${encodeURIComponent(latestToken())}/me` });
  });

  it('sends Authorization: Bearer when the profile has no authorization fields (RFC 6750 §2.1)', async () => {
    const run = await test({});
    expect(run.ok).toBe(true);
    expect(lastCall().via).toBe('header:authorization');
  });

  it('renders {tenant} in the check URL and in field values', async () => {
    const run = await test(
      {
        tenancy: { enabled: true },
        checkUrl: `${idp.origin}/t/{tenant}/api/me`,
        authorizationFields: [
          { type: 'header', key: 'Authorization', value: 'Bearer {{access_token}}' },
          { type: 'header', key: 'X-Tenant', value: '{tenant}' },
        ],
      },
      {},
      'Acme-1',
    );
    expect(run.ok).toBe(true);
    expect(lastCall().path).toBe('/t/Acme-1/api/me');
    expect(lastCall().headers['x-tenant']).toBe('Acme-1');
  });

  describe('auth error status → one refresh, one retry', () => {
    it('refreshes and retries with the new token; both check attempts are in the run', async () => {
      idp.rejectNextApiCalls(1);
      const run = await test({});
      expect(run.ok).toBe(true);
      expect(steps(run)).toEqual(['token', 'check', 'refresh', 'check']);
      expect(run.exchanges.map((e) => e.response?.status)).toEqual([200, 401, 200, 200]);
      const [first, second] = idp.apiCalls.slice(-2);
      expect(first!.token).not.toBe(second!.token);
      expect(idp.issued.find((t) => t.accessToken === second!.token)?.grant).toBe('refresh_token');
      expect(run.token?.hasRefreshToken).toBe(true);
    });

    it('fails when the API refuses the refreshed token too, saying so', async () => {
      idp.rejectNextApiCalls(2);
      const run = await test({});
      expect(run.ok).toBe(false);
      expect(steps(run)).toEqual(['token', 'check', 'refresh', 'check']);
      expect(run.error).toMatchObject({ code: 'http_error', status: 401 });
      expect(run.error?.message).toMatch(/again, after a refresh/);
      expect(run.error?.message).toMatch(/WWW-Authenticate: Bearer/);
      expect(run.error?.diagnosis).toBe('The token was obtained but the API refused it, even after a refresh.');
    });

    it('uses the profile’s own auth error codes (403 here)', async () => {
      idp.rejectNextApiCalls(1, 403);
      const run = await test({ authErrorStatusCodes: [403] });
      expect(run.ok).toBe(true);
      expect(steps(run)).toEqual(['token', 'check', 'refresh', 'check']);
    });

    it('does not refresh on a status the profile does not list, and explains the refusal', async () => {
      idp.rejectNextApiCalls(1, 403);
      const run = await test({ authErrorStatusCodes: [401] });
      expect(run.ok).toBe(false);
      expect(steps(run)).toEqual(['token', 'check']);
      expect(run.error).toMatchObject({
        code: 'http_error',
        status: 403,
        diagnosis: 'The token was obtained but the API refused it.',
      });
      expect(run.error?.hint).toMatch(/Auth Error Status Codes/);
    });

    it('fails with the refresh error when the token cannot be refreshed', async () => {
      idp.rejectNextApiCalls(1);
      const run = await test({ clientId: 'no-refresh' });
      expect(run.ok).toBe(false);
      expect(steps(run)).toEqual(['token', 'check', 'refresh']);
      expect(run.error).toMatchObject({ code: 'oauth_error', oauthError: 'unauthorized_client' });
      expect(run.error?.message).toMatch(/refused the token \(HTTP 401\) and it could not be refreshed/);
    });
  });

  it('fails with http_error for an API failure that is not about the token', async () => {
    const run = await test({ checkUrl: `${idp.apiUrl}/fail/500` });
    expect(run.ok).toBe(false);
    expect(steps(run)).toEqual(['token', 'check']);
    expect(run.error).toMatchObject({
      code: 'http_error',
      status: 500,
      diagnosis: 'The token was obtained, but the check call failed.',
    });
  });

  it('fails clearly when the check URL cannot be reached', async () => {
    const run = await test({ checkUrl: 'http://127.0.0.1:9/api/me' });
    expect(run.error).toMatchObject({ code: 'connection_refused' });
    expect(run.error?.message).toMatch(/^The Authorization Check URL could not be called: Connection refused/);
    expect(steps(run)).toEqual(['token', 'check']);
  });

  it('refuses an unknown {{field}} in an authorization field before any request, naming it', async () => {
    const before = [idp.tokenRequests.length, idp.apiCalls.length];
    const err = await test({ authorizationFields: [{ type: 'header', key: 'X-Who', value: '{{employee}}' }] }).catch(
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(AppError);
    expect(err).toMatchObject({
      code: 'invalid_request',
      message: expect.stringMatching(/Authorization field X-Who uses \{\{employee\}\}/),
    });
    expect([idp.tokenRequests.length, idp.apiCalls.length]).toEqual(before);
  });

  it('keeps every access and refresh token (old and new) out of the runs', () => {
    const json = JSON.stringify(runs);
    expect(idp.issued.length).toBeGreaterThan(10);
    for (const t of idp.issued) {
      expect(json).not.toContain(t.accessToken);
      if (t.refreshToken) expect(json).not.toContain(t.refreshToken);
    }
    expect(json).not.toContain(PASSWORD);
  });
});

describe('buildCheckRequest', () => {
  const profile = (fields: Record<string, unknown>) =>
    profileInput.parse({
      grantType: 'client_credentials',
      name: 'c',
      identityProviderName: 'i',
      clientId: 'c',
      tokenUrl: 'https://idp.example/token',
      checkUrl: 'https://api.example/v1/{id}/me?x=1',
      ...fields,
    });
  const token = (accessToken: string) => ({ accessToken, summary: { tokenType: 'Bearer', hasRefreshToken: false } });

  it('percent-encodes a path value so it stays one segment', () => {
    const req = buildCheckRequest(
      profile({ authorizationFields: [{ type: 'path', key: 'id', value: '{{access_token}}' }] }),
      token('a/../b?c#d'),
      {},
      undefined,
    );
    expect(req.url).toBe('https://api.example/v1/a%2F..%2Fb%3Fc%23d/me?x=1');
  });

  it.each(['.', '..'])('refuses a path value rendering to the dot segment %j (it would move up the path)', (v) => {
    const fields = { authorizationFields: [{ type: 'path', key: 'id', value: '{{who}}' }] };
    expect(() => buildCheckRequest(profile(fields), token('t'), { who: v }, undefined)).toThrowError(
      expect.objectContaining({ code: 'invalid_request', message: expect.stringMatching(/dot segment/) }),
    );
    expect(buildCheckRequest(profile(fields), token('t'), { who: `${v}x` }, undefined).url).toBe(
      `https://api.example/v1/${v}x/me?x=1`,
    );
  });

  it('refuses two path values that together make a dot segment', () => {
    const two = profile({
      checkUrl: 'https://api.example/v1/{a}{b}/me',
      authorizationFields: [
        { type: 'path', key: 'a', value: '{{p}}' },
        { type: 'path', key: 'b', value: '{{p}}' },
      ],
    });
    expect(() => buildCheckRequest(two, token('t'), { p: '.' }, undefined)).toThrowError(/dot segment/);
    expect(buildCheckRequest(two, token('t'), { p: 'x' }, undefined).url).toBe('https://api.example/v1/xx/me');
  });

  it('refuses a token that would put a line break into a header', () => {
    expect(() => buildCheckRequest(profile({}), token('abc\r\nX-Evil: 1'), {}, undefined)).toThrowError(/line break/);
  });

  it('keeps the query of the check URL and appends query fields', () => {
    const req = buildCheckRequest(
      profile({
        checkUrl: 'https://api.example/me?x=1',
        authorizationFields: [{ type: 'query', key: 'token', value: '{{access_token}}' }],
      }),
      token('t 1'),
      {},
      undefined,
    );
    expect(req).toMatchObject({ method: 'GET', url: 'https://api.example/me?x=1&token=t+1', body: null });
  });
});
