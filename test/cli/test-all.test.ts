/**
 * `authbench test --all` (docs/architecture.md, "Test all"): the built bin against a real oidc-provider on
 * loopback — one line per profile, the summary, `--json`, the exit codes and the usage errors.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useCliSandbox } from '../helpers/cli';
import { startCountingProxy } from '../helpers/counting-proxy';
import { startFaultServer } from '../helpers/fault-server';
import { startClientCredentialsIdp } from '../helpers/client-credentials-idp';
import type { RunningIdp } from '../../src-main/demo/demo-idp';

const SECRET = 'test-all-cli-secret';

describe('authbench test --all', () => {
  let idp: RunningIdp;
  const { run, spawn, importProfiles } = useCliSandbox('authbench-test-all-');
  const profile = (name: string, extra: Record<string, unknown> = {}) => ({
    grantType: 'client_credentials',
    name,
    identityProviderName: 'oidc-provider',
    clientId: 'all-client',
    tokenUrl: idp.tokenEndpoint,
    scopes: [{ key: 'scope', value: 'api:read' }],
    clientSecret: SECRET,
    ...extra,
  });

  beforeAll(async () => {
    idp = await startClientCredentialsIdp('all-client', SECRET);
    const profiles = [
      profile('alpha'),
      profile('beta'),
      profile('wrong', { clientSecret: 'not-the-secret' }),
      profile('browser', {
        grantType: 'authorization_code',
        authorizationUrl: `${idp.issuer}/auth`,
        clientAuthMethod: 'none',
        clientSecret: undefined,
      }),
    ];
    const imported = await importProfiles(profiles);
    expect(imported.stderr).toBe('');
    expect(imported.code).toBe(0);
  }, 60_000);

  afterAll(async () => {
    await idp?.close();
  });

  it('prints one line per profile and a summary; exit 1 when one failed', async () => {
    const { code, stdout } = await run(['test', '--all', '--concurrency', '2']);
    const lines = stdout.trim().split('\n');
    expect(lines).toHaveLength(5);
    expect(lines).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^PASS alpha \d+ ms$/),
        expect.stringMatching(/^PASS beta \d+ ms$/),
        expect.stringMatching(/^FAIL wrong invalid_client \d+ ms — /),
        'SKIP browser Needs a browser sign-in (Authorization Mode: user authorize)',
      ]),
    );
    expect(lines[4]).toMatch(/^4 profiles: 2 passed, 1 failed, 1 skipped, 0 cancelled in \d+\.\d s$/);
    expect(stdout).not.toContain(SECRET);
    expect(code).toBe(1);
  }, 60_000);

  it('--json prints one object: the summary and each profile', async () => {
    const { code, stdout } = await run(['test', '--all', '--json']);
    const parsed = JSON.parse(stdout) as { summary: Record<string, unknown>; results: Array<Record<string, unknown>> };
    expect(parsed.summary).toMatchObject({ total: 4, passed: 2, failed: 1, skipped: 1, cancelled: 0 });
    expect(parsed.summary.durationMs).toEqual(expect.any(Number));
    expect(parsed.results.find((r) => r.name === 'wrong')).toMatchObject({
      status: 'failed',
      code: 'oauth_error',
      oauthError: 'invalid_client',
    });
    expect(parsed.results.find((r) => r.name === 'browser')).toMatchObject({ status: 'skipped' });
    expect(code).toBe(1);
  }, 60_000);

  it('refuses a name with --all, no name without it, and a concurrency out of range (exit 2)', async () => {
    for (const args of [
      ['test', 'alpha', '--all'],
      ['test'],
      ['test', '--all', '--concurrency', '0'],
      ['test', '--all', '--concurrency', '33'],
      ['test', '--all', '--tenant', 'acme'],
    ]) {
      const { code, stderr } = await run(args);
      expect(stderr, args.join(' ')).toMatch(/^error \[invalid_request\]: /);
      expect(code, args.join(' ')).toBe(2);
    }
  }, 60_000);

  it('exits 0 when nothing failed, skipped ones included', async () => {
    expect((await run(['profiles', 'delete', 'wrong', '--yes'])).code).toBe(0);
    const { code, stdout } = await run(['test', '--all']);
    expect(stdout).toMatch(/3 profiles: 2 passed, 0 failed, 1 skipped, 0 cancelled/);
    expect(code).toBe(0);
  }, 60_000);

  it('Ctrl-C cancels the batch: the running Test is cancelled, the summary printed, exit 1', async () => {
    const faults = await startFaultServer();
    const proxy = await startCountingProxy(faults.url('/'));
    try {
      const slow = profile('slow', { tokenUrl: `${proxy.url}/slow?ms=60000` });
      expect((await importProfiles([slow], { file: 'slow.json' })).code).toBe(0);
      const child = spawn(['test', '--all']);
      let stdout = '';
      child.stdout.on('data', (c) => (stdout += c));
      const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
      // The slow Test holds its request open; alpha and beta must have finished before Ctrl-C, or they are
      // cancelled too (the batch runs them in parallel).
      await expect.poll(() => proxy.inFlight, { timeout: 20_000 }).toBe(1);
      await expect
        .poll(() => /^PASS alpha .*^PASS beta |^PASS beta .*^PASS alpha /ms.test(stdout), { timeout: 20_000 })
        .toBe(true);
      child.kill('SIGINT');
      expect(await exited).toBe(1);
      expect(stdout).toMatch(/^CANCEL slow Cancelled while it ran$/m);
      expect(stdout).toMatch(/4 profiles: 2 passed, 0 failed, 1 skipped, 1 cancelled in/);
    } finally {
      await proxy.close();
      await faults.close();
    }
  }, 60_000);
});
