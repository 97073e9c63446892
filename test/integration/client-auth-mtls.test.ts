/**
 * tls_client_auth and self_signed_tls_client_auth (RFC 8705 §2) end to end: oidc-provider with `features.mTLS`
 * behind an https server on 127.0.0.1 that asks for client certificates; the profile's Client Certificate Exchange
 * authenticates the client and only `client_id` travels in the body.
 */
import { X509Certificate } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { profileInput, type ProfileInput, type SecretsPatch } from '../../src-shared/profile';
import type { TestRun } from '../../src-shared/test-run';
import { startOidcIdp, type RunningIdp } from '../../src-main/demo/demo-idp';
import { makeTestContext, type TestContext } from '../helpers/context';
import { makeTlsFixtures, type TlsFixtures } from '../helpers/tls-fixtures';

describe('mTLS client authentication against oidc-provider', () => {
  let fx: TlsFixtures;
  let idp: RunningIdp;
  let ctx: TestContext;

  beforeAll(async () => {
    fx = makeTlsFixtures();
    const self = new X509Certificate(fx.selfSigned.cert);
    const x5c = fx.selfSigned.cert.replace(/-----(BEGIN|END) CERTIFICATE-----|\s/g, '');
    idp = await startOidcIdp({
      tls: { cert: fx.server.cert, key: fx.server.key, ca: fx.ca },
      scopes: ['api:read'],
      clients: [
        {
          client_id: 'tls-client',
          token_endpoint_auth_method: 'tls_client_auth',
          tls_client_auth_subject_dn: 'CN=authbench-client',
          scope: 'api:read',
        },
        {
          client_id: 'self-signed-client',
          token_endpoint_auth_method: 'self_signed_tls_client_auth',
          jwks: { keys: [{ ...self.publicKey.export({ format: 'jwk' }), x5c: [x5c] }] },
          scope: 'api:read',
        },
      ],
    });
    ctx = makeTestContext();
  });
  afterAll(async () => {
    await ctx?.dispose();
    await idp?.close();
    fx?.dispose();
  });

  let n = 0;
  const fields = (over: Partial<ProfileInput>) =>
    ({
      grantType: 'client_credentials',
      name: `mtls ${++n}`,
      identityProviderName: 'oidc-provider',
      clientId: 'tls-client',
      clientAuthMethod: 'tls_client_auth',
      tokenUrl: idp.tokenEndpoint,
      caBundle: fx.ca,
      scopes: [{ key: 'scope', value: 'api:read' }],
      ...over,
    }) as ProfileInput;
  async function run(over: Partial<ProfileInput>, secrets: SecretsPatch): Promise<TestRun> {
    const profile = await ctx.profiles.create(fields(over), secrets);
    expect(profile.statusReasons).toEqual([]);
    return ctx.tests.run(profile.id, { timeoutMs: 10_000 });
  }
  const body = (r: TestRun) => new URLSearchParams(r.exchanges.find((e) => e.step === 'token')!.request.body!);

  it('tls_client_auth: the CA-issued client certificate authenticates; client_id alone in the body, no secret asked', async () => {
    const r = await run(
      { clientCertificate: { enabled: true, format: 'pem', certificate: fx.client.cert } },
      { clientPrivateKey: fx.client.key, clientCertificatePassphrase: fx.client.passphrase },
    );
    expect(r.error).toBeUndefined();
    expect(r.ok).toBe(true);
    expect([...body(r).keys()].sort()).toEqual(['client_id', 'grant_type', 'scope']);
    expect(body(r).get('client_id')).toBe('tls-client');
    expect(r.exchanges.find((e) => e.step === 'token')!.request.headers).not.toHaveProperty('authorization');
  });

  it('self_signed_tls_client_auth: the self-signed certificate registered in the client JWKS authenticates', async () => {
    const r = await run(
      {
        clientId: 'self-signed-client',
        clientAuthMethod: 'self_signed_tls_client_auth',
        clientCertificate: { enabled: true, format: 'pem', certificate: fx.selfSigned.cert },
      },
      { clientPrivateKey: fx.selfSigned.key },
    );
    expect(r.error).toBeUndefined();
    expect(body(r).get('client_id')).toBe('self-signed-client');
  });

  it('a certificate the client is not registered with fails with invalid_client', async () => {
    const r = await run(
      {
        clientId: 'self-signed-client',
        clientAuthMethod: 'self_signed_tls_client_auth',
        clientCertificate: { enabled: true, format: 'pem', certificate: fx.client.cert },
      },
      { clientPrivateKey: fx.client.key, clientCertificatePassphrase: fx.client.passphrase },
    );
    expect(r.ok).toBe(false);
    expect(r.error?.oauthError).toBe('invalid_client');
  });

  it('tls_client_auth without Client Certificate Exchange is a validation error, in the schema and on save', async () => {
    const parsed = profileInput.safeParse(fields({}));
    expect(parsed.success).toBe(false);
    expect(parsed.error!.issues.map((i) => `${i.path.join('.')}: ${i.message}`)).toContain(
      'clientAuthMethod: tls_client_auth needs Client Certificate Exchange on (RFC 8705 §2)',
    );
    await expect(
      ctx.profiles.create(fields({ clientAuthMethod: 'self_signed_tls_client_auth' }), {}),
    ).rejects.toMatchObject({
      code: 'invalid_request',
    });
  });
});
