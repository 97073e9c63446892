/**
 * `authbench profiles list` reads secret presence from the keychain ledger (no keychain call), and
 * `--check-keychain` first lists the keychain once to correct it (docs/architecture.md, "Where things live"):
 * the built CLI, a real SQLite file and the real keychain under a throwaway service.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { createContext } from '../../src-main/context';
import { createKeytarStore } from '../../src-main/secrets/keytar-store';
import { useCliSandbox } from '../helpers/cli';

describe('authbench profiles list --check-keychain', () => {
  let id = '';
  const sandbox = useCliSandbox('authbench-cli-presence-');
  const { run } = sandbox;
  const statuses = async (args: string[]) => {
    const res = await run(['profiles', 'list', '--json', ...args]);
    expect(res.code, res.stderr).toBe(0);
    return (JSON.parse(res.stdout) as { name: string; status: string }[]).map((r) => [r.name, r.status]);
  };

  beforeAll(async () => {
    const ctx = createContext({ dataDir: sandbox.dataDir, keychainService: sandbox.service });
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

  it('trusts the ledger without it, and corrects it with it once the entry was deleted outside', async () => {
    expect(await statuses([])).toEqual([['machine', 'configured']]);
    await createKeytarStore(sandbox.service).delete(`${id}/clientSecret`);
    // The ledger still confirms the entry: the plain list makes no keychain call, so it cannot know.
    expect(await statuses([])).toEqual([['machine', 'configured']]);
    expect(await statuses(['--check-keychain'])).toEqual([['machine', 'not_configured']]);
    expect(await statuses([])).toEqual([['machine', 'not_configured']]);
  }, 60_000);
});
