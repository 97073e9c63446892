/**
 * Bruno collections (docs/architecture.md, "Import from other tools"): a collection folder (`bruno.json`,
 * `collection.bru`, folders with `folder.bru`, `*.bru` requests, `environments/*.bru`) or one `.bru` file, parsed
 * with Bruno's own `@usebruno/lang`. Every `auth:oauth2` becomes one setup; a request that inherits is skipped.
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import { basename, join, relative } from 'node:path';
import { AppError } from '../../src-shared/errors';
import { cjsModule } from './import-cjs';
import { MAX_IMPORT_BYTES } from '../../src-shared/transfer';
import type { ConvertOptions, ExtraParam, OAuthSetup } from './import-types';
import { malformedAt } from './import-position';
import { resolveVars } from './import-vars';

type Lang = typeof import('@usebruno/lang');
type Parsed = Record<string, unknown> & { auth?: { mode?: string; oauth2?: Record<string, unknown> } };

/** At most this many `.bru` files are read from one folder. */
const MAX_FILES = 5000;
const PARAMS: Array<[string, ExtraParam['stage'], ExtraParam['where']]> = [
  ['auth_req_headers', 'auth', 'header'],
  ['auth_req_queryparams', 'auth', 'query'],
  ['access_token_req_headers', 'token', 'header'],
  ['access_token_req_queryparams', 'token', 'query'],
  ['access_token_req_bodyvalues', 'token', 'body'],
  ['refresh_token_req_headers', 'refresh', 'header'],
  ['refresh_token_req_queryparams', 'refresh', 'query'],
  ['refresh_token_req_bodyvalues', 'refresh', 'body'],
];

/** Runs one @usebruno/lang parser; its "Line L, col C:" error becomes one naming `file` (nothing imported). */
function parseBru<T>(parse: (text: string) => T, text: string, file: string): T {
  try {
    return parse(text);
  } catch (err) {
    const message = (err as Error).message ?? String(err);
    const at = /Line (\d+), col (\d+):/.exec(message);
    const reason = message.split('\n').pop()?.trim() || 'cannot be parsed';
    throw malformedAt(file, 'Bruno', at ? Number(at[1]) : 1, at ? Number(at[2]) : 1, reason);
  }
}

/** The `.bru` files under `dir` in a stable order (folders first), skipping environments and dot folders. */
async function bruFiles(dir: string, out: string[] = []): Promise<string[]> {
  const items = (await readdir(dir, { withFileTypes: true })).sort((a, b) => a.name.localeCompare(b.name));
  for (const item of items) {
    const full = join(dir, item.name);
    if (
      item.isDirectory() &&
      !item.name.startsWith('.') &&
      item.name !== 'node_modules' &&
      item.name !== 'environments'
    )
      await bruFiles(full, out);
    else if (item.isFile() && item.name.endsWith('.bru')) out.push(full);
    if (out.length > MAX_FILES) throw new AppError('invalid_request', `${dir}: more than ${MAX_FILES} .bru files`);
  }
  return out;
}

/** The text of `file`, refused over MAX_IMPORT_BYTES (10 MB) in all (`budget.left` bytes remain). */
async function readCounted(file: string, budget: { left: number }): Promise<string> {
  budget.left -= (await stat(file)).size;
  if (budget.left < 0) throw new AppError('invalid_request', `${file}: the collection is over 10 MB`);
  return readFile(file, 'utf8');
}

/** The variables of a Bruno environment file (`vars { }`; secret ones are empty in the file and stay unresolved). */
export async function readBrunoEnvironment(path: string): Promise<Record<string, string>> {
  const { bruToEnvJsonV2 } = cjsModule((await import('@usebruno/lang')) as Lang);
  const env = parseBru(bruToEnvJsonV2, await readCounted(path, { left: MAX_IMPORT_BYTES }), path);
  const vars: Record<string, string> = {};
  for (const v of env.variables ?? []) if (v.enabled !== false && v.value) vars[v.name] = v.value;
  return vars;
}

/**
 * The setups of a Bruno collection folder or `.bru` file. Throws AppError('invalid_request') naming the file and
 * line of a malformed `.bru` (before anything is imported).
 */
