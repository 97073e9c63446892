/**
 * A client-credentials Test end to end (docs/architecture.md, "A Test, step by step"): the real services (SQLite in a temp dir, the real
 * keychain) against a real oidc-provider on 127.0.0.1, over real HTTP.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProfileInput } from '../../src-shared/profile';
import type { TestRun } from '../../src-shared/test-run';
import { startOidcIdp, type RunningIdp } from '../../src-main/demo/demo-idp';
import { basicAuthorization } from '../../src-main/oauth/token-request';
import { makeTestContext, type TestContext } from '../helpers/context';

// Characters that break naive Basic or form encoding (RFC 6749 §2.3.1): space, ':', '%', '+', '&'.
// Only printable ASCII: client secrets are VSCHAR (RFC 6749 Appendix A.2), and oidc-provider enforces it.
const BASIC_SECRET = 'basic Secret:with %2B+&~';
const POST_SECRET = 'post-Secret with spaces & symbols %+:';
const WRONG_SECRET = 'wrong-secret-value-42';

describe('client-credentials Test against oidc-provider', () => {
  let idp: RunningIdp;
  let ctx: TestContext;

  beforeAll(async () => {
    idp = await startOidcIdp({
      scopes: ['api:read', 'api:write'],
      clients: [
        {
          client_id: 'basic-client',
          client_secret: BASIC_SECRET,
          token_endpoint_auth_method: 'client_secret_basic',
          grant_types: ['client_credentials'],
          scope: 'api:read api:write',
        },
        {
          client_id: 'post-client',
          client_secret: POST_SECRET,
          token_endpoint_auth_method: 'client_secret_post',
          grant_types: ['client_credentials'],
          scope: 'api:read',
        },
      ],
    });
    ctx = makeTestContext();
  });

  afterAll(async () => {
    await ctx?.dispose();
    await idp?.close();
  });

  let counter = 0;
  /** Creates a profile through the service (the secret goes to the keychain) and runs its Test. */
  async function createAndRun(fields: Partial<ProfileInput>, clientSecret: string): Promise<TestRun> {
    const profile = await ctx.profiles.create(
      {
        grantType: 'client_credentials',
        name: `profile ${++counter}`,
        identityProviderName: 'oidc-provider',
        clientId: 'basic-client',
        clientAuthMethod: 'client_secret_basic',
        tokenUrl: idp.tokenEndpoint,
        scopes: [{ key: 'scope', value: 'api:read' }],
        ...fields,
      },
      { clientSecret },
    );
    expect(profile.status).toBe('configured');
    return ctx.tests.run(profile.id, { timeoutMs: 10_000 });
  }

  const runs: TestRun[] = [];
  const track = (run: TestRun) => (runs.push(run), run);

  it('warns, in the run, when the token call is a GET (parameters in the URL), and has no warning for POST', async () => {
    const get = track(
      await createAndRun(
        { clientAuthMethod: 'client_secret_post', tokenRequest: { method: 'GET', contentType: 'form' } },
        BASIC_SECRET,
      ),
    );
    expect(get.exchanges[0]!.request.method).toBe('GET');
    expect(get.exchanges[0]!.request.url).toContain('client_secret=[redacted]');
    expect(get.warnings).toEqual([expect.stringMatching(/uses GET, so its parameters .* travel in the URL/)]);
    const post = track(await createAndRun({}, BASIC_SECRET));
    expect(post.warnings).toBeUndefined();
  });

  it('passes with the right secret: HTTP 200, a Bearer token and its summary', async () => {
    const run = track(await createAndRun({ scopes: [{ key: 'scope', value: 'api:read api:write' }] }, BASIC_SECRET));
    expect(run.ok).toBe(true);
    expect(run.error).toBeUndefined();
    expect(run.exchanges).toHaveLength(1);
    const [exchange] = run.exchanges;
    expect(exchange!.step).toBe('token');
    expect(exchange!.response?.status).toBe(200);
    const body = JSON.parse(exchange!.response!.body!);
    expect(body.token_type).toBe('Bearer');
    expect(body.access_token).toBe('[redacted]');
    expect(run.token).toMatchObject({
      tokenType: 'Bearer',
      expiresIn: 3600,
      scope: 'api:read api:write',
      hasRefreshToken: false,
    });
  });

  it("decodes the JWT access token's claims for display", async () => {
    const run = track(await createAndRun({}, BASIC_SECRET));
    expect(run.token?.claims).toMatchObject({
      iss: idp.issuer,
      aud: idp.apiResource,
      client_id: 'basic-client',
      scope: 'api:read',
    });
    expect(run.token?.claims?.exp).toEqual(expect.any(Number));
  });

  it('fails with a wrong secret: the IdP says invalid_client on HTTP 401, with a diagnosis', async () => {
    const run = track(await createAndRun({}, WRONG_SECRET));
    expect(run.ok).toBe(false);
    expect(run.token).toBeUndefined();
    expect(run.exchanges[0]!.response?.status).toBe(401);
    expect(run.error).toMatchObject({ code: 'oauth_error', oauthError: 'invalid_client', status: 401 });
    expect(run.error?.diagnosis).toMatch(/did not accept the client credentials/);
    expect(run.error?.hint).toMatch(/client_secret_basic/);
  });

  it('client_secret_basic sends the credentials in the Authorization header, not the body', async () => {
    const run = track(await createAndRun({ clientAuthMethod: 'client_secret_basic' }, BASIC_SECRET));
    expect(run.ok).toBe(true);
    const { request } = run.exchanges[0]!;
    expect(request.headers.authorization).toBe('Basic [redacted]');
    const form = new URLSearchParams(request.body!);
    expect([...form.keys()].sort()).toEqual(['grant_type', 'scope']);
  });

  it('client_secret_post sends client_id and client_secret in the body, and no Authorization header', async () => {
    const run = track(
      await createAndRun({ clientId: 'post-client', clientAuthMethod: 'client_secret_post' }, POST_SECRET),
    );
    expect(run.ok).toBe(true);
    const { request } = run.exchanges[0]!;
    expect(request.headers).not.toHaveProperty('authorization');
    const form = new URLSearchParams(request.body!);
    expect(form.get('client_id')).toBe('post-client');
    expect(form.get('client_secret')).toBe('[redacted]');
  });

  it('fails with invalid_scope for a scope the IdP does not know', async () => {
    const run = track(await createAndRun({ scopes: [{ key: 'scope', value: 'api:read api:delete' }] }, BASIC_SECRET));
    expect(run.ok).toBe(false);
    expect(run.exchanges[0]!.response?.status).toBe(400);
    expect(run.error).toMatchObject({ code: 'oauth_error', oauthError: 'invalid_scope', status: 400 });
    expect(run.error?.diagnosis).toMatch(/refused the requested scope/);
  });

  it('fails with invalid_scope for a known scope this client may not request', async () => {
    const run = track(
      await createAndRun(
        {
          clientId: 'post-client',
          clientAuthMethod: 'client_secret_post',
          scopes: [{ key: 'scope', value: 'api:write' }],
        },
        POST_SECRET,
      ),
    );
    expect(run.error).toMatchObject({ code: 'oauth_error', oauthError: 'invalid_scope' });
  });

  it('keeps every client secret out of the runs and out of the database file', () => {
    expect(runs.length).toBeGreaterThanOrEqual(7);
    const forms = (secret: string) => [
      secret,
      encodeURIComponent(secret),
      new URLSearchParams({ s: secret }).toString().slice(2),
      Buffer.from(secret).toString('base64'),
    ];
    const credentials = [
      basicAuthorization('basic-client', BASIC_SECRET).slice(6),
      basicAuthorization('post-client', POST_SECRET).slice(6),
    ];
    const json = JSON.stringify(runs);
    const db = ['authbench.db', 'authbench.db-wal']
      .map((f) => join(ctx.dataDir, f))
      .filter(existsSync)
      .map((f) => readFileSync(f).toString('latin1'))
      .join('\n');
    // The database holds the runs: check it is the file we think before checking what it lacks.
    expect(db).toContain(runs[0]!.id);
    for (const secret of [BASIC_SECRET, POST_SECRET, WRONG_SECRET]) {
      for (const form of forms(secret)) {
        expect(json).not.toContain(form);
        expect(db).not.toContain(form);
      }
    }
    for (const credential of credentials) {
      expect(json).not.toContain(credential);
      expect(db).not.toContain(credential);
    }
  });

  it('keeps the issued access tokens (JWTs) out of the runs and the database file', () => {
    const passed = runs.filter((r) => r.ok);
    expect(passed.length).toBeGreaterThanOrEqual(3);
    for (const run of passed) expect(JSON.parse(run.exchanges[0]!.response!.body!).access_token).toBe('[redacted]');
    const db = ['authbench.db', 'authbench.db-wal']
      .map((f) => join(ctx.dataDir, f))
      .filter(existsSync)
      .map((f) => readFileSync(f).toString('latin1'))
      .join('\n');
    const jwt = /eyJ[\w-]+\.eyJ[\w-]+\.[\w-]+/;
    expect(JSON.stringify(runs)).not.toMatch(jwt);
    expect(db).not.toMatch(jwt);
  });
});
