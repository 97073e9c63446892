/**
 * Import from Postman, Insomnia, Bruno and cURL through the real stores: fixtures written by the tools' own
 * serialisers (postman-collection, @usebruno/lang, yaml), imported profiles Tested against real IdPs, secrets in
 * the keychain and never in SQLite, malformed files refused with their position and nothing imported.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Collection } from 'postman-collection';
import { envJsonToBruV2, jsonToBruV2, jsonToCollectionBru } from '@usebruno/lang';
import { stringify } from 'yaml';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { RunningIdp } from '../../src-main/demo/demo-idp';
import { makeTestContext, type TestContext } from '../helpers/context';
import { startClientCredentialsIdp } from '../helpers/client-credentials-idp';
import { startPasswordIdp, type PasswordIdp } from '../helpers/password-idp';

const CC_SECRET = 'cc-secret-Zq81-imported';
const PW_SECRET = 'pw-client-secret-Yx52';
const USER_PASSWORD = 'alice-password-Wv07';

let dir: string;
let ctx: TestContext;
let cc: RunningIdp;
let pw: PasswordIdp;

beforeAll(async () => {
  cc = await startClientCredentialsIdp('postman-client', CC_SECRET);
  pw = await startPasswordIdp({
    clients: [{ id: 'pw-client', secret: PW_SECRET }],
    users: [{ username: 'alice', password: USER_PASSWORD }],
  });
});
afterAll(async () => {
  await cc.close();
  await pw.close();
});
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'authbench-import-'));
  ctx = makeTestContext();
});
afterEach(async () => {
  await ctx.dispose();
  rmSync(dir, { recursive: true, force: true });
});

const write = (name: string, text: string) => {
  const path = join(dir, name);
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, text);
  return path;
};
const kv = (o: Record<string, unknown>) => Object.entries(o).map(([key, value]) => ({ key, value }));

/** A Postman v2.1 collection written by postman-collection: collection, folder and request auth. */
function postmanCollection(): string {
  const cc2 = { grant_type: 'client_credentials', accessTokenUrl: '{{idp}}/token', clientId: 'postman-client' };
  const collection = new Collection({
    info: { name: 'Acme API' },
    variable: [{ key: 'idp', value: cc.issuer }],
    auth: {
      type: 'oauth2',
      oauth2: kv({
        ...cc2,
        clientSecret: '{{cc_secret}}',
        scope: 'api:read',
        client_authentication: 'header',
        addTokenTo: 'queryParams',
        accessToken: 'stale-token-Hh3',
        tokenRequestParams: [{ key: 'resource', value: cc.apiResource, enabled: true, send_as: 'request_body' }],
      }),
    } as never,
    item: [
      {
        name: 'Users',
        auth: {
          type: 'oauth2',
          oauth2: kv({
            grant_type: 'authorization_code_with_pkce',
            authUrl: 'https://idp.example.com/authorize',
            accessTokenUrl: 'https://idp.example.com/token',
            clientId: 'spa',
            challengeAlgorithm: 'S256',
            state: 'fixed',
            redirect_uri: 'http://localhost:8765/cb',
            authRequestParams: [{ key: 'prompt', value: 'login', enabled: true, send_as: 'request_url' }],
          }),
        },
        item: [
          { name: 'List', request: { url: 'https://api.example.com/users' } },
          {
            name: 'Legacy',
            request: {
              url: 'https://api.example.com/legacy',
              auth: {
                type: 'oauth2',
                oauth2: kv({
                  grant_type: 'password_credentials',
                  accessTokenUrl: pw.tokenUrl,
                  clientId: 'pw-client',
                  clientSecret: PW_SECRET,
                  username: 'alice',
                  password: USER_PASSWORD,
                  client_authentication: 'body',
                }),
              },
            },
          },
          {
            name: 'Implicit',
            request: {
              url: 'https://api.example.com/i',
              auth: {
                type: 'oauth2',
                oauth2: kv({ grant_type: 'implicit', authUrl: 'https://idp.example.com/a', clientId: 'x' }),
              },
            },
          },
        ],
      },
    ],
  } as never);
  return JSON.stringify(collection.toJSON(), null, 2);
}

