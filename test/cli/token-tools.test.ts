/**
 * `authbench token introspect|revoke|userinfo NAME` (docs/architecture.md, "Token tools"): the built bin in a child
 * process, a profile signed in once through `$BROWSER` (Chromium), a real oidc-provider on loopback.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserCommand, cliNativeProfile, startCliNativeIdp, useCliSandbox } from '../helpers/cli';
import { createKeytarStore } from '../../src-main/secrets/keytar-store';
import type { RunningIdp } from '../../src-main/demo/demo-idp';

describe('authbench token', () => {
  let idp: RunningIdp;
  const sandbox = useCliSandbox('authbench-cli-tools-', {
    env: () => ({ BROWSER: browserCommand('browser-login-cli.mjs') }),
  });
  const { run } = sandbox;
  /** Every token value the keychain holds for this test's service. */
  const heldTokens = async () => {
    const secrets = createKeytarStore(sandbox.service);
    const values: string[] = [];
    for (const account of await secrets.listAccounts()) {
      if (!account.endsWith('/token')) continue;
      const stored = JSON.parse((await secrets.get(account))!) as { accessToken: string; refreshToken?: string };
      values.push(stored.accessToken, ...(stored.refreshToken ? [stored.refreshToken] : []));
    }
    return values;
  };

  beforeAll(async () => {
    idp = await startCliNativeIdp();
    const tools = {
      introspectionUrl: `${idp.issuer}/token/introspection`,
      revocationUrl: `${idp.issuer}/token/revocation`,
      userinfoUrl: `${idp.issuer}/me`,
    };
    const profiles = [cliNativeProfile(idp, 'tools', tools), cliNativeProfile(idp, 'no urls')];
    expect((await sandbox.importProfiles(profiles)).code).toBe(0);
    expect((await run(['test', 'tools', '--json'])).code).toBe(0);
  });

  afterAll(async () => {
    await idp?.close();
  });

  it('introspect --json: exit 0, active true, the token redacted; without --json a readable line', async () => {
    const tokens = await heldTokens();
    expect(tokens.length).toBe(2);
    const res = await run(['token', 'introspect', 'tools', '--json']);
    expect(res.code).toBe(0);
    const out = JSON.parse(res.stdout);
    expect(out).toMatchObject({ ok: true, tool: { tool: 'introspect', which: 'access_token', active: true } });
    expect(out.exchanges[0].step).toBe('introspection');
    expect(new URLSearchParams(out.exchanges[0].request.body).get('token')).toBe('[redacted]');
    for (const token of tokens) expect(res.stdout + res.stderr).not.toContain(token);

    const text = await run(['token', 'introspect', 'tools', '--refresh-token']);
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/^PASS {2}tools/);
    expect(text.stdout).toMatch(/refresh_token active=true .*client_id=cli-native/);
    for (const token of tokens) expect(text.stdout + text.stderr).not.toContain(token);
  });

  it('userinfo prints the claims; --refresh-token is a usage error (exit 2)', async () => {
    const res = await run(['token', 'userinfo', 'tools']);
    expect(res.code).toBe(0);
    expect(res.stdout).toMatch(/\[userinfo\] GET http:\/\/127\.0\.0\.1:\d+\/me -> 200 OK/);
    expect(res.stdout).toMatch(/claim {5}sub="/);
    const bad = await run(['token', 'userinfo', 'tools', '--refresh-token']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--refresh-token does not apply to userinfo');
  });

  it('a missing URL exits 2 naming the field (before asking whether a token is held)', async () => {
    const res = await run(['token', 'revoke', 'no urls']);
    expect(res.code).toBe(2);
    expect(res.stderr).toContain('error [invalid_request]: The Revocation URL is not set');
    expect(res.stderr).toContain('revocationUrl');
  });

  it('revoke: exit 0 and the token marked unusable; a later introspect says active=false; UserInfo then fails (exit 1)', async () => {
    const tokens = await heldTokens();
    const res = await run(['token', 'revoke', 'tools', '--json']);
    expect(res.code).toBe(0);
    expect(JSON.parse(res.stdout).tool).toMatchObject({ revoked: true, heldToken: 'marked_unusable' });
    for (const token of tokens) expect(res.stdout).not.toContain(token);

    const after = await run(['token', 'introspect', 'tools', '--json']);
    expect(after.code).toBe(0);
    expect(JSON.parse(after.stdout).tool).toMatchObject({ active: false });

    const info = await run(['token', 'userinfo', 'tools']);
    expect(info.code).toBe(1);
    expect(info.stdout).toMatch(/^FAIL {2}tools/);
    expect(info.stdout).toContain('invalid_token');
    for (const token of tokens) expect(info.stdout + info.stderr).not.toContain(token);
  });
});
