/**
 * `authbench discover` as scripts run it (docs/architecture.md, "The CLI"): the built bin in a child process
 * against a real oidc-provider on loopback.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningIdp } from '../../src-main/demo/demo-idp';
import { expectCliBuilt, runCli } from '../helpers/cli';
import { startClientCredentialsIdp } from '../helpers/client-credentials-idp';

describe('authbench discover', () => {
  let idp: RunningIdp;

  beforeAll(async () => {
    expectCliBuilt();
    idp = await startClientCredentialsIdp('cli-discover', 'cli-discover-secret');
  });
  afterAll(async () => {
    await idp?.close();
  });

  it('prints the endpoints and the supported values for a person', async () => {
    const { code, stdout, stderr } = await runCli(['discover', idp.issuer], process.env);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toMatch(new RegExp(`^Issuer: +${idp.issuer}$`, 'm'));
    expect(stdout).toMatch(new RegExp(`^Token Request URL: +${idp.tokenEndpoint}$`, 'm'));
    expect(stdout).toMatch(/^Grant types: +.*client_credentials/m);
    expect(stdout).toMatch(/^Client authentication: +client_secret_basic, /m);
    expect(stdout).toMatch(/^PKCE methods: +S256$/m);
    expect(stdout).toMatch(/^Scopes: +.*api:read/m);
  });

  it('prints the validated metadata with --json, unknown members dropped', async () => {
    const { code, stdout } = await runCli(['discover', idp.issuer, '--json'], process.env);
    expect(code).toBe(0);
    const result = JSON.parse(stdout) as { tokenUrl: string; source: string; metadata: Record<string, unknown> };
    expect(result).toMatchObject({ tokenUrl: idp.tokenEndpoint, source: 'openid-configuration' });
    expect(result.metadata.issuer).toBe(idp.issuer);
    expect(result.metadata).not.toHaveProperty('claims_supported');
  });

  it('exits 1 when no metadata is found, 2 for a refused issuer or a missing argument', async () => {
    const missing = await runCli(['discover', `${idp.issuer}/nowhere`], process.env);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/^error \[http_error\]: No authorization server metadata at .*404/);
    expect(missing.stdout).toBe('');
    const insecure = await runCli(['discover', 'http://idp.example.com'], process.env);
    expect(insecure.code).toBe(2);
    expect(insecure.stderr).toContain('error [invalid_request]: The Issuer must be an https URL');
    expect((await runCli(['discover'], process.env)).code).toBe(2);
  });
});