describe('import from other tools', () => {
  it('imports a Postman v2.1 collection: every grant, variables, notes; the client-credentials and password profiles pass their Test', async () => {
    const env = write(
      'env.json',
      JSON.stringify({ name: 'dev', values: [{ key: 'cc_secret', value: CC_SECRET, enabled: true }] }),
    );
    const file = write('acme.postman_collection.json', postmanCollection());
    const preview = await ctx.transfer.previewFile(file, { environment: env });
    expect(preview.format).toBe('postman');
    expect(preview.entries.map((e) => [e.name, e.grantType, e.secretsFound])).toEqual([
      ['Acme API', 'client_credentials', ['clientSecret']],
      ['Acme API / Users', 'authorization_code', []],
      ['Acme API / Users / Legacy', 'password', ['clientSecret', 'username', 'password']],
      ['Acme API / Users / Implicit', 'authorization_code', []],
    ]);
    expect(JSON.stringify(preview)).not.toContain(CC_SECRET);
    expect(JSON.stringify(preview)).not.toContain(USER_PASSWORD);
    const [root, users, , implicit] = preview.entries;
    expect(root!.notes.join('\n')).toMatch(/Add auth data to: request URL' is not supported/);
    expect(root!.notes.join('\n')).toMatch(/stored accessToken was not imported/);
    expect(users!.notes.join('\n')).toMatch(/state \(a fixed value\) is not kept/);
    expect(implicit!.notes.join('\n')).toMatch(/implicit grant is not supported/);

    const report = await ctx.transfer.applyPreview(preview.importId, new Map());
    expect(report.entries.map((e) => e.outcome)).toEqual(['imported', 'imported', 'imported', 'rejected']);
    expect(report.entries[3]!.message).toMatch(/Token Request URL: Required/);

    const spa = await ctx.profiles.getByName('Acme API / Users');
    expect(spa).toMatchObject({
      clientAuthMethod: 'none',
      pkce: { enabled: true, method: 'S256' },
      callbackHost: 'localhost',
      callbackPort: 8765,
      callbackPath: '/cb',
      additionalFields: [{ key: 'prompt', value: 'login' }],
    });

    const root1 = await ctx.profiles.getByName('Acme API');
    expect(root1).toMatchObject({
      tokenUrl: `${cc.issuer}/token`,
      scopes: [
        { key: 'scope', value: 'api:read' },
        { key: 'resource', value: cc.apiResource },
      ],
    });
    expect(root1.status).toBe('configured');
    const run = await ctx.tests.run(root1.id, { timeoutMs: 10_000 });
    expect(run.ok).toBe(true);

    const legacy = await ctx.profiles.getByName('Acme API / Users / Legacy');
    expect(legacy).toMatchObject({ clientAuthMethod: 'client_secret_post', authorizationMode: 'pre_authorize' });
    const pwRun = await ctx.tests.run(legacy.id, { timeoutMs: 10_000 });
    expect(pwRun.ok).toBe(true);
    expect(await ctx.profiles.readSecret(legacy.id, 'password')).toBe(USER_PASSWORD);

    const db = readFileSync(join(ctx.dataDir, 'authbench.db')).toString('latin1');
    for (const secret of [CC_SECRET, PW_SECRET, USER_PASSWORD, 'stale-token-Hh3']) expect(db).not.toContain(secret);
    expect(JSON.stringify(await ctx.runs.list(root1.id))).not.toContain(CC_SECRET);
  });

  it('keeps unresolved {{variables}} as fields where allowed and reports the rest (no environment); reads a v2.0 collection', async () => {
    const v20 = {
      info: { name: 'Old', schema: 'https://schema.getpostman.com/json/collection/v2.0.0/collection.json' },
      auth: {
        type: 'oauth2',
        oauth2: {
          grant_type: 'client_credentials',
          accessTokenUrl: 'https://{{tenant_host}}.example.com/token',
          clientId: 'c',
          clientSecret: '{{secret}}',
        },
      },
      item: [],
    };
    const report = await ctx.transfer.importSource({ path: write('old.json', JSON.stringify(v20)) });
    expect(report.format).toBe('postman');
    expect(report.entries).toMatchObject([{ outcome: 'imported', name: 'Old' }]);
    expect(report.entries[0]!.notes!.join('\n')).toMatch(/Client Secret is \{\{secret\}\}, which was not resolved/);
    const profile = await ctx.profiles.getByName('Old');
    expect(profile.tokenUrl).toBe('https://{{tenant_host}}.example.com/token');
    expect(profile.secrets.clientSecret).toBe(false);
  });

  it('merges identical setups into one profile named after the first, with a note naming the others', async () => {
    const auth = {
      type: 'oauth2',
      oauth2: kv({ grant_type: 'client_credentials', accessTokenUrl: 'https://a.example.com/token', clientId: 'c' }),
    };
    const doc = new Collection({
      info: { name: 'Dup' },
      item: [
        { name: 'One', request: { url: 'https://x', auth } },
        { name: 'Two', request: { url: 'https://y', auth } },
      ],
    } as never).toJSON();
    const preview = await ctx.transfer.previewFile(write('dup.json', JSON.stringify(doc)));
    expect(preview.entries).toHaveLength(1);
    expect(preview.entries[0]).toMatchObject({ name: 'Dup / One' });
    expect(preview.entries[0]!.notes.join('\n')).toMatch(/also used by “Dup \/ Two”/);
  });

  it('imports Insomnia v4 (JSON) and v5 (YAML) with their base environments; the password profile passes its Test', async () => {
    const v4 = {
      _type: 'export',
      __export_format: 4,
      resources: [
        { _id: 'wrk_1', _type: 'workspace', name: 'Insomnia WS' },
        { _id: 'env_1', _type: 'environment', parentId: 'wrk_1', name: 'Base', data: { idp: { token: pw.tokenUrl } } },
        {
          _id: 'req_1',
          _type: 'request',
          parentId: 'wrk_1',
          name: 'Password',
          authentication: {
            type: 'oauth2',
            grantType: 'password',
            accessTokenUrl: '{{ _.idp.token }}',
            clientId: 'pw-client',
            clientSecret: PW_SECRET,
            username: 'alice',
            password: USER_PASSWORD,
            credentialsInBody: false,
          },
        },
      ],
    };
    const report = await ctx.transfer.importSource({ path: write('insomnia.json', JSON.stringify(v4)) });
    expect(report).toMatchObject({
      format: 'insomnia',
      entries: [{ name: 'Insomnia WS / Password', outcome: 'imported' }],
    });
    const profile = await ctx.profiles.getByName('Insomnia WS / Password');
    expect(profile).toMatchObject({ tokenUrl: pw.tokenUrl, clientAuthMethod: 'client_secret_basic' });
    expect((await ctx.tests.run(profile.id, { timeoutMs: 10_000 })).ok).toBe(true);

    const v5 = stringify({
      type: 'collection.insomnia.rest/5.0',
      name: 'Five',
      collection: [
        {
          name: 'Folder',
          children: [
            {
              name: 'Code',
              authentication: {
                type: 'oauth2',
                grantType: 'authorization_code',
                authorizationUrl: '{{ _.base }}/authorize',
                accessTokenUrl: '{{ _.base }}/token',
                clientId: 'web',
                usePkce: true,
                pkceMethod: 'plain',
              },
            },
            { name: 'Implicit', authentication: { type: 'oauth2', grantType: 'implicit', clientId: 'i' } },
          ],
        },
      ],
      environments: { name: 'Base', data: { base: 'https://five.example.com' } },
    });
    const five = await ctx.transfer.previewFile(write('five.yaml', v5));
    expect(five.format).toBe('insomnia');
    expect(five.entries.map((e) => e.name)).toEqual(['Five / Folder / Code', 'Five / Folder / Implicit']);
    expect(five.entries[1]!.notes.join('\n')).toMatch(/implicit grant is not supported/);
    await ctx.transfer.applyPreview(five.importId, new Map());
    expect(await ctx.profiles.getByName('Five / Folder / Code')).toMatchObject({
      authorizationUrl: 'https://five.example.com/authorize',
      pkce: { enabled: true, method: 'plain' },
    });
  });

  it('imports a Bruno collection folder and a single .bru file with an environment; the client-credentials profile passes', async () => {
    const root = join(dir, 'bruno');
    write('bruno/bruno.json', JSON.stringify({ version: '1', name: 'Bruno Coll', type: 'collection' }));
    write(
      'bruno/collection.bru',
      jsonToCollectionBru({
        auth: {
          mode: 'oauth2',
          oauth2: {
            grantType: 'client_credentials',
            accessTokenUrl: '{{idp}}/token',
            clientId: 'postman-client',
            clientSecret: '{{ccSecret}}',
            scope: 'api:read',
            credentialsPlacement: 'basic_auth_header',
            additionalParameters: {
              token: [{ name: 'resource', value: cc.apiResource, enabled: true, sendIn: 'body' }],
            },
          },
        },
      }),
    );
    write(
      'bruno/Admin/Login.bru',
      jsonToBruV2({
        meta: { name: 'Login', type: 'http', seq: 1 },
        http: { method: 'post', url: 'https://x', body: 'none', auth: 'oauth2' },
        auth: {
          oauth2: {
            grantType: 'password',
            accessTokenUrl: pw.tokenUrl,
            clientId: 'pw-client',
            clientSecret: PW_SECRET,
            username: 'alice',
            password: '',
            credentialsPlacement: 'body',
          },
        },
      }),
    );
    write(
      'bruno/Admin/Inherit.bru',
      jsonToBruV2({
        meta: { name: 'Inherit', type: 'http', seq: 2 },
        http: { method: 'get', url: 'https://x', auth: 'inherit' },
      }),
    );
    write(
      'bruno/environments/Local.bru',
      envJsonToBruV2({
        variables: [
          { name: 'idp', value: cc.issuer, enabled: true, secret: false },
          { name: 'ccSecret', value: CC_SECRET, enabled: true, secret: false },
        ],
      }),
    );
    const report = await ctx.transfer.importSource({ path: root });
    expect(report.format).toBe('bruno');
    expect(report.entries.map((e) => [e.name, e.outcome])).toEqual([
      ['Bruno Coll / Admin / Login', 'imported'],
      ['Bruno Coll', 'imported'],
    ]);
    const coll = await ctx.profiles.getByName('Bruno Coll');
    expect(coll.secrets.clientSecret).toBe(true);
    expect((await ctx.tests.run(coll.id, { timeoutMs: 10_000 })).ok).toBe(true);
    const login = await ctx.profiles.getByName('Bruno Coll / Admin / Login');
    expect(login).toMatchObject({ authorizationMode: 'user', clientAuthMethod: 'client_secret_post' });
    const run = await ctx.tests.run(login.id, {
      formValues: { username: 'alice', password: USER_PASSWORD },
      timeoutMs: 10_000,
    });
    expect(run.ok).toBe(true);
    expect(readFileSync(join(ctx.dataDir, 'authbench.db')).toString('latin1')).not.toContain(CC_SECRET);

    const single = await ctx.transfer.previewFile(join(root, 'Admin/Login.bru'));
    expect(single).toMatchObject({ format: 'bruno', entries: [{ name: 'Login', exists: false }] });
  });

  it('imports curl commands: -u, --data-urlencode, -H, -X and a JSON body; the client-credentials one passes', async () => {
    const text = [
      `curl -s -X POST ${cc.tokenEndpoint} \\`,
      `  -u 'postman-client:${CC_SECRET}' \\`,
      `  -H 'Accept: application/json' \\`,
      `  --data-urlencode grant_type=client_credentials --data-urlencode 'scope=api:read' -d resource=${encodeURIComponent(cc.apiResource)}`,
      `curl ${pw.tokenUrl} -H 'Content-Type: application/json' -d '{"grant_type":"password","client_id":"pw-client","client_secret":"$PW_SECRET","username":"alice","password":"x"}' -k`,
    ].join('\n');
    const preview = await ctx.transfer.previewFile(write('token.sh', text));
    expect(preview.format).toBe('curl');
    expect(preview.entries.map((e) => [e.grantType, e.secretsFound])).toEqual([
      ['client_credentials', ['clientSecret']],
      ['password', ['username', 'password']],
    ]);
    expect(preview.entries[1]!.notes.join('\n')).toMatch(/Client Secret is \$PW_SECRET, which was not resolved/);
    expect(preview.entries[1]!.notes.join('\n')).toMatch(/--insecure\) is not kept/);
    const report = await ctx.transfer.applyPreview(preview.importId, new Map());
    expect(report.entries.map((e) => e.outcome)).toEqual(['imported', 'imported']);
    const first = await ctx.profiles.getByName(preview.entries[0]!.name!);
    expect(first).toMatchObject({ requestHeaders: [{ key: 'Accept', value: 'application/json' }] });
    expect((await ctx.tests.run(first.id, { timeoutMs: 10_000 })).ok).toBe(true);
    const second = await ctx.profiles.getByName(preview.entries[1]!.name!);
    expect(second.tokenRequest).toEqual({ method: 'POST', contentType: 'json' });
  });

  it('places Postman extra parameters where the profile sends them the same way, and notes the rest', async () => {
    const params = (list: Array<[string, string, string]>) =>
      list.map(([key, value, send_as]) => ({ key, value, enabled: true, send_as }));
    const doc = new Collection({
      info: { name: 'Params' },
      auth: {
        type: 'oauth2',
        oauth2: kv({
          grant_type: 'password_credentials',
          accessTokenUrl: 'https://p.example.com/token',
          clientId: 'c',
          username: 'u',
          tokenRequestParams: params([
            ['X-Tenant', 't1', 'request_header'],
            ['pin', '1234', 'request_body'],
            ['debug', '1', 'request_url'],
            ['grant_type', 'x', 'request_body'],
          ]),
          refreshRequestParams: params([
            ['X-Tenant', 't1', 'request_header'],
            ['extra', 'e', 'request_body'],
          ]),
        }),
      } as never,
      item: [],
    } as never).toJSON();
    const preview = await ctx.transfer.previewFile(write('params.json', JSON.stringify(doc)));
    const notes = preview.entries[0]!.notes.join('\n');
    expect(notes).toMatch(/debug \(URL query of the token request\) is not supported/);
    expect(notes).toMatch(/grant_type \(body of the token request\) is not imported: Authbench sets grant_type itself/);
    expect(notes).toMatch(/extra \(body of the refresh request\) is not supported/);
    expect(notes).toMatch(/Only one of Username and Password was set/);
    expect(preview.entries[0]!.secretsFound).toEqual([]);
    await ctx.transfer.applyPreview(preview.importId, new Map());
    expect(await ctx.profiles.getByName('Params')).toMatchObject({
      requestHeaders: [{ key: 'X-Tenant', value: 't1' }],
      applyHeadersToRefresh: true,
      additionalFields: [{ key: 'pin', value: '1234' }],
      authorizationMode: 'user',
    });
  });

  it('refuses malformed files with the file and position, importing nothing', async () => {
    const truncated = write('cut.postman_collection.json', postmanCollection().slice(0, 200));
    await expect(ctx.transfer.importSource({ path: truncated })).rejects.toMatchObject({
      code: 'invalid_request',
      message: expect.stringMatching(/cut\.postman_collection\.json is not JSON: line \d+, column \d+/),
    });
    const badYaml = write(
      'bad.yaml',
      'type: collection.insomnia.rest/5.0\nname: x\ncollection:\n  - name: [unclosed\n',
    );
    await expect(ctx.transfer.importSource({ path: badYaml })).rejects.toMatchObject({
      message: expect.stringMatching(/bad\.yaml is not valid YAML: line \d+, column \d+/),
    });
    write('bad/bruno.json', '{"name":"bad"}');
    write(
      'bad/Good.bru',
      jsonToBruV2({
        meta: { name: 'Good', type: 'http', seq: 1 },
        http: { method: 'get', url: 'https://x', auth: 'oauth2' },
        auth: { oauth2: { grantType: 'client_credentials', accessTokenUrl: 'https://a/token', clientId: 'c' } },
      }),
    );
    write('bad/Worse.bru', 'meta {\n  name: x\n\nauth:oauth2 {\n  grant_type: client_credentials\n');
    await expect(ctx.transfer.importSource({ path: join(dir, 'bad') })).rejects.toMatchObject({
      message: expect.stringMatching(/Worse\.bru is not valid Bruno: line 6, column 1/),
    });
    await expect(ctx.transfer.importSource({ path: write('x.txt', 'hello') })).rejects.toMatchObject({
      message: expect.stringMatching(/cannot tell the format/),
    });
    expect(await ctx.profiles.list()).toEqual([]);
  });
});
