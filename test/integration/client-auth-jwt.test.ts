/**
 * private_key_jwt and client_secret_jwt (RFC 7523 §2.2, OIDC Core §9) end to end: real services (SQLite, the
 * keychain) against a real oidc-provider on 127.0.0.1, which verifies the client assertion.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProfileInput, SecretsPatch } from '../../src-shared/profile';
import { profileInput } from '../../src-shared/profile';
import type { TestRun } from '../../src-shared/test-run';
import { startOidcIdp, type RunningIdp } from '../../src-main/demo/demo-idp';
import { TestRunner } from '../../src-main/services/test-runner';
import { RunsRepo } from '../../src-main/store/runs-repo';
import { makeTestContext, type TestContext } from '../helpers/context';
import { makeClientKey, sqliteHolds } from '../helpers/client-keys';

const RSA = makeClientKey('rsa', 'rsa-1');
const EC = makeClientKey('ec', 'ec-1');
const OTHER = makeClientKey('rsa', 'rsa-1');
const HS_SECRET = 'client-secret-jwt-secret-that-is-long-enough-0123456789';

describe('JWT client authentication against oidc-provider', () => {
  let idp: RunningIdp;
  let ctx: TestContext;

  beforeAll(async () => {
    idp = await startOidcIdp({
      scopes: ['api:read'],
      clients: [
        {
          client_id: 'pk-client',
          token_endpoint_auth_method: 'private_key_jwt',
          jwks: { keys: [RSA.publicJwk, EC.publicJwk] },
          scope: 'api:read',
        },
        {
          client_id: 'hs-client',
          client_secret: HS_SECRET,
          token_endpoint_auth_method: 'client_secret_jwt',
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
  const fields = (over: Partial<ProfileInput> = {}) =>
    ({
      grantType: 'client_credentials',
      name: `jwt ${++n}`,
      identityProviderName: 'oidc-provider',
      clientId: 'pk-client',
      clientAuthMethod: 'private_key_jwt',
      tokenUrl: idp.tokenEndpoint,
      scopes: [{ key: 'scope', value: 'api:read' }],
      ...over,
    }) as ProfileInput;
  async function run(over: Partial<ProfileInput>, secrets: SecretsPatch, tests = ctx.tests): Promise<TestRun> {
    const profile = await ctx.profiles.create(fields(over), secrets);
    expect(profile.status).toBe('configured');
    return tests.run(profile.id, { timeoutMs: 10_000 });
  }
  const token = (r: TestRun) => r.exchanges.find((e) => e.step === 'token')!;

  it('private_key_jwt with a PEM key: the assertion is accepted, shown decoded, and stored without its signature or the key', async () => {
    const r = await run(
      { clientAssertion: { alg: '', kid: 'rsa-1', audience: 'token_endpoint' } },
      { jwtSigningKey: RSA.pem },
    );
    expect(r.error).toBeUndefined();
    expect(r.ok).toBe(true);
    const t = token(r);
    const [a] = t.request.assertions!;
    expect(a!.parameter).toBe('client_assertion');
    expect(a!.header).toMatchObject({ alg: 'RS256', kid: 'rsa-1', typ: 'JWT' });
    expect(a!.claims).toMatchObject({ iss: 'pk-client', sub: 'pk-client', aud: idp.tokenEndpoint });
    expect((a!.claims.exp as number) - (a!.claims.iat as number)).toBeLessThanOrEqual(300);
    const form = new URLSearchParams(t.request.body!);
    expect(form.get('client_assertion_type')).toBe('urn:ietf:params:oauth:client-assertion-type:jwt-bearer');
    expect(form.get('client_assertion')).toBe('[redacted]');
    expect(JSON.stringify(r)).not.toMatch(/eyJ[\w-]+\.eyJ[\w-]+\.[\w-]{20,}/);
    const keyBody = RSA.pem.split('\n')[1]!;
    expect(JSON.stringify(r)).not.toContain(keyBody);
    expect(sqliteHolds(ctx.dataDir, keyBody)).toBe(false);
    expect(sqliteHolds(ctx.dataDir, 'rsa-1')).toBe(true); // the decoded header is stored: the scan can see
  });

  it('private_key_jwt with an EC key given as a JWK: ES256 and the kid come from the key', async () => {
    const r = await run({}, { jwtSigningKey: EC.jwk });
    expect(r.ok).toBe(true);
    expect(token(r).request.assertions![0]!.header).toMatchObject({ alg: 'ES256', kid: 'ec-1' });
    expect(JSON.stringify(r)).not.toContain(JSON.parse(EC.jwk).d as string);
  });

  it('client_secret_jwt signs with the client secret (HS256), and the audience may be the Issuer', async () => {
    const r = await run(
      {
        clientId: 'hs-client',
        clientAuthMethod: 'client_secret_jwt',
        issuer: idp.issuer,
        clientAssertion: { alg: '', audience: 'issuer', kid: '' },
      },
      { clientSecret: HS_SECRET },
    );
    expect(r.error).toBeUndefined();
    const [a] = token(r).request.assertions!;
    expect(a!.header.alg).toBe('HS256');
    expect(a!.claims.aud).toBe(idp.issuer);
    expect(JSON.stringify(r)).not.toContain(HS_SECRET);
  });

  it('a key the IdP does not know fails with invalid_client and a diagnosis about the key', async () => {
    const r = await run(
      { clientAssertion: { alg: '', kid: 'rsa-1', audience: 'token_endpoint' } },
      { jwtSigningKey: OTHER.pem },
    );
    expect(r.ok).toBe(false);
    expect(r.error?.oauthError).toBe('invalid_client');
    expect(r.error?.diagnosis).toMatch(/could not verify the assertion's signature: the key/);
    expect(r.error?.hint).toMatch(/^Check, in order: key: .*kid "rsa-1".*exp \/ clock: .*aud: .*alg: /);
    expect(token(r).request.assertions![0]!.claims.iss).toBe('pk-client');
  });

  it('a wrong audience fails with invalid_client and a diagnosis that leads with aud', async () => {
    const r = await run(
      { clientAssertion: { alg: '', kid: '', audience: 'custom', audienceUrl: 'https://elsewhere.example/token' } },
      { jwtSigningKey: RSA.pem },
    );
    expect(r.error?.oauthError).toBe('invalid_client');
    expect(r.error?.diagnosis).toMatch(/wrong audience \(aud\): its aud "https:\/\/elsewhere.example\/token"/);
    expect(r.error?.hint).toMatch(/^Check, in order: aud: /);
  });

  it("an expired assertion (this machine's clock 10 min behind) fails with a diagnosis about exp and the clock", async () => {
    const tests = new TestRunner({
      profiles: ctx.profiles,
      runs: new RunsRepo(ctx.db),
      http: ctx.http,
      now: () => new Date(Date.now() - 10 * 60_000),
    });
    const r = await run({}, { jwtSigningKey: RSA.pem }, tests);
    expect(r.error?.oauthError).toBe('invalid_client');
    expect(r.error?.diagnosis).toMatch(/looks expired or not yet valid.*clock is (10 min|9 min 5\d s)/);
    expect(r.error?.hint).toMatch(/^Check, in order: exp \/ clock: /);
  });

  it('validates: an HMAC alg with private_key_jwt, an Issuer audience without an Issuer; a missing key leaves it not configured', async () => {
    const bad = profileInput.safeParse(fields({ clientAssertion: { alg: 'HS256', kid: '', audience: 'issuer' } }));
    expect(bad.success).toBe(false);
    const messages = bad.error!.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    expect(messages).toContain('clientAssertion.alg: private_key_jwt signs with a private key (RS, PS, ES or EdDSA)');
    expect(messages).toContain('clientAssertion.audience: Set the Issuer, or choose the Token Request URL');
    const created = await ctx.profiles.create(fields(), {});
    expect(created.status).toBe('not_configured');
    expect(created.statusReasons).toEqual(['JWT Signing Key is not set']);
    await expect(
      ctx.profiles.create(fields({ name: 'bad key' }), { jwtSigningKey: 'not a key' }).then((p) => ctx.tests.run(p.id)),
    ).rejects.toThrow(/JWT Signing Key is not a private key/);
  });
});
