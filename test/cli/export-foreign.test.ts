/**
 * `authbench profiles export --format postman|bruno|curl` as scripts run it: the built bin in a child process, a
 * real data dir, the real keychain under a throwaway service and a real oidc-provider on loopback. The files parse
 * with the tools' own libraries, hold no secret without --include-secrets, notes go to stderr, and the exported
 * curl command gets a token.
 */
import { execFile } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { bruToJsonV2 } from '@usebruno/lang';
import { Collection, type Item } from 'postman-collection';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningIdp } from '../../src-main/demo/demo-idp';
import { useCliSandbox } from '../helpers/cli';
import { startClientCredentialsIdp } from '../helpers/client-credentials-idp';

const SECRET = 'cli-foreign-secret-5b7d1e';

describe('authbench profiles export --format', () => {
  let idp: RunningIdp;
  const sandbox = useCliSandbox('authbench-cli-foreign-');
  const { run: cli } = sandbox;
  const mode = (path: string) => statSync(path).mode & 0o777;

  beforeAll(async () => {
    idp = await startClientCredentialsIdp('cli-foreign', SECRET);
    const robot = {
      name: 'Robot',
      grantType: 'client_credentials',
      identityProviderName: 'oidc-provider',
      clientId: 'cli-foreign',
      tokenUrl: idp.tokenEndpoint,
      scopes: [{ key: 'scope', value: 'api:read' }],
      clientSecret: SECRET,
    };
    const legacy = {
      name: 'Legacy',
      grantType: 'client_credentials',
      identityProviderName: 'Legacy IdP',
      clientId: 'legacy',
      tokenUrl: 'https://legacy.example/token',
      tokenRequest: { method: 'PUT', contentType: 'xml' },
      clientSecret: `${SECRET}-legacy`,
    };
    expect((await sandbox.importProfiles([robot, legacy])).code).toBe(0);
  });
  afterAll(async () => {
    await idp?.close();
  });

  it('--format postman: a collection on stdout that postman-collection loads, without the secret', async () => {
    const res = await cli(['profiles', 'export', 'Robot', '--format', 'postman']);
    expect(res.code, res.stderr).toBe(0);
    expect(res.stdout).not.toContain(SECRET);
    const collection = new Collection(JSON.parse(res.stdout));
    const [request] = (collection.items.all() as unknown as Item[]).map((item) => item.request);
    expect(request!.auth!.parameters().toObject()).toMatchObject({
      grant_type: 'client_credentials',
      accessTokenUrl: idp.tokenEndpoint,
      clientId: 'cli-foreign',
      scope: 'api:read',
      client_authentication: 'header',
    });
    expect(request!.auth!.parameters().toObject()).not.toHaveProperty('clientSecret');
  });

  it('--format bruno --all --out DIR: one .bru per profile and bruno.json, 0600, notes on stderr', async () => {
    const out = join(sandbox.dir, 'bruno');
    const res = await cli(['profiles', 'export', '--all', '--format', 'bruno', '--out', out]);
    expect(res.code, res.stderr).toBe(0);
    expect(readdirSync(out).sort()).toEqual(['Legacy.bru', 'Robot.bru', 'bruno.json']);
    for (const name of readdirSync(out)) {
      expect(mode(join(out, name))).toBe(0o600);
      expect(readFileSync(join(out, name), 'utf8')).not.toContain(SECRET);
    }
    const robot = bruToJsonV2(readFileSync(join(out, 'Robot.bru'), 'utf8')) as { auth: { oauth2: object } };
    expect(robot.auth.oauth2).toMatchObject({
      grantType: 'client_credentials',
      accessTokenUrl: idp.tokenEndpoint,
      clientId: 'cli-foreign',
      clientSecret: '',
      credentialsPlacement: 'basic_auth_header',
    });
    expect(res.stderr).toContain('note: "Legacy": Bruno sends the token request as POST, not PUT');
    expect(res.stderr).toContain('exported 2 profile(s) as Bruno (.bru)');

    const noOut = await cli(['profiles', 'export', '--all', '--format', 'bruno']);
    expect(noOut.code).toBe(2);
    expect(noOut.stderr).toContain('pass --out DIR');
  });

  it('--format curl --out FILE: the token command gets a token with $CLIENT_SECRET set', async () => {
    const out = join(sandbox.dir, 'robot.sh');
    const res = await cli(['profiles', 'export', 'Robot', '--format', 'curl', '--out', out]);
    expect(res.code, res.stderr).toBe(0);
    expect(mode(out)).toBe(0o600);
    const script = readFileSync(out, 'utf8');
    expect(script).not.toContain(SECRET);
    // The IdP answers from this process: the script runs without blocking it.
    const { stdout } = await promisify(execFile)('sh', [out], {
      env: { PATH: process.env.PATH, CLIENT_SECRET: SECRET },
      timeout: 20_000,
    });
    expect(JSON.parse(stdout)).toMatchObject({ token_type: 'Bearer', scope: 'api:read' });
  });

  it('--include-secrets writes the secret, with a warning', async () => {
    const res = await cli(['profiles', 'export', 'Robot', '--format', 'postman', '--include-secrets']);
    expect(res.code).toBe(0);
    expect(res.stderr).toContain('warning: the export contains secrets in plain text');
    const collection = new Collection(JSON.parse(res.stdout));
    const [request] = (collection.items.all() as unknown as Item[]).map((item) => item.request);
    expect(request!.auth!.parameters().toObject()).toMatchObject({ clientSecret: SECRET });
  });
});
