/**
 * `authbench runs diff NAME [--json]` as scripts run it: the built bin, a real data dir and keychain, and a
 * real oidc-provider on loopback. A profile passes, its Client Secret is replaced with a wrong one (import
 * --replace), it fails with invalid_client, and the diff shows 200 → 401, the error, Date as varying, and
 * no secret.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunDiff } from '../../src-shared/run-diff';
import type { RunningIdp } from '../../src-main/demo/demo-idp';
import { useCliSandbox } from '../helpers/cli';
import { startClientCredentialsIdp } from '../helpers/client-credentials-idp';

const CLIENT_ID = 'runs-diff-client';
const SECRET = `runs-diff-${randomBytes(12).toString('hex')}`;
const WRONG = `wrong-${randomBytes(12).toString('hex')}`;

describe('authbench runs diff', () => {
  let idp: RunningIdp;
  const sandbox = useCliSandbox('authbench-runs-diff-');
  const { run } = sandbox;
  const importProfile = async (clientSecret: string, replace: boolean) => {
    const profile = {
      grantType: 'client_credentials',
      name: 'orders',
      identityProviderName: 'oidc-provider',
      clientId: CLIENT_ID,
      tokenUrl: idp.tokenEndpoint,
      scopes: [{ key: 'scope', value: 'api:read' }],
      clientSecret,
    };
    expect((await sandbox.importProfiles([profile], { args: replace ? ['--replace'] : [] })).code).toBe(0);
  };

  beforeAll(async () => {
    idp = await startClientCredentialsIdp(CLIENT_ID, SECRET);
    await importProfile(SECRET, false);
  });

  afterAll(async () => {
    await idp?.close();
  });

  it('needs two runs, then shows what changed between them', async () => {
    const none = await run(['runs', 'diff', 'orders']);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('"orders" has no stored run: test it twice to compare');

    expect((await run(['test', 'orders'])).code).toBe(0);
    await importProfile(WRONG, true);
    // The Date header has a resolution of one second (RFC 9110 §5.6.7): let it move on.
    await new Promise((resolve) => setTimeout(resolve, 1100));
    expect((await run(['test', 'orders'])).code).toBe(1);

    const text = await run(['runs', 'diff', 'orders']);
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/^Run A: \S+ Passed\nRun B: \S+ Failed \(invalid_client\)\n\d+ changed · /);
    expect(text.stdout).toContain('\n  Response\n    Status: 200 OK → 401 Unauthorized (changed)\n');
    expect(text.stdout).toContain('\n  OAuth error: — → invalid_client (added)\n');
    expect(text.stdout).toMatch(/\n {4}date: .+ GMT → .+ GMT \(varies per run\)\n/);
    expect(text.stdout).toMatch(/\n {2}Request headers \(\d+ unchanged\)\n/);

    const json = await run(['runs', 'diff', 'orders', '--json']);
    expect(json.code).toBe(0);
    const diff = JSON.parse(json.stdout) as RunDiff;
    const token = diff.steps.find((s) => s.step === 'token')!;
    const status = token.sections.find((s) => s.title === 'Response')!.items.find((i) => i.key === 'Status');
    expect(status).toMatchObject({ kind: 'changed', before: '200 OK', after: '401 Unauthorized' });
    expect(diff.outcome.items.find((i) => i.key === 'OAuth error')).toMatchObject({ after: 'invalid_client' });

    for (const out of [text.stdout, json.stdout, text.stderr, json.stderr]) {
      expect(out).not.toContain(SECRET);
      expect(out).not.toContain(WRONG);
    }
  });
});
