/**
 * `authbench profiles list` shows the refresh token's expiry warning: "Expires soon" within the warning lead
 * (24 h by default) and "Expired" once it passed, beside the status; `--json` carries `tokenExpiry`. The tokens
 * come from real Tests (the CLI's `test`) against the fault server acting as a Keycloak-style IdP.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createContext } from '../../src-main/context';
import { useCliSandbox } from '../helpers/cli';
import { startFaultServer, type FaultServer } from '../helpers/fault-server';

describe('authbench profiles list: refresh token expiry', () => {
  let server: FaultServer;
  const sandbox = useCliSandbox('authbench-cli-expiry-');
  const { run } = sandbox;

  beforeAll(async () => {
    server = await startFaultServer();
    const ctx = createContext({ dataDir: sandbox.dataDir, keychainService: sandbox.service });
    try {
      for (const [name, path] of [
        ['soon', '/refresh-lifetime?s=7200'],
        ['later', '/refresh-lifetime?s=864000'],
        ['gone', '/refresh-lifetime?s=1'],
        ['no lifetime', '/token'],
      ] as const) {
        await ctx.profiles.create(
          {
            grantType: 'client_credentials',
            name,
            identityProviderName: 'Keycloak-style',
            clientId: 'cli-expiry',
            tokenUrl: server.url(path),
          },
          { clientSecret: 'cli-expiry-secret' },
        );
      }
    } finally {
      ctx.close();
    }
    for (const name of ['soon', 'later', 'gone', 'no lifetime']) expect((await run(['test', name])).code).toBe(0);
    await new Promise((r) => setTimeout(r, 1200));
  });

  afterAll(async () => {
    await server?.close();
  });

  it('shows "Expires soon" and "Expired" beside the status, and --json carries tokenExpiry', async () => {
    const table = await run(['profiles', 'list']);
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(/^soon\s+OAuth v2 client credentials\s+Configured · Expires soon\s+Passed/m);
    expect(table.stdout).toMatch(/^gone\s+OAuth v2 client credentials\s+Configured · Expired\s+Passed/m);
    expect(table.stdout).toMatch(/^later\s+OAuth v2 client credentials\s+Configured\s+Passed/m);
    expect(table.stdout).toMatch(/^no lifetime\s+OAuth v2 client credentials\s+Configured\s+Passed/m);
    const rows = JSON.parse((await run(['profiles', 'list', '--json'])).stdout) as Array<{
      name: string;
      tokenExpiry?: { refreshExpiresAt?: string; hasRefreshToken: boolean };
    }>;
    const byName = Object.fromEntries(rows.map((r) => [r.name, r.tokenExpiry]));
    expect(Date.parse(byName.soon!.refreshExpiresAt!) - Date.now()).toBeGreaterThan(7000 * 1000);
    expect(byName.gone).toMatchObject({ hasRefreshToken: true, usable: true });
    expect(byName['no lifetime']).toEqual({
      accessExpiresAt: expect.any(String),
      hasRefreshToken: false,
      usable: true,
    });
  });

  it('authbench settings shows and changes the lead; the list follows; a bad value exits 2', async () => {
    const shown = await run(['settings']);
    expect(shown.stdout).toBe(
      'expiry warning: 24 h before a refresh token expires ("Expires soon" in the list)\n' +
        'notifications: on (an OS notification while the app runs)\n',
    );
    const changed = await run(['settings', '--expiry-warning-hours', '300', '--notifications', 'off', '--json']);
    expect(JSON.parse(changed.stdout)).toEqual({ expiryWarningHours: 300, expiryNotifications: false });
    expect((await run(['profiles', 'list'])).stdout).toMatch(/^later\s+.*Configured · Expires soon\s+Passed/m);
    for (const bad of [
      ['--expiry-warning-hours', '0'],
      ['--expiry-warning-hours', 'soon'],
      ['--notifications', 'maybe'],
    ]) {
      const res = await run(['settings', ...bad]);
      expect(res.code, bad.join(' ')).toBe(2);
      expect(res.stderr).toMatch(/^error \[invalid_request\]/);
    }
    expect(JSON.parse((await run(['settings', '--json'])).stdout)).toEqual({
      expiryWarningHours: 300,
      expiryNotifications: false,
    });
  });
});
