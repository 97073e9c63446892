/**
 * `authbench profiles import FILE|DIR [--format] [--environment FILE] [--dry-run]` as scripts run it: the built
 * bin in a child process, a real data dir and the real keychain under a throwaway service. Detection, an explicit
 * format, variables from a Postman environment, a dry run that creates nothing, a curl command on stdin (our own
 * `test --curl` output read back), and a malformed file refused with its position.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Collection } from 'postman-collection';
import { jsonToBruV2 } from '@usebruno/lang';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningIdp } from '../../src-main/demo/demo-idp';
import { startClientCredentialsIdp } from '../helpers/client-credentials-idp';
import { useCliSandbox } from '../helpers/cli';

const SECRET = 'cli-import-secret-Qp40';

describe('authbench profiles import (other tools)', () => {
  let idp: RunningIdp;
  const sandbox = useCliSandbox('authbench-cli-import-');
  const cli = (args: string[], stdin?: string) => sandbox.run(args, { stdin });
  const write = (name: string, text: string) => {
    const path = join(sandbox.dir, name);
    writeFileSync(path, text);
    return path;
  };
  const names = async () =>
    (JSON.parse((await cli(['profiles', 'list', '--json'])).stdout) as Array<{ name: string }>).map((p) => p.name);

  beforeAll(async () => {
    idp = await startClientCredentialsIdp('cli-import', SECRET);
  });
  afterAll(async () => {
    await idp?.close();
  });

  const collection = () =>
    JSON.stringify(
      new Collection({
        info: { name: 'CLI Acme' },
        auth: {
          type: 'oauth2',
          oauth2: [
            { key: 'grant_type', value: 'client_credentials' },
            { key: 'accessTokenUrl', value: '{{idp}}/token' },
            { key: 'clientId', value: 'cli-import' },
            { key: 'clientSecret', value: '{{secret}}' },
            { key: 'scope', value: 'api:read' },
          ],
        },
        item: [],
      } as never).toJSON(),
    );

  it('--dry-run prints the format, profiles, secrets found and notes, and creates nothing', async () => {
    const file = write('acme.json', collection());
    const dry = await cli(['profiles', 'import', file, '--dry-run']);
    expect(dry.code).toBe(0);
    expect(dry.stdout).toContain('format: postman');
    expect(dry.stdout).toContain('would import "CLI Acme" [client_credentials]');
    expect(dry.stdout).toMatch(/note: Client Secret is \{\{secret\}\}, which was not resolved/);
    expect(dry.stdout).toContain('dry run: nothing was imported');
    expect(await names()).toEqual([]);
  });

  it('--environment fills the variables: the imported profile passes its Test, the secret stays out of SQLite', async () => {
    const file = write('acme2.json', collection());
    const env = write(
      'env.json',
      JSON.stringify({
        name: 'local',
        values: [
          { key: 'idp', value: idp.issuer, enabled: true },
          { key: 'secret', value: SECRET, enabled: true, type: 'secret' },
        ],
        _postman_variable_scope: 'environment',
      }),
    );
    const dry = await cli(['profiles', 'import', file, '--environment', env, '--dry-run']);
    expect(dry.stdout).toContain('secrets found: clientSecret');
    expect(dry.stdout).not.toContain(SECRET);
    const done = await cli(['profiles', 'import', file, '--environment', env]);
    expect(done.stderr).toContain('format: postman');
    expect(done.stdout).toContain('imported "CLI Acme"');
    expect(done.code).toBe(0);
    const run = await cli(['test', 'CLI Acme', '--json']);
    expect(run.code).toBe(0);
    expect(readFileSync(join(sandbox.dataDir, 'authbench.db')).toString('latin1')).not.toContain(SECRET);
    expect(run.stdout).not.toContain(SECRET);

    // Our own `test --curl` script read back on stdin: the secret is a $VARIABLE there, reported, not stored.
    const script = join(sandbox.dir, 'run.sh');
    await cli(['test', 'CLI Acme', '--curl', script]);
    const curl = await cli(['profiles', 'import', '-', '--dry-run'], readFileSync(script, 'utf8'));
    expect(curl.stdout).toContain('format: curl');
    expect(curl.stdout).toMatch(/would import ".+" \[client_credentials\]/);
    expect(curl.stdout).toMatch(/note: Client Secret is \$\{?CLIENT_SECRET\}?, which was not resolved/);
  });

  it('detects a Bruno file, honours --format, and refuses a malformed file with its position (exit 2)', async () => {
    const bru = jsonToBruV2({
      meta: { name: 'Bru token', type: 'http', seq: 1 },
      http: { method: 'post', url: 'https://x', auth: 'oauth2' },
      auth: {
        oauth2: { grantType: 'client_credentials', accessTokenUrl: `${idp.issuer}/token`, clientId: 'cli-import' },
      },
    });
    mkdirSync(join(sandbox.dir, 'bru'));
    const bruFile = write('bru/token.bru', bru);
    const ok = await cli(['profiles', 'import', bruFile]);
    expect(ok.stdout).toContain('imported "Bru token"');
    const wrong = await cli(['profiles', 'import', bruFile, '--format', 'insomnia']);
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toMatch(/cannot|not/i);
    const bad = await cli(['profiles', 'import', bruFile, '--format', 'nope']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--format must be one of authbench, postman, insomnia, bruno, curl');
    const cut = write('cut.json', collection().slice(0, 120));
    const malformed = await cli(['profiles', 'import', cut]);
    expect(malformed.code).toBe(2);
    expect(malformed.stderr).toMatch(/cut\.json is not JSON: line \d+, column \d+/);
    expect(await names()).toEqual(['Bru token', 'CLI Acme']);
  });
});
