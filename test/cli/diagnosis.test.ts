/**
 * The CLI's `--json` carries the same diagnosis as the app: the built bin against the fault server's Entra
 * wrong-secret body, and the clock-skew warning of a passing Test.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useCliSandbox } from '../helpers/cli';
import { startFaultServer, type FaultServer } from '../helpers/fault-server';

const SECRET = 'cli-diagnosis-Secret-5';

describe('authbench test --json: diagnosis', () => {
  let fault: FaultServer;
  const { run, importProfiles } = useCliSandbox('authbench-cli-diag-');
  const profile = (name: string, path: string) => ({
    grantType: 'client_credentials',
    name,
    identityProviderName: 'fault server',
    clientId: 'entra-app',
    clientAuthMethod: 'client_secret_post',
    tokenUrl: fault.url(path),
    clientSecret: SECRET,
  });

  beforeAll(async () => {
    fault = await startFaultServer();
    const profiles = [profile('entra', '/aadsts7000215'), profile('skewed', '/skewed-date?s=300')];
    expect((await importProfiles(profiles)).code).toBe(0);
  });
  afterAll(async () => {
    await fault?.close();
  });

  it('names the Entra wrong-secret cause, the field and its current value, without the secret', async () => {
    const res = await run(['test', 'entra', '--json']);
    expect(res.code).toBe(1);
    const { error } = JSON.parse(res.stdout);
    expect(error).toMatchObject({
      code: 'oauth_error',
      oauthError: 'invalid_client',
      status: 401,
      diagnosis:
        'The IdP (Microsoft Entra ID) says the client secret is wrong: the Client Secret does not match any active secret of this client.',
      hint: 'Paste the secret\'s value again (not its ID) into Client Secret; the secret must belong to the client of the Client ID ("entra-app").',
    });
    expect(error.variant).toBeUndefined();
    expect(res.stdout + res.stderr).not.toContain(SECRET);
  });

  it('--set overrides a field for this run only; --json shows the overrides; bad --set is a usage error', async () => {
    const res = await run([
      'test',
      'entra',
      '--json',
      '--set',
      'clientAuthMethod=client_secret_basic',
      '--set',
      'scopes=[{"key":"scope","value":"read"}]',
    ]);
    expect(res.code).toBe(1);
    const testRun = JSON.parse(res.stdout);
    expect(testRun.overrides).toEqual({
      clientAuthMethod: 'client_secret_basic',
      scopes: [{ key: 'scope', value: 'read' }],
    });
    expect(testRun.exchanges[0].request.headers.authorization).toBe('Basic [redacted]');
    expect(testRun.exchanges[0].request.body).toContain('scope=read');
    const text = await run(['test', 'entra', '--set', 'clientAuthMethod=client_secret_basic']);
    expect(text.stdout).toMatch(/override\s+Client Authentication = client_secret_basic \(not saved\)/);
    // Not saved: the next plain Test sends the secret in the body again (client_secret_post).
    const plain = JSON.parse((await run(['test', 'entra', '--json'])).stdout);
    expect(plain.overrides).toBeUndefined();
    expect(plain.exchanges[0].request.headers.authorization).toBeUndefined();
    // A generic invalid_client (same origin, another path): --json carries the suggested variant, the text its --set.
    const generic = ['test', 'entra', '--set', `tokenUrl=${fault.url('/error-200')}`];
    const variant = JSON.parse((await run([...generic, '--json'])).stdout);
    expect(variant.overrides).toEqual({ tokenUrl: fault.url('/error-200') });
    expect(variant.error.variant).toEqual({
      label: 'Try with Client Authentication = client_secret_basic',
      overrides: { clientAuthMethod: 'client_secret_basic' },
    });
    expect((await run(generic)).stdout).toMatch(/variant\s+--set clientAuthMethod=client_secret_basic\n/);
    const bad = await run(['test', 'entra', '--set', 'clientSecret=x']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--set expects FIELD=VALUE/);
    const moved = await run(['test', 'entra', '--set', 'tokenUrl=https://elsewhere.example/token']);
    expect(moved.code).not.toBe(0);
    expect(moved.stderr).toMatch(/another host/);
  });

  it('passes a Test whose IdP clock is 5 min ahead, with the skew warning in --json and the text verdict', async () => {
    const json = await run(['test', 'skewed', '--json']);
    expect(json.code).toBe(0);
    const testRun = JSON.parse(json.stdout);
    expect(testRun.ok).toBe(true);
    expect(testRun.warnings.join('\n')).toMatch(/the IdP's clock is (4 min 5\d s|5 min) ahead of this machine's/);
    expect((await run(['test', 'skewed'])).stdout).toMatch(/warning\s+Clock skew: the IdP's clock/);
  });
});
