/**
 * The built CLI with DPoP (RFC 9449): a profile imported with `dpop` on, tested twice through `authbench test NAME
 * --json` against oidc-provider: the run shows `token_type` DPoP and the proof decoded (header with the public jwk,
 * claims), the proof's signature and the private key never; the key is made once (same thumbprint on the second
 * Test); an export without secrets leaves the key out, one with secrets carries it.
 */
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestRun } from '../../src-shared/test-run';
import { startOidcIdp, type RunningIdp } from '../../src-main/demo/demo-idp';
import { runCli } from '../helpers/cli';
import { clearKeychainService } from '../helpers/context';

const SECRET = 'cli dpop client secret 0123456789';

describe('authbench test with DPoP', () => {
  let idp: RunningIdp;
  let dir: string;
  const service = `authbench-test-${randomUUID()}`;
  const run = (args: string[]) =>
    runCli(['--data-dir', join(dir, 'data'), ...args], { ...process.env, AUTHBENCH_KEYCHAIN_SERVICE: service });

  beforeAll(async () => {
    expect(existsSync(join(__dirname, '../../out/main/cli.js')), 'run `npm run build` first').toBe(true);
    idp = await startOidcIdp({
      scopes: ['api:read'],
      clients: [{ client_id: 'svc', client_secret: SECRET, grant_types: ['client_credentials'], scope: 'api:read' }],
      dpop: { requireNonce: true },
    });
    dir = mkdtempSync(join(tmpdir(), 'authbench-cli-dpop-'));
    const file = join(dir, 'profiles.json');
    writeFileSync(
      file,
      JSON.stringify({
        format: 'authbench.profiles/v1',
        profiles: [
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
        ],
      }),
    );
    const imported = await run(['profiles', 'import', file]);
    expect(imported.code, imported.stderr).toBe(0);
  });
  afterAll(async () => {
    await idp?.close();
    await clearKeychainService(service);
    if (dir) rmSync(dir, { recursive: true, force: true });
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