export async function brunoSetups(path: string, isDir: boolean, options: ConvertOptions): Promise<OAuthSetup[]> {
  const lang = cjsModule((await import('@usebruno/lang')) as Lang);
  const budget = { left: MAX_IMPORT_BYTES };
  const notes: string[] = [];
  let vars = { ...options.variables };
  let root = basename(path).replace(/\.bru$/, '');
  const found: Array<{ parsed: Parsed; source: string; mode?: string }> = [];
  if (!isDir) {
    const parsed = parseBru(lang.bruToJsonV2, await readCounted(path, budget), path) as Parsed;
    found.push({ parsed, source: String((parsed.meta as { name?: string })?.name ?? root), mode: httpMode(parsed) });
  } else {
    try {
      const info = JSON.parse(await readCounted(join(path, 'bruno.json'), budget)) as { name?: string };
      if (info.name) root = info.name;
    } catch {
      notes.push('bruno.json is missing or unreadable: the collection is named after its folder');
    }
    if (!options.environmentPath) vars = { ...(await defaultEnvironment(path, notes)), ...vars };
    for (const file of await bruFiles(path)) {
      const rel = relative(path, file).split(/[\\/]/);
      const text = await readCounted(file, budget);
      const folders = rel.slice(0, -1);
      const name = basename(file);
      if (name === 'collection.bru' || name === 'folder.bru') {
        const parsed = parseBru(lang.collectionBruToJson, text, file) as Parsed;
        const label = (parsed.meta as { name?: string })?.name ?? folders[folders.length - 1];
        const source = [root, ...folders.slice(0, -1), ...(name === 'folder.bru' ? [label] : [])].join(' / ');
        found.push({ parsed, source, mode: parsed.auth?.mode });
      } else {
        const parsed = parseBru(lang.bruToJsonV2, text, file) as Parsed;
        const label = String((parsed.meta as { name?: string })?.name ?? name.replace(/\.bru$/, ''));
        found.push({ parsed, source: [root, ...folders, label].join(' / '), mode: httpMode(parsed) });
      }
    }
  }
  const setups = found
    .filter((f) => f.mode === 'oauth2' && f.parsed.auth?.oauth2)
    .map((f) => toSetup(f.parsed, f.source, vars));
  if (setups[0]) setups[0].notes.push(...notes);
  return setups;
}

/** The request's auth mode (`http.auth` in a parsed request). */
function httpMode(parsed: Parsed): string | undefined {
  return (parsed.http as { auth?: string } | undefined)?.auth;
}

/** The only environment of the collection, or none (with a note) when there are several. */
async function defaultEnvironment(dir: string, notes: string[]): Promise<Record<string, string>> {
  const envDir = join(dir, 'environments');
  const files = await readdir(envDir).catch(() => [] as string[]);
  const envs = files.filter((f) => f.endsWith('.bru')).sort();
  if (envs.length === 1) {
    notes.push(`Variables were taken from the environment ${envs[0]}`);
    return readBrunoEnvironment(join(envDir, envs[0]!));
  }
  if (envs.length > 1)
    notes.push(
      `No environment was applied (there are ${envs.length}): pass one with --environment environments/NAME.bru`,
    );
  return {};
}

/** One parsed Bruno oauth2 block (with its additional parameters) → a setup. */
function toSetup(parsed: Parsed, source: string, vars: Record<string, string>): OAuthSetup {
  const o = parsed.auth!.oauth2!;
  const t = (key: string) => {
    const v = o[key];
    if (typeof v === 'boolean') return String(v);
    return typeof v === 'string' && v !== '' ? resolveVars(v, vars) : undefined;
  };
  const notes: string[] = [];
  const params: ExtraParam[] = [];
  for (const [suffix, stage, where] of PARAMS) {
    for (const row of (parsed[`oauth2_additional_parameters_${suffix}`] ?? []) as Array<Record<string, unknown>>) {
      if (typeof row.name !== 'string' || !row.name) continue;
      if (row.enabled === false) notes.push(`The disabled extra parameter ${row.name} was not imported`);
      else params.push({ key: row.name, value: resolveVars(String(row.value ?? ''), vars), stage, where });
    }
  }
  if (t('tokenPlacement') === 'url')
    notes.push(
      "Bruno's token placement 'URL' is not supported; the token is sent as a header (or as the Authorization Fields say)",
    );
  const prefix = t('tokenHeaderPrefix');
  if (prefix && prefix !== 'Bearer')
    notes.push(`Bruno's header prefix "${prefix}" is not kept: add an Authorization Field with it if the API needs it`);
  if (t('tokenSource') === 'id_token')
    notes.push("Bruno's token source 'id_token' is not supported: Authbench uses the access token");
  return {
    source,
    grant: t('grantType') ?? 'authorization_code',
    authUrl: t('authorizationUrl'),
    tokenUrl: t('accessTokenUrl'),
    refreshUrl: t('refreshTokenUrl'),
    clientId: t('clientId'),
    clientSecret: t('clientSecret'),
    scope: t('scope'),
    state: t('state'),
    redirectUri: t('callbackUrl'),
    pkce: { enabled: o.pkce === true || o.pkce === 'true', method: 'S256' },
    clientAuth: t('credentialsPlacement') === 'basic_auth_header' ? 'basic' : 'post',
    username: t('username'),
    password: t('password'),
    params,
    tokens: [],
    notes,
  };
}
