/**
 * No secret in any reproduction of a run (docs/security.md, "The redactor"): real Tests against loopback IdPs —
 * client credentials with client_secret_basic and client_secret_post at oidc-provider, the password grant with a
 * keychain-held username and password plus a check call at @node-oauth/oauth2-server, and a refresh — are saved
 * as HAR, cURL script and support bundle; each file is scanned for every secret in every encoding (plain,
 * URL-encoded, base64 of `id:secret`…). Then the cURL scripts are run by a real `sh` with the secrets exported
 * as the variables they name, and obtain tokens: the reproduction reproduces.
 */
import { execFile } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startOidcIdp, type RunningIdp } from '../../src-main/demo/demo-idp';
import type { Envelope } from '../../src-shared/errors';
import type { SecretsPatch } from '../../src-shared/profile';
import type { TestRun } from '../../src-shared/test-run';
import { makeTestContext, type TestContext } from '../helpers/context';
import { ENCODINGS, pairs } from '../helpers/echo-idp';
import { startPasswordIdp, type PasswordIdp } from '../helpers/password-idp';

const BASIC_SECRET = "Export/Basic+Secret&<'q'> $HOME`~1";
const POST_SECRET = 'Export Post"Secret=%2B/2 \\n';
const PW_SECRET = 'Export pw:secret %41';
const USERNAME = 'export-user/ü@example.test';
const PASSWORD = "Export P@ss/w'ord&<ü>$3";
const PW_CLIENT = 'export pw client';

/** RFC 6749 Appendix B: what `--user` expects of the client secret, as the script's header says. */
const formEncode = (s: string) => new URLSearchParams({ s }).toString().slice(2);

