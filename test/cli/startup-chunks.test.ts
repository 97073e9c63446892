/**
 * What a command loads (docs/architecture.md, "The CLI"): `profiles list` and `settings` read no profile's
 * fields, so they load neither the profile schemas (src-shared/profile.ts) nor the Test engine; a command that
 * reads a profile does. The built CLI in a child process, a real SQLite file; the loaded chunks come from
 * test/helpers/chunk-trace.cjs.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { useCliSandbox } from '../helpers/cli';

const TRACE = resolve(__dirname, '../helpers/chunk-trace.cjs');

describe('CLI start-up: what each command loads', () => {
  const sandbox = useCliSandbox('authbench-cli-chunks-');

  /** Runs `authbench ...args` (exit 0 expected) and returns its stdout and the chunks it loaded, by source name. */
  const chunksOf = async (args: string[]) => {
    const trace = join(sandbox.dir, `chunks-${randomUUID()}.txt`);
    const res = await sandbox.run(args, {
      env: { AUTHBENCH_TRACE_CHUNKS: trace, NODE_OPTIONS: `--require ${TRACE}` },
    });
    expect(res.code, res.stderr).toBe(0);
    // `profile-xKc-Ear3.js` → `profile`: rolldown names a chunk after its source file, then an 8-character hash.
    const names = readFileSync(trace, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((file) => file.replace(/-[\w-]{8}\.js$|\.js$/, ''));
    return { stdout: res.stdout, names };
  };

  beforeAll(async () => {
    const profile = {
      grantType: 'client_credentials',
      name: 'machine',
      identityProviderName: 'idp',
      clientId: 'chunks',
      tokenUrl: 'https://idp.example.test/token',
    };
    expect((await sandbox.importProfiles([profile])).code).toBe(0);
  }, 60_000);

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
    const { names } = await chunksOf(['profiles', 'export', 'machine', '--out', join(sandbox.dir, 'out.json')]);
    expect(names).toContain('profile');
  }, 60_000);
});
