/**
 * No secret leaks (docs/security.md, "The redactor"): client-credentials and password-grant Tests with
 * distinctive secrets, against an IdP that echoes every credential it receives back in every shape and every
 * encoding (test/helpers/echo-idp.ts), the token request sent in each of the ten content types. Then the SQLite file (and its
 * -wal), the TestRuns returned through the router, the progress events, HAR files, an export without
 * secrets, the app's log and the CLI's stdout and stderr (`authbench test`, with and without --json, and
 * `profiles export`) are scanned for each secret in each encoding: zero hits.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Envelope } from '../../src-shared/errors';
import type { SecretsPatch } from '../../src-shared/profile';
import type { TestProgress, TestRun } from '../../src-shared/test-run';
import { TOKEN_CONTENT_TYPES } from '../../src-shared/token-content-types';
import { runCli, type CliResult } from '../helpers/cli';
import { makeTestContext, type TestContext } from '../helpers/context';
import {
  allStrings,
  ENCODINGS,
  IDP_CODE,
  IDP_REFRESH,
  IDP_TOKEN,
  pairs,
  SHAPES,
  startEchoIdp,
  VALID_TOKEN,
  type EchoIdp,
} from '../helpers/echo-idp';
import { startPasswordIdp, type PasswordIdp } from '../helpers/password-idp';

const BASIC_SECRET = 'Leak/Basic+Secret&<"q">~1';
const POST_SECRET = "Leak Post'Secret=%2B/2";
const USERNAME = 'leak-user/ü@example.test';
const PASSWORD = 'Leak P@ss/wörd&<ü>"3';
const CLIENT_ID = 'leak client';

describe('no secret leaks through an echoing IdP', () => {
  let echo: EchoIdp;
  let origin: string;
  let idp: PasswordIdp;
  let ctx: TestContext;
  const runs: TestRun[] = [];
  const progress: TestProgress[] = [];
  const envelopes: string[] = [];
  const logs: string[] = [];
  const names: string[] = [];
  const cli: CliResult[] = [];

  beforeAll(async () => {
    echo = await startEchoIdp();
    origin = echo.origin;
    idp = await startPasswordIdp({
      clients: [{ id: CLIENT_ID, secret: BASIC_SECRET }],
      users: [{ username: USERNAME, password: PASSWORD }],
    });
    ctx = makeTestContext({ log: (m) => logs.push(m) });
    ctx.events.on('test:progress', (p) => progress.push(p));
  });
  afterAll(async () => {
    await ctx?.dispose();
    await idp?.close();
    await echo?.close();
  });

  let n = 0;
  /** Creates a profile through the router (secrets to the keychain) and runs its Test through the router. */
  async function viaRouter(fields: Record<string, unknown>, secrets: SecretsPatch): Promise<TestRun> {
    const profile = { name: `leak ${++n}`, identityProviderName: 'echo', clientId: CLIENT_ID, ...fields };
    names.push(profile.name);
    const created = (await ctx.router.handle('profiles:create', { profile, secrets })) as Envelope<{ id: string }>;
    if (!created.ok) throw new Error(created.error.message);
    const out = (await ctx.router.handle('test:run', {
      profileId: created.value.id,
      timeoutMs: 10_000,
    })) as Envelope<TestRun>;
    envelopes.push(JSON.stringify(out));
    if (!out.ok) throw new Error(out.error.message);
    runs.push(out.value);
    return out.value;
  }

  it.each(SHAPES)('client credentials (client_secret_basic, then _post) against %s', async (shape) => {
    const basic = await viaRouter(
      { grantType: 'client_credentials', tokenUrl: `${origin}${shape}`, clientAuthMethod: 'client_secret_basic' },
      { clientSecret: BASIC_SECRET },
    );
    expect(basic.ok).toBe(false);
    expect(basic.exchanges[0]!.response!.status).toBeGreaterThan(0);
    await viaRouter(
      { grantType: 'client_credentials', tokenUrl: `${origin}${shape}`, clientAuthMethod: 'client_secret_post' },
      { clientSecret: POST_SECRET },
    );
  });

  it.each(SHAPES)('password grant with a keychain-held username and password against %s', async (shape) => {
    await viaRouter(
      { grantType: 'password', authorizationMode: 'pre_authorize', tokenUrl: `${origin}${shape}` },
      { clientSecret: BASIC_SECRET, username: USERNAME, password: PASSWORD },
    );
  });

  it('a passing password grant (real IdP) whose check call echoes the token back in every shape', async () => {
    const run = await viaRouter(
      {
        grantType: 'password',
        authorizationMode: 'pre_authorize',
        tokenUrl: idp.tokenUrl,
        checkUrl: `${origin}/json`,
        authorizationFields: [{ type: 'header', key: 'Authorization', value: 'Bearer {{access_token}}' }],
      },
      { clientSecret: BASIC_SECRET, username: USERNAME, password: PASSWORD },
    );
    expect(run.ok).toBe(true);
    expect(run.exchanges.map((e) => e.step)).toEqual(['token', 'check']);
    const cc = await viaRouter(
      { grantType: 'client_credentials', tokenUrl: `${origin}/token`, checkUrl: `${origin}/xml` },
      { clientSecret: POST_SECRET },
    );
    expect(cc.ok).toBe(true);
  });

  it('the CLI tests the same profiles, for people and with --json, and exports them without secrets', async () => {
    const env = { ...process.env, AUTHBENCH_KEYCHAIN_SERVICE: ctx.keychainService, NO_COLOR: '1' };
    const dir = ['--data-dir', ctx.dataDir];
    // Every third profile: each grant, both client authentication methods and most shapes.
    for (const name of names.filter((_, i) => i % 3 === 0)) {
      cli.push(await runCli([...dir, 'test', name, '--timeout', '10'], env));
      cli.push(await runCli([...dir, 'test', name, '--json', '--timeout', '10'], env));
    }
    cli.push(await runCli([...dir, 'profiles', 'export', '--all'], env));
    expect(cli.filter((r) => r.code === 0 || r.code === 1)).toHaveLength(cli.length);
    expect(cli.at(-1)!.stdout).toContain('authbench.profiles/v1');
  });

  // After the CLI's Tests (which take a third of the profiles above): these are scanned in the stores and HAR files.
  it.each(TOKEN_CONTENT_TYPES)(
    'password grant (client_secret_post) with the token request sent as %s',
    async (type) => {
      await viaRouter(
        {
          grantType: 'password',
          authorizationMode: 'pre_authorize',
          clientAuthMethod: 'client_secret_post',
          tokenUrl: `${origin}/json`,
          tokenRequest: { method: 'POST', contentType: type },
        },
        { clientSecret: POST_SECRET, username: USERNAME, password: PASSWORD },
      );
    },
  );

  it('finds no secret, in any encoding, in SQLite, IPC payloads, progress, HAR files, exports, logs or CLI output', async () => {
    const issued = idp.issued.flatMap((t) => [t.accessToken, t.refreshToken ?? '']).filter(Boolean);
    expect(issued.length).toBeGreaterThan(0);
    const needles = [
      ...[BASIC_SECRET, POST_SECRET, USERNAME, PASSWORD].flatMap((s) => Object.values(ENCODINGS).map((f) => f(s))),
      ...pairs(CLIENT_ID, BASIC_SECRET),
      ...pairs(CLIENT_ID, POST_SECRET),
      ...[IDP_TOKEN, IDP_REFRESH, IDP_CODE, VALID_TOKEN, ...issued],
    ];
    const hars: string[] = [];
    for (const run of runs) {
      const path = join(ctx.dataDir, `${run.id}.har`);
      await ctx.runs.saveHar(run.id, path);
      hars.push(readFileSync(path, 'utf8'));
    }
    const ids = runs.map((r) => r.profileId);
    const exported = await ctx.transfer.exportText(ids, false);
    const listed = await Promise.all(ids.map((profileId) => ctx.router.handle('runs:list', { profileId })));
    const db = join(ctx.dataDir, 'authbench.db');
    const files = [db, `${db}-wal`, `${db}-shm`].filter(existsSync).map((f) => readFileSync(f));
    expect(runs.length).toBe(SHAPES.length * 3 + TOKEN_CONTENT_TYPES.length + 2);
    expect(files.length).toBeGreaterThan(1);
    const texts: Record<string, string[]> = {
      ipc: [...envelopes, JSON.stringify(listed), ...runs.flatMap(allStrings)],
      progress: progress.map((p) => p.message),
      har: hars,
      export: [exported],
      log: logs,
      cli: cli.flatMap((r) => [r.stdout, r.stderr]),
    };
    const hits: string[] = [];
    for (const needle of new Set(needles)) {
      for (const [where, list] of Object.entries(texts))
        if (list.some((t) => t.includes(needle))) hits.push(`${where}: ${needle}`);
      if (files.some((b) => b.includes(Buffer.from(needle)))) hits.push(`sqlite: ${needle}`);
    }
    expect(hits).toEqual([]);
    // The scan can see: the runs hold the masks, the progress named the Tests.
    expect(envelopes.join('')).toContain('[redacted]');
    expect(progress.some((p) => p.message.includes('Requesting a token for [redacted]'))).toBe(true);
  });
});
