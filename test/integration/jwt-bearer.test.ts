/**
 * The JWT bearer grant (RFC 7523 §2.1) end to end: the assertion is built from the profile and signed with the JWT
 * Signing Key; oidc-provider's registered grant (src-main/demo/idp-client-auth.ts) verifies it against the client's
 * JWKS and issues an access token.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProfileInput, SecretsPatch } from '../../src-shared/profile';
import type { TestRun } from '../../src-shared/test-run';
import { startOidcIdp, type RunningIdp } from '../../src-main/demo/demo-idp';
import { JWT_BEARER } from '../../src-main/demo/idp-client-auth';
import { TestRunner } from '../../src-main/services/test-runner';
import { RunsRepo } from '../../src-main/store/runs-repo';
import { makeTestContext, type TestContext } from '../helpers/context';
import { makeClientKey, sqliteHolds } from '../helpers/client-keys';

const KEY = makeClientKey('rsa', 'svc-1');
const ED = makeClientKey('ed25519', 'svc-ed');
const STRANGER = makeClientKey('rsa', 'svc-1');

describe('JWT bearer grant against oidc-provider', () => {
  let idp: RunningIdp;
  let ctx: TestContext;

  beforeAll(async () => {
    idp = await startOidcIdp({
      scopes: ['api:read'],
      clients: [
        {
          client_id: 'service-account',
          token_endpoint_auth_method: 'none',
          grant_types: [JWT_BEARER],
          jwks: { keys: [KEY.publicJwk, ED.publicJwk] },
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

  let n = 0;
  async function run(over: Partial<ProfileInput>, secrets: SecretsPatch, tests = ctx.tests): Promise<TestRun> {
    const profile = await ctx.profiles.create(
      {
        grantType: 'jwt_bearer',
        name: `bearer ${++n}`,
        identityProviderName: 'oidc-provider',
        clientId: 'service-account',
        clientAuthMethod: 'none',
        tokenUrl: idp.tokenEndpoint,
        scopes: [{ key: 'scope', value: 'api:read' }],
        ...over,
      } as ProfileInput,
      secrets,
    );
    expect(profile.statusReasons).toEqual([]);
    return tests.run(profile.id, { timeoutMs: 10_000 });
  }
  const token = (r: TestRun) => r.exchanges.find((e) => e.step === 'token')!;

  it('obtains a token: grant_type and assertion sent, claims shown decoded, nothing of the signature or key stored', async () => {
    const r = await run(
      {
        jwtBearer: {
          alg: '',
          issuer: '',
          subject: 'robot@example.test',
          claims: [
            { key: 'tenant', value: 'acme' },
            { key: 'level', value: '3' },
          ],
          kid: 'svc-1',
        },
      },
      { jwtSigningKey: KEY.pem },
    );
    expect(r.error).toBeUndefined();
    expect(r.ok).toBe(true);
    const form = new URLSearchParams(token(r).request.body!);
    expect(form.get('grant_type')).toBe('urn:ietf:params:oauth:grant-type:jwt-bearer');
    expect(form.get('assertion')).toBe('[redacted]');
    const [a] = token(r).request.assertions!;
    expect(a!.parameter).toBe('assertion');
    expect(a!.header).toMatchObject({ alg: 'RS256', kid: 'svc-1' });
    expect(a!.claims).toMatchObject({
      iss: 'service-account',
      sub: 'robot@example.test',
      aud: idp.tokenEndpoint,
      scope: 'api:read',
      tenant: 'acme',
      level: 3,
    });
    expect(JSON.stringify(r)).not.toMatch(/eyJ[\w-]+\.eyJ[\w-]+\.[\w-]{20,}/);
    expect(sqliteHolds(ctx.dataDir, KEY.pem.split('\n')[1]!)).toBe(false);
    expect(r.token?.scope).toBe('api:read');
  });

  it('signs with an Ed25519 JWK (EdDSA) and an audience of the issuer', async () => {
    const r = await run(
      { jwtBearer: { alg: '', issuer: '', subject: '', audience: idp.issuer, claims: [], kid: '' } },
      { jwtSigningKey: ED.jwk },
    );
    expect(r.error).toBeUndefined();
    expect(token(r).request.assertions![0]!.header).toMatchObject({ alg: 'EdDSA', kid: 'svc-ed' });
  });

  it('a key the IdP does not hold fails with invalid_grant and a diagnosis about the key', async () => {
    const r = await run({}, { jwtSigningKey: STRANGER.pem });
    expect(r.error?.oauthError).toBe('invalid_grant');
    expect(r.error?.diagnosis).toMatch(/refused the JWT bearer assertion with invalid_grant/);
    expect(r.error?.hint).toMatch(/^Check, in order: key: /);
  });

  it('a wrong audience fails with invalid_grant and a diagnosis that leads with aud', async () => {
    const r = await run(
      { jwtBearer: { alg: '', issuer: '', subject: '', audience: 'https://wrong.example/', claims: [], kid: '' } },
      { jwtSigningKey: KEY.pem },
    );
    expect(r.error?.oauthError).toBe('invalid_grant');
    expect(r.error?.diagnosis).toMatch(/wrong audience \(aud\)/);
  });

  it('an expired assertion (clock 10 min behind) fails with invalid_grant and a diagnosis about the clock', async () => {
    const tests = new TestRunner({
      profiles: ctx.profiles,
      runs: new RunsRepo(ctx.db),
      http: ctx.http,
      now: () => new Date(Date.now() - 10 * 60_000),
    });
    const r = await run({}, { jwtSigningKey: KEY.pem }, tests);
    expect(r.error?.oauthError).toBe('invalid_grant');
    expect(r.error?.diagnosis).toMatch(/looks expired or not yet valid/);
  });

  it('is not configured without a JWT Signing Key; extra claims may not be registered claim names', async () => {
    const p = await ctx.profiles.create(
      {
        grantType: 'jwt_bearer',
        name: 'no key',
        identityProviderName: 'x',
        clientId: 'service-account',
        clientAuthMethod: 'none',
        tokenUrl: idp.tokenEndpoint,
      } as ProfileInput,
      {},
    );
    expect(p.statusReasons).toEqual(['JWT Signing Key is not set']);
    await expect(
      ctx.profiles.create(
        {
          grantType: 'jwt_bearer',
          name: 'exp claim',
          identityProviderName: 'x',
          clientId: 'service-account',
          tokenUrl: idp.tokenEndpoint,
          jwtBearer: { claims: [{ key: 'exp', value: '1' }] },
        } as never,
        {},
      ),
    ).rejects.toThrow(/jwtBearer\.claims\.0\.key: Set by Authbench; use its own field/);
  });
});
