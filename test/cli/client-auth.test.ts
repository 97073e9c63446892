/**
 * The built CLI with the new client authentication methods and the JWT bearer grant: profiles imported from a file
 * (the JWT Signing Key moves to the keychain), each tested once through `authbench test NAME --json` against
 * oidc-provider (mTLS ones over https); the JSON run shows the assertion decoded and never the key or signature,
 * and an export without secrets leaves the key out.
 */
import { X509Certificate } from 'node:crypto';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startOidcIdp, type RunningIdp } from '../../src-main/demo/demo-idp';
import { JWT_BEARER } from '../../src-main/demo/idp-client-auth';
import { useCliSandbox } from '../helpers/cli';
import { makeClientKey } from '../helpers/client-keys';
import { makeTlsFixtures, type TlsFixtures } from '../helpers/tls-fixtures';

const KEY = makeClientKey('rsa', 'cli-1');
const HS = 'cli-client-secret-jwt-secret-long-enough-0123456789';

describe('authbench test with JWT and mTLS client authentication and the JWT bearer grant', () => {
  let idp: RunningIdp;
  let tlsIdp: RunningIdp;
  let fx: TlsFixtures;
  const sandbox = useCliSandbox('authbench-cli-ca-');
  const { run } = sandbox;

  beforeAll(async () => {
    fx = makeTlsFixtures();
    idp = await startOidcIdp({
      scopes: ['api:read'],
      clients: [
        { client_id: 'pk', token_endpoint_auth_method: 'private_key_jwt', jwks: { keys: [KEY.publicJwk] } },
        { client_id: 'hs', client_secret: HS, token_endpoint_auth_method: 'client_secret_jwt' },
        {
          client_id: 'svc',
          token_endpoint_auth_method: 'none',
          grant_types: [JWT_BEARER],
          jwks: { keys: [KEY.publicJwk] },
          scope: 'api:read',
        },
      ],
    });
    const self = new X509Certificate(fx.selfSigned.cert);
    tlsIdp = await startOidcIdp({
      tls: { cert: fx.server.cert, key: fx.server.key, ca: fx.ca },
      clients: [
        {
          client_id: 'tls',
          token_endpoint_auth_method: 'tls_client_auth',
          tls_client_auth_subject_dn: 'CN=authbench-client',
        },
        {
          client_id: 'self',
          token_endpoint_auth_method: 'self_signed_tls_client_auth',
          jwks: {
            keys: [
              {
                ...self.publicKey.export({ format: 'jwk' }),
                x5c: [fx.selfSigned.cert.replace(/-----(BEGIN|END) CERTIFICATE-----|\s/g, '')],
              },
            ],
          },
        },
      ],
    });
    const base = {
      grantType: 'client_credentials',
      identityProviderName: 'oidc-provider',
      tokenUrl: idp.tokenEndpoint,
    };
    const mtls = (cert: string) => ({
      ...base,
      tokenUrl: tlsIdp.tokenEndpoint,
      caBundle: fx.ca,
      clientCertificate: { enabled: true, format: 'pem', certificate: cert },
    });
    const imported = await sandbox.importProfiles([
      { ...base, name: 'pk', clientId: 'pk', clientAuthMethod: 'private_key_jwt', jwtSigningKey: KEY.pem },
      { ...base, name: 'hs', clientId: 'hs', clientAuthMethod: 'client_secret_jwt', clientSecret: HS },
      {
        ...mtls(fx.client.cert),
        name: 'tls',
        clientId: 'tls',
        clientAuthMethod: 'tls_client_auth',
        clientPrivateKey: fx.client.key,
        clientCertificatePassphrase: fx.client.passphrase,
      },
      {
        ...mtls(fx.selfSigned.cert),
        name: 'self',
        clientId: 'self',
        clientAuthMethod: 'self_signed_tls_client_auth',
        clientPrivateKey: fx.selfSigned.key,
      },
      {
        ...base,
        grantType: 'jwt_bearer',
        name: 'bearer',
        clientId: 'svc',
        clientAuthMethod: 'none',
        scopes: [{ key: 'scope', value: 'api:read' }],
        jwtBearer: { subject: 'robot', claims: [{ key: 'team', value: 'ops' }] },
        jwtSigningKey: KEY.pem,
      },
    ]);
    expect(imported.stderr).toBe('');
    expect(imported.code).toBe(0);
  });
  afterAll(async () => {
    await idp?.close();
    await tlsIdp?.close();
    fx?.dispose();
  });

  const keyBody = KEY.pem.split('\n')[1]!;
  async function testJson(name: string) {
    const res = await run(['test', name, '--json']);
    expect(res.stdout + res.stderr).not.toContain(keyBody);
    expect(res.stdout).not.toMatch(/eyJ[\w-]+\.eyJ[\w-]+\.[\w-]{20,}/);
    expect(res.code, res.stderr).toBe(0);
    return JSON.parse(res.stdout) as {
      ok: boolean;
      exchanges: { request: { body: string; assertions?: unknown[] } }[];
    };
  }

  it('private_key_jwt: passes, the client assertion decoded in --json', async () => {
    const r = await testJson('pk');
    expect(r.ok).toBe(true);
    expect(r.exchanges[0]!.request.assertions).toMatchObject([
      {
        parameter: 'client_assertion',
        header: { alg: 'RS256' },
        claims: { iss: 'pk', sub: 'pk', aud: idp.tokenEndpoint },
      },
    ]);
    expect(r.exchanges[0]!.request.body).toContain('client_assertion=[redacted]');
  });

  it('client_secret_jwt: passes with HS256, the secret nowhere in the output', async () => {
    const res = await run(['test', 'hs', '--json']);
    expect(res.code).toBe(0);
    expect(res.stdout).not.toContain(HS);
    expect(JSON.parse(res.stdout).exchanges[0].request.assertions[0].header.alg).toBe('HS256');
  });

  it('tls_client_auth: passes with the client certificate, client_id alone in the body', async () => {
    const r = await testJson('tls');
    expect(r.ok).toBe(true);
    expect(r.exchanges[0]!.request.body).toBe('grant_type=client_credentials&client_id=tls');
  });

  it('self_signed_tls_client_auth: passes with the self-signed certificate', async () => {
    expect((await testJson('self')).ok).toBe(true);
  });

  it('the JWT bearer grant: passes, the assertion decoded with its claims', async () => {
    const r = await testJson('bearer');
    expect(r.ok).toBe(true);
    expect(r.exchanges[0]!.request.assertions).toMatchObject([
      { parameter: 'assertion', claims: { iss: 'svc', sub: 'robot', team: 'ops', scope: 'api:read' } },
    ]);
  });

  it('an export without secrets leaves the JWT Signing Key out; with --include-secrets it is there', async () => {
    const out = join(sandbox.dir, 'out.json');
    expect((await run(['profiles', 'export', '--all', '--out', out])).code).toBe(0);
    const { readFileSync } = await import('node:fs');
    expect(readFileSync(out, 'utf8')).not.toContain(keyBody);
    expect((await run(['profiles', 'export', '--all', '--include-secrets', '--out', out])).code).toBe(0);
    expect(
      JSON.parse(readFileSync(out, 'utf8')).profiles.find((p: { name: string }) => p.name === 'pk').jwtSigningKey,
    ).toBe(KEY.pem);
  });
});
