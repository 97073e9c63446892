/**
 * `authbench profiles list` reads secret presence from the keychain ledger (no keychain call), and
 * `--check-keychain` first lists the keychain once to correct it (docs/architecture.md, "Where things live"):
 * the built CLI, a real SQLite file and the real keychain under a throwaway service.
 */
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createContext } from '../../src-main/context';
import { createKeytarStore } from '../../src-main/secrets/keytar-store';
import { runCli } from '../helpers/cli';
import { clearKeychainService } from '../helpers/context';

describe('authbench profiles list --check-keychain', () => {
  let dir: string;
  let id = '';
  const service = `authbench-test-${randomUUID()}`;
  const run = (args: string[]) =>
    runCli(['--data-dir', dir, ...args], { ...process.env, AUTHBENCH_KEYCHAIN_SERVICE: service });
  const statuses = async (args: string[]) => {
    const res = await run(['profiles', 'list', '--json', ...args]);
    expect(res.code, res.stderr).toBe(0);
    return (JSON.parse(res.stdout) as { name: string; status: string }[]).map((r) => [r.name, r.status]);
  };

  beforeAll(async () => {
    expect(existsSync(join(__dirname, '../../out/main/cli.js')), 'run `npm run build` first').toBe(true);
    dir = mkdtempSync(join(tmpdir(), 'authbench-cli-presence-'));
    const ctx = createContext({ dataDir: dir, keychainService: service });
    try {
      const input = {
        grantType: 'client_credentials',
        name: 'machine',
        identityProviderName: 'idp',
        clientId: 'presence',
        tokenUrl: 'https://idp.example.test/token',
      };
      id = (await ctx.profiles.create(input, { clientSecret: 'presence-secret' })).id;
    } finally {
      ctx.close();
    }
  }, 60_000);
  afterAll(async () => {
    await clearKeychainService(service);
    rmSync(dir, { recursive: true, force: true });
  });

  it('trusts the ledger without it, and corrects it with it once the entry was deleted outside', async () => {
    expect(await statuses([])).toEqual([['machine', 'configured']]);
    await createKeytarStore(service).delete(`${id}/clientSecret`);
    // The ledger still confirms the entry: the plain list makes no keychain call, so it cannot know.
    expect(await statuses([])).toEqual([['machine', 'configured']]);
    expect(await statuses(['--check-keychain'])).toEqual([['machine', 'not_configured']]);
    expect(await statuses([])).toEqual([['machine', 'not_configured']]);
  }, 60_000);
});
