/**
 * What a command loads (docs/architecture.md, "The CLI"): `profiles list` and `settings` read no profile's
 * fields, so they load neither the profile schemas (src-shared/profile.ts) nor the Test engine; a command that
 * reads a profile does. The built CLI in a child process, a real SQLite file; the loaded chunks come from
 * test/helpers/chunk-trace.cjs.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli';
import { clearKeychainService } from '../helpers/context';

const TRACE = resolve(__dirname, '../helpers/chunk-trace.cjs');

describe('CLI start-up: what each command loads', () => {
  let dir: string;
  const service = `authbench-test-${randomUUID()}`;

  /** Runs `authbench ...args` and returns its exit code and the bundle chunks it loaded, by source name. */
  const chunksOf = async (args: string[]) => {
    const trace = join(dir, `chunks-${randomUUID()}.txt`);
    const res = await runCli(['--data-dir', join(dir, 'data'), ...args], {
      ...process.env,
      AUTHBENCH_KEYCHAIN_SERVICE: service,
      AUTHBENCH_TRACE_CHUNKS: trace,
      NODE_OPTIONS: `--require ${TRACE}`,
    });
    expect(res.code, res.stderr).toBe(0);
    // `profile-C18ADPoE.js` → `profile`: rolldown names a chunk after its source file, then its hash.
    const names = readFileSync(trace, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((file) => file.replace(/-[\w-]{8}\.js$|\.js$/, ''));
    return { stdout: res.stdout, names };
  };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'authbench-cli-chunks-'));
    const file = join(dir, 'profiles.json');
    const profile = {
      grantType: 'client_credentials',
      name: 'machine',
      identityProviderName: 'idp',
      clientId: 'chunks',
      tokenUrl: 'https://idp.example.test/token',
    };
    writeFileSync(file, JSON.stringify({ format: 'authbench.profiles/v1', profiles: [profile] }));
    await chunksOf(['profiles', 'import', file]);
  }, 60_000);
  afterAll(async () => {
    await clearKeychainService(service);
    rmSync(dir, { recursive: true, force: true });
  });

  it('profiles list and settings load no profile schema and none of the Test engine', async () => {
    const list = await chunksOf(['profiles', 'list']);
    expect(list.stdout).toMatch(/^machine +OAuth v2 client credentials +Not configured/m);
    expect(list.names).toContain('context-core');
    const settings = await chunksOf(['settings']);
    for (const { names } of [list, settings]) {
      expect(names).not.toContain('profile');
      expect(names).not.toContain('profile-fields');
      expect(names).not.toContain('test-runner');
      expect(names).not.toContain('axios');
    }
  }, 60_000);

  it('a command that reads a profile loads the profile schemas', async () => {
    const { names } = await chunksOf(['profiles', 'export', 'machine', '--out', join(dir, 'out.json')]);
    expect(names).toContain('profile');
  }, 60_000);
});
