/**
 * The discovery lint's client assertion alg check (RFC 8414 §2 `token_endpoint_auth_signing_alg_values_supported`)
 * through a real Test: real services (SQLite, the keychain) against an oidc-provider on 127.0.0.1 that accepts
 * only ES256 client assertions, so the warning comes before the IdP's own refusal.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProfileInput } from '../../src-shared/profile';
import { startOidcIdp, type RunningIdp } from '../../src-main/demo/demo-idp';
import { makeTestContext, type TestContext } from '../helpers/context';
import { makeClientKey } from '../helpers/client-keys';

const RSA = makeClientKey('rsa', 'alg-rsa');
const EC = makeClientKey('ec', 'alg-ec');

describe('the client assertion alg against an IdP that accepts only ES256', () => {
  let idp: RunningIdp;
  let ctx: TestContext;

  beforeAll(async () => {
    idp = await startOidcIdp({
      scopes: ['api:read'],
      clientAuthSigningAlgs: ['ES256'],
      clients: [
        {
          client_id: 'es-only',
          token_endpoint_auth_method: 'private_key_jwt',
          jwks: { keys: [RSA.publicJwk, EC.publicJwk] },
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

  const test = async (name: string, key: string) => {
    const profile = await ctx.profiles.create(
      {
        grantType: 'client_credentials',
        name,
        identityProviderName: 'oidc-provider',
        clientId: 'es-only',
        clientAuthMethod: 'private_key_jwt',
        issuer: idp.issuer,
        tokenUrl: idp.tokenEndpoint,
        scopes: [{ key: 'scope', value: 'api:read' }],
      } as ProfileInput,
      { jwtSigningKey: key },
    );
    return ctx.tests.run(profile.id, { timeoutMs: 10_000 });
  };
  const algWarning =
    /Client Assertion's alg "RS256" \(the JWT Signing Key's; token_endpoint_auth_signing_alg_values_supported: "ES256"\); expect invalid_client/;

  it('an RSA key (RS256): the lint warns before the token request, and the IdP refuses it with invalid_client', async () => {
    const run = await test('rsa key', RSA.pem);
    expect(run.warnings?.filter((w) => algWarning.test(w))).toHaveLength(1);
    expect(run.ok).toBe(false);
    expect(run.exchanges.map((e) => e.step)).toEqual(['discovery', 'token']);
    expect(run.exchanges[1]!.request.assertions?.[0]?.header).toMatchObject({ alg: 'RS256' });
    expect(run.error).toMatchObject({ oauthError: 'invalid_client', status: 401 });
  });

  it('an EC key (ES256): no alg warning, and the token is issued', async () => {
    const run = await test('ec key', EC.jwk);
    expect(run.error).toBeUndefined();
    expect(run.ok).toBe(true);
    expect((run.warnings ?? []).join('\n')).not.toMatch(/alg/);
  });
});