describe('HAR, cURL and support bundle carry no secret', () => {
  let oidc: RunningIdp;
  let pw: PasswordIdp;
  let ctx: TestContext;
  const runs: Record<string, TestRun> = {};
  const files: Record<string, string> = {};

  const call = async <T>(channel: string, payload: unknown): Promise<T> => {
    const envelope = (await ctx.router.handle(channel, payload)) as Envelope<T>;
    if (!envelope.ok) throw new Error(`${envelope.error.code}: ${envelope.error.message}`);
    return envelope.value;
  };
  const create = async (profile: Record<string, unknown>, secrets: SecretsPatch) =>
    (
      await call<{ id: string }>('profiles:create', {
        profile: { identityProviderName: 'loopback', ...profile },
        secrets,
      })
    ).id;
  const sh = (file: string, env: Record<string, string>) =>
    promisify(execFile)('sh', [file], { encoding: 'utf8', env: { PATH: process.env.PATH, ...env }, timeout: 20_000 });

  beforeAll(async () => {
    oidc = await startOidcIdp({
      clients: [
        {
          client_id: 'export-basic',
          client_secret: BASIC_SECRET,
          token_endpoint_auth_method: 'client_secret_basic',
          grant_types: ['client_credentials'],
          scope: 'api:read',
        },
        {
          client_id: 'export-post',
          client_secret: POST_SECRET,
          token_endpoint_auth_method: 'client_secret_post',
          grant_types: ['client_credentials'],
          scope: 'api:read',
        },
      ],
      scopes: ['api:read'],
    });
    pw = await startPasswordIdp({
      clients: [{ id: PW_CLIENT, secret: PW_SECRET }],
      users: [{ username: USERNAME, password: PASSWORD }],
    });
    ctx = makeTestContext();
  });
  afterAll(async () => {
    await ctx?.dispose();
    await pw?.close();
    await oidc?.close();
  });

  it('runs the Tests and the refresh, and saves each run three ways through the router, 0600', async () => {
    const scopes = [{ key: 'scope', value: 'api:read' }];
    for (const method of ['basic', 'post'] as const) {
      const profileId = await create(
        {
          name: `cc ${method}`,
          grantType: 'client_credentials',
          clientId: `export-${method}`,
          clientAuthMethod: `client_secret_${method}`,
          tokenUrl: oidc.tokenEndpoint,
          scopes,
        },
        { clientSecret: method === 'basic' ? BASIC_SECRET : POST_SECRET },
      );
      runs[`cc-${method}`] = await call<TestRun>('test:run', { profileId, timeoutMs: 10_000 });
    }
    const pwId = await create(
      {
        name: 'password',
        grantType: 'password',
        authorizationMode: 'pre_authorize',
        clientId: PW_CLIENT,
        tokenUrl: pw.tokenUrl,
        checkUrl: pw.apiUrl,
        authorizationFields: [{ type: 'header', key: 'Authorization', value: 'Bearer {{access_token}}' }],
      },
      { clientSecret: PW_SECRET, username: USERNAME, password: PASSWORD },
    );
    runs.password = await call<TestRun>('test:run', { profileId: pwId, timeoutMs: 10_000 });
    runs.refresh = await call<TestRun>('tokens:refresh', { profileId: pwId });
    for (const [name, run] of Object.entries(runs)) expect(run.ok, `${name}: ${run.error?.message}`).toBe(true);
    expect(runs.password!.exchanges.map((e) => e.step)).toEqual(['token', 'check']);
    expect(runs.refresh!.exchanges.map((e) => e.step)).toEqual(['refresh']);

    for (const [name, run] of Object.entries(runs)) {
      for (const [kind, ext] of [
        ['har', 'har'],
        ['curl', 'sh'],
        ['bundle', 'json'],
      ] as const) {
        const path = join(ctx.dataDir, `${name}.${ext}`);
        await ctx.runs[kind === 'har' ? 'saveHar' : kind === 'curl' ? 'saveCurl' : 'saveBundle'](run.id, path);
        expect(statSync(path).mode & 0o777, path).toBe(0o600);
        files[`${name}.${ext}`] = readFileSync(path, 'utf8');
      }
    }
  });

  it('finds none of the secrets, in any encoding, in any HAR, cURL script or bundle', () => {
    const issued = pw.issued.flatMap((t) => [t.accessToken, t.refreshToken ?? '']).filter(Boolean);
    expect(issued.length).toBeGreaterThanOrEqual(3); // password grant: access + refresh; refresh: a new access
    const needles = [
      ...[BASIC_SECRET, POST_SECRET, PW_SECRET, USERNAME, PASSWORD, ...issued].flatMap((s) =>
        Object.values(ENCODINGS).map((encode) => encode(s)),
      ),
      ...pairs('export-basic', BASIC_SECRET),
      ...pairs(PW_CLIENT, PW_SECRET),
    ];
    expect(Object.keys(files)).toHaveLength(12);
    const hits = Object.entries(files).flatMap(([file, text]) =>
      [...new Set(needles)].filter((n) => text.includes(n)).map((n) => `${file}: ${n}`),
    );
    expect(hits).toEqual([]);
    // The scan sees real content: placeholders where the secrets were, the run inside each bundle.
    expect(files['cc-basic.sh']).toContain(`--user 'export-basic:'"$CLIENT_SECRET"`);
    expect(files['cc-post.sh']).toContain(`--data-urlencode 'client_secret='"$CLIENT_SECRET"`);
    expect(files['password.sh']).toContain(`--data-urlencode 'password='"$PASSWORD"`);
    expect(files['password.sh']).toContain(`'authorization: Bearer '"$ACCESS_TOKEN"`);
    expect(files['refresh.sh']).toContain(`--data-urlencode 'refresh_token='"$REFRESH_TOKEN"`);
    const bundle = JSON.parse(files['password.json']!);
    expect(bundle).toMatchObject({
      format: 'authbench.support-bundle/v1',
      app: { version: expect.any(String) },
      os: { platform: process.platform, arch: process.arch },
      versions: { node: process.versions.node },
      profile: { name: 'password', grantType: 'password', clientId: PW_CLIENT, tokenUrl: pw.tokenUrl },
      run: { id: runs.password!.id, ok: true },
    });
    expect(bundle.profile).not.toHaveProperty('clientSecret');
    expect(bundle.profile).not.toHaveProperty('password');
  });

  it('the cURL scripts, with the secrets exported as the variables they name, obtain tokens from the IdPs', async () => {
    const token = (stdout: string) => /"access_token":"([^"]+)"/.exec(stdout)?.[1];
    const dir = ctx.dataDir;
    const basic = await sh(join(dir, 'cc-basic.sh'), { CLIENT_SECRET: formEncode(BASIC_SECRET) });
    expect(basic.stdout).toMatch(/^HTTP\/1\.1 200/);
    expect(token(basic.stdout)).toBeTruthy();
    const post = await sh(join(dir, 'cc-post.sh'), { CLIENT_SECRET: POST_SECRET });
    expect(post.stdout).toMatch(/^HTTP\/1\.1 200/);
    expect(token(post.stdout)).toBeTruthy();

    const before = pw.issued.length;
    const live = pw.issued.at(-1)!;
    const password = await sh(join(dir, 'password.sh'), {
      CLIENT_SECRET: formEncode(PW_SECRET),
      USERNAME,
      PASSWORD,
      ACCESS_TOKEN: live.accessToken,
    });
    const [tokenResponse, checkResponse] = password.stdout.split(/(?=^HTTP\/1\.1 )/m);
    expect(tokenResponse).toMatch(/^HTTP\/1\.1 200/);
    expect(token(tokenResponse!)).toBe(pw.issued[before]!.accessToken);
    expect(checkResponse).toMatch(/^HTTP\/1\.1 200/);
    expect(checkResponse).toContain(`"user":${JSON.stringify(USERNAME)}`);

    const refresh = await sh(join(dir, 'refresh.sh'), {
      CLIENT_SECRET: formEncode(PW_SECRET),
      REFRESH_TOKEN: pw.issued[before]!.refreshToken!,
    });
    expect(refresh.stdout).toMatch(/^HTTP\/1\.1 200/);
    expect(token(refresh.stdout)).toBe(pw.issued.at(-1)!.accessToken);
  });

  it('a script run without its variables stops before sending anything', async () => {
    const sent = pw.tokenRequests.length;
    await expect(sh(join(ctx.dataDir, 'password.sh'), {})).rejects.toThrow(/set (ACCESS_TOKEN|CLIENT_SECRET) first/);
    expect(pw.tokenRequests.length).toBe(sent);
  });
});
