/**
 * No secret leaks (docs/security.md, "The redactor"): client-credentials and password-grant Tests with
 * distinctive secrets, against an IdP that echoes every credential it receives back in every shape (camelCase
 * JSON, nested and array values, namespaced XML, attributes, CDATA, HTML form inputs, multipart, form, a
 * Location fragment, tokens in headers, the RFC 6749 §5.2 error fields) and every encoding (JSON escapes,
 * entities, percent-encoding in both cases, base64, base64url, Basic pairs). Then the SQLite file (and its
 * -wal), the TestRuns returned through the router, the progress events, HAR files, an export without
 * secrets, the app's log and the CLI's stdout and stderr (`authbench test`, with and without --json, and
 * `profiles export`) are scanned for each secret in each encoding: zero hits.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Envelope } from '../../src-shared/errors';
import type { SecretsPatch } from '../../src-shared/profile';
import type { TestProgress, TestRun } from '../../src-shared/test-run';
import { runCli, type CliResult } from '../helpers/cli';
import { makeTestContext, type TestContext } from '../helpers/context';
import { startPasswordIdp, type PasswordIdp } from '../helpers/password-idp';

const BASIC_SECRET = 'Leak/Basic+Secret&<"q">~1';
const POST_SECRET = "Leak Post'Secret=%2B/2";
const USERNAME = 'leak-user/ü@example.test';
const PASSWORD = 'Leak P@ss/wörd&<ü>"3';
// What the echo IdP hands out: tokens a camelCase answer carries, a code in a form, and a valid token.
const IDP_TOKEN = 'idp-camel-access-token-4f9a1c';
const IDP_REFRESH = 'idp-camel-refresh-token-77b2e0';
const IDP_CODE = 'idp-html-code-5e1d93a0b2';
const VALID_TOKEN = 'valid-access-token-9c2e44d1';
const CLIENT_ID = 'leak client';

const hex4 = (c: string) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
const json = (s: string) => JSON.stringify(s).slice(1, -1);
const ent = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
const lower = (s: string) => encodeURIComponent(s).replace(/%[0-9A-F]{2}/g, (m) => m.toLowerCase());
const form = (s: string) => new URLSearchParams({ s }).toString().slice(2);
const b64 = (s: string) => Buffer.from(s).toString('base64');
const b64url = (s: string) => Buffer.from(s).toString('base64url');
/** Each encoding of items 1–2 the echo IdP uses and the scan looks for (computed here, not by the redactor). */
const ENCODINGS: Record<string, (s: string) => string> = {
  plain: (s) => s,
  json,
  jsonSlash: (s) => json(s).replace(/\//g, '\\/'),
  jsonUnicode: (s) =>
    json(s)
      .replace(/\//g, '\\/')
      .replace(/[^\x20-\x7e]|[<>&']/g, hex4),
  entities: ent,
  xmlEntities: (s) => ent(s).replace(/&#39;/g, '&apos;'),
  percent: encodeURIComponent,
  percentLower: lower,
  form,
  base64: b64,
  base64url: b64url,
};
const ASCII = ['percent', 'percentLower', 'form', 'base64', 'base64url'];
const pairs = (id: string, s: string) => [b64(`${form(id)}:${form(s)}`), b64(`${id}:${s}`), b64url(`${id}:${s}`)];

/** The raw credentials in a request: Basic pair, body parameters, a Bearer token. */
function credentials(req: IncomingMessage, body: string): string[] {
  const found: string[] = [];
  const auth = String(req.headers.authorization ?? '');
  if (auth.startsWith('Basic ')) {
    const [id = '', secret = ''] = Buffer.from(auth.slice(6), 'base64').toString().split(':');
    found.push(decodeURIComponent(id.replace(/\+/g, ' ')), decodeURIComponent(secret.replace(/\+/g, ' ')));
  }
  if (auth.startsWith('Bearer ')) found.push(auth.slice(7));
  for (const [k, v] of new URLSearchParams(body)) if (k !== 'grant_type' && k !== 'scope') found.push(v);
  return found.filter((v) => v.length >= 4);
}

/** An IdP that answers each path with every credential it received, in one shape and every encoding. */
function echoShapes(req: IncomingMessage, res: ServerResponse, path: string, body: string): void {
  const creds = credentials(req, body);
  const all = (f: (s: string) => string) => creds.map(f).join(' ');
  const each = Object.entries(ENCODINGS).map(([name, f]) => [name, all(f)] as const);
  const headers = {
    'x-auth-token': IDP_TOKEN,
    'api-key': creds[0] ?? '',
    'ocp-apim-subscription-key': creds[1] ?? creds[0] ?? '',
    'x-echo': ASCII.map((n) => all(ENCODINGS[n]!)).join(' '),
    'x-raw-authorization': String(req.headers.authorization ?? ''),
  };
  const frag = `access_token=${IDP_TOKEN}&note=${all(lower)}`;
  const send = (status: number, type: string, text: string, extra: Record<string, string> = {}) =>
    void res.writeHead(status, { 'content-type': type, ...headers, ...extra }).end(text);
  const jsonText = () =>
    `{"accessToken":"${IDP_TOKEN}","refreshToken":"${IDP_REFRESH}","clientSecret":${JSON.stringify(creds[1] ?? '')},` +
    `"token":{"value":${JSON.stringify(creds)}},"password":${JSON.stringify(creds)},` +
    `"echo":${JSON.stringify({ headers: req.headers, body })},` +
    each.map(([n, v]) => `"${n}":${n.startsWith('json') ? `"${v}"` : JSON.stringify(v)}`).join(',') +
    `,"next":"https://app.example/cb#${frag}"}`;
  switch (path) {
    case '/json':
      return send(200, 'application/json', jsonText(), { location: `https://app.example/cb#${frag}` });
    case '/xml':
      return send(
        200,
        'application/xml',
        `<?xml version="1.0"?><r xmlns:ns="urn:x"><ns:password>${all(ent)}</ns:password>` +
          `<access_token type="x">${IDP_TOKEN}</access_token><refresh_token><![CDATA[${IDP_REFRESH}]]></refresh_token>` +
          `<cred password="${all(ent)}"/><clientSecret><![CDATA[${creds.join(' ')}]]></clientSecret>` +
          each.map(([n, v]) => `<${n}>${n === 'plain' ? ent(v) : v}</${n}>`).join('') +
          '</r>',
      );
    case '/html':
      return send(
        200,
        'text/html',
        `<html><body><form><input type="hidden" name="code" value="${IDP_CODE}">` +
          `<input value="${IDP_TOKEN}" name="accessToken"><input name="password" value="${all(ent)}"></form>` +
          each.map(([n, v]) => `<p id="${n}">${n === 'plain' ? ent(v) : v}</p>`).join('') +
          '</body></html>',
      );
    case '/multipart': {
      const part = (name: string, value: string) =>
        `--B0undary\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`;
      const text = [
        part('access_token', IDP_TOKEN),
        part('client_secret', creds.join(' ')),
        ...each.map(([n, v]) => part(n, v)),
        '--B0undary--\r\n',
      ].join('');
      return send(200, 'multipart/form-data; boundary=B0undary', text);
    }
    case '/form':
      return send(
        200,
        'application/x-www-form-urlencoded',
        `accessToken=${IDP_TOKEN}&refresh-token=${IDP_REFRESH}&` + each.map(([n, v]) => `${n}=${form(v)}`).join('&'),
      );
    case '/error':
      return send(
        400,
        'application/json',
        JSON.stringify({
          error: `invalid_client ${all((s) => s)}`,
          error_description: `bad ${each.map(([, v]) => v).join(' ')}`,
          error_uri: `https://idp.example/e?client_secret=${all(form)}#access_token=${IDP_TOKEN}`,
        }),
      );
    case '/redirect':
      return send(302, 'text/plain', '', { location: `https://app.example/cb?code=${IDP_CODE}#${frag}` });
    case '/token':
      return send(200, 'application/json', JSON.stringify({ access_token: VALID_TOKEN, token_type: 'Bearer' }));
    default:
      return send(200, 'text/plain', `echo ${each.map(([, v]) => v).join(' ')} ${jsonText()}`);
  }
}

const SHAPES = ['/json', '/xml', '/html', '/multipart', '/form', '/error', '/redirect', '/text'];

describe('no secret leaks through an echoing IdP', () => {
  let server: Server;
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
    server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () =>
        echoShapes(req, res, new URL(req.url ?? '/', 'http://x').pathname, Buffer.concat(chunks).toString()),
      );
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
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
    server?.closeAllConnections();
    await new Promise((resolve) => server?.close(resolve));
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
    expect(runs.length).toBe(SHAPES.length * 3 + 2);
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

function allStrings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (value && typeof value === 'object') return Object.values(value).flatMap(allStrings);
  return [];
}
