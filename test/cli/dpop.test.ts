/**
 * The built CLI with DPoP (RFC 9449): a profile imported with `dpop` on, tested twice through `authbench test NAME
 * --json` against oidc-provider: the run shows `token_type` DPoP and the proof decoded (header with the public jwk,
 * claims), the proof's signature and the private key never; the key is made once (same thumbprint on the second
 * Test); an export without secrets leaves the key out, one with secrets carries it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestRun } from '../../src-shared/test-run';
import { startOidcIdp, type RunningIdp } from '../../src-main/demo/demo-idp';
import { useCliSandbox } from '../helpers/cli';

const SECRET = 'cli dpop client secret 0123456789';

describe('authbench test with DPoP', () => {
  let idp: RunningIdp;
  const { run, importProfiles } = useCliSandbox('authbench-cli-dpop-');

  beforeAll(async () => {
    idp = await startOidcIdp({
      scopes: ['api:read'],
      clients: [{ client_id: 'svc', client_secret: SECRET, grant_types: ['client_credentials'], scope: 'api:read' }],
      dpop: { requireNonce: true },
    });
    const imported = await importProfiles([
      {
        grantType: 'client_credentials',
        name: 'dpop',
        identityProviderName: 'oidc-provider',
        clientId: 'svc',
        clientSecret: SECRET,
        tokenUrl: idp.tokenEndpoint,
        issuer: idp.issuer,
        scopes: [{ key: 'scope', value: 'api:read' }],
        dpop: { enabled: true, alg: 'ES256' },
      },
    ]);
    expect(imported.code, imported.stderr).toBe(0);
  });
  afterAll(async () => {
    await idp?.close();
  });

  async function testJson(): Promise<TestRun> {
    const res = await run(['test', 'dpop', '--json']);
    expect(res.code, res.stderr).toBe(0);
    // No whole JWS (a proof with its signature, or the token) and no private JWK member in the output.
    expect(res.stdout + res.stderr).not.toMatch(/eyJ[\w-]+\.eyJ[\w-]+\.[\w-]{20,}/);
    expect(res.stdout + res.stderr).not.toMatch(/"d"\s*:/);
    return JSON.parse(res.stdout) as TestRun;
  }

  it('shows token_type DPoP and the proofs decoded (nonce retry included), the key made once', async () => {
    const first = await testJson();
    expect(first.ok).toBe(true);
    expect(first.token?.tokenType).toBe('DPoP');
    const tokens = first.exchanges.filter((e) => e.step === 'token');
    expect(tokens).toHaveLength(2);
    expect(tokens[0]!.request.dpopProof).toMatchObject({
      nonceChallenge: true,
      header: { typ: 'dpop+jwt', alg: 'ES256', jwk: { kty: 'EC' } },
      claims: { htm: 'POST', htu: idp.tokenEndpoint },
    });
    expect(tokens[1]!.request.dpopProof?.claims.nonce).toBe(tokens[0]!.response?.headers['dpop-nonce']);
    expect(tokens[1]!.request.headers.dpop).toMatch(/\.\[redacted\]$/);
    const jkt = tokens[1]!.request.dpopProof!.jkt;
    expect((first.token?.claims?.cnf as { jkt: string }).jkt).toBe(jkt);

    const second = await testJson();
    expect(second.exchanges.find((e) => e.step === 'token')!.request.dpopProof!.jkt).toBe(jkt);
  });

  it('leaves the key out of an export without secrets', async () => {
    const plain = await run(['profiles', 'export', 'dpop']);
    expect(plain.code, plain.stderr).toBe(0);
    expect(plain.stdout).toContain('"dpop"');
    expect(plain.stdout).not.toContain('dpopPrivateKey');
    const full = await run(['profiles', 'export', 'dpop', '--include-secrets']);
    expect(full.code, full.stderr).toBe(0);
    expect(JSON.parse(full.stdout).profiles[0].dpopPrivateKey).toMatch(/"kty":"EC"/);
  });
});
