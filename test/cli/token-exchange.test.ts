/**
 * The built CLI with the token exchange grant (RFC 8693): profiles imported from a file, `authbench test NAME` of the
 * exchange profile stops with "Test «A» first" (exit 2) until the other profile holds a token, then passes with
 * issued_token_type in the text and `--json` output; a pasted subject token never appears in the output, and an
 * export carries it only with --include-secrets (the other profile by name).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startOidcIdp, type RunningIdp } from '../../src-main/demo/demo-idp';
import { TOKEN_EXCHANGE } from '../../src-main/demo/token-exchange-grant';
import { useCliSandbox } from '../helpers/cli';

const SECRET = 'cli-exchange-secret-33aa';
const PASTED = 'pasted-subject-token-7f3e9b2c41';

describe('authbench test with the token exchange grant', () => {
  let idp: RunningIdp;
  const sandbox = useCliSandbox('authbench-cli-te-');
  const { run } = sandbox;

  beforeAll(async () => {
    idp = await startOidcIdp({
      scopes: ['api:read'],
      clients: [{ client_id: 'ex', client_secret: SECRET, grant_types: ['client_credentials', TOKEN_EXCHANGE] }],
    });
    const base = {
      identityProviderName: 'oidc-provider',
      clientId: 'ex',
      tokenUrl: idp.tokenEndpoint,
      clientSecret: SECRET,
    };
    const imported = await sandbox.importProfiles([
      // The exchange profile comes first: the other profile is named, so the order of a file does not matter.
      {
        ...base,
        grantType: 'token_exchange',
        name: 'exchange',
        tokenExchange: { subjectProfile: 'A', audiences: [idp.apiResource] },
      },
      { ...base, grantType: 'client_credentials', name: 'A' },
      {
        ...base,
        grantType: 'token_exchange',
        name: 'pasted',
        tokenExchange: { subjectSource: 'pasted' },
        subjectToken: PASTED,
      },
    ]);
    expect(imported.stderr).toBe('');
    expect(imported.code).toBe(0);
  });
  afterAll(async () => {
    await idp?.close();
  });

  it('before A holds a token: exit 2 with the clear error, nothing sent', async () => {
    const res = await run(['test', 'exchange']);
    expect(res.code).toBe(2);
    expect(res.stderr).toMatch(
      /^error \[secret_missing\]: «A» holds no token, so there is no access token to exchange: Test «A» first\n/,
    );
    expect((await run(['runs', 'diff', 'exchange'])).stderr).toContain('"exchange" has no stored run');
  });

  it('after A’s Test: passes, issued_token_type in the text and in --json, no subject token in the output', async () => {
    expect((await run(['test', 'A'])).code).toBe(0);
    const text = await run(['test', 'exchange']);
    expect(text.code, text.stderr).toBe(0);
    expect(text.stdout).toMatch(/issued {4}urn:ietf:params:oauth:token-type:access_token \(issued_token_type\)/);
    const res = await run(['test', 'exchange', '--json']);
    expect(res.code, res.stderr).toBe(0);
    const r = JSON.parse(res.stdout) as {
      ok: boolean;
      token: { issuedTokenType: string };
      exchanges: { request: { body: string } }[];
    };
    expect(r.ok).toBe(true);
    expect(r.token.issuedTokenType).toBe('urn:ietf:params:oauth:token-type:access_token');
    expect(new URLSearchParams(r.exchanges[0]!.request.body).get('subject_token')).toBe('[redacted]');
  });

  it('a pasted subject token the IdP refuses: invalid_request, the token nowhere in the output or the database', async () => {
    const res = await run(['test', 'pasted', '--json']);
    expect(res.code).toBe(1);
    expect(res.stdout + res.stderr).not.toContain(PASTED);
    expect(JSON.parse(res.stdout).error.oauthError).toBe('invalid_request');
    const db = join(sandbox.dataDir, 'authbench.db');
    expect([db, `${db}-wal`].filter(existsSync).some((f) => readFileSync(f).includes(PASTED))).toBe(false);
  });

  it('an export carries the pasted token only with --include-secrets, and the other profile by name', async () => {
    const out = join(sandbox.dir, 'out.json');
    expect((await run(['profiles', 'export', '--all', '--out', out])).code).toBe(0);
    expect(readFileSync(out, 'utf8')).not.toContain(PASTED);
    const exported = JSON.parse(readFileSync(out, 'utf8')).profiles as Record<string, unknown>[];
    expect(exported.find((p) => p.name === 'exchange')).toMatchObject({ tokenExchange: { subjectProfile: 'A' } });
    expect((await run(['profiles', 'export', '--all', '--include-secrets', '--out', out])).code).toBe(0);
    const withSecrets = JSON.parse(readFileSync(out, 'utf8')).profiles as Record<string, unknown>[];
    expect(withSecrets.find((p) => p.name === 'pasted')!.subjectToken).toBe(PASTED);
  });
});
