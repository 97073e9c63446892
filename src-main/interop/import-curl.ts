/**
 * `curl` command lines that call a token endpoint (docs/architecture.md, "Import from other tools"), tokenized
 * with `shell-quote`: `-u`, `-d` / `--data-urlencode` (`grant_type=…`), `-H`, `-X`, `--cert` / `--key` /
 * `--cacert`, `-x`. Each `curl` command of the text becomes one setup; shell variables (`$CLIENT_SECRET`, as
 * Authbench's own cURL export writes them) are kept as unresolved values and reported.
 */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { AppError } from '../../src-shared/errors';
import { cjsModule } from './import-cjs';
import type { ExtraParam, OAuthSetup } from './import-types';

/** curl options that take a value, by every spelling (the value is the next word, or glued to a short one). */
const WITH_VALUE = new Set(
  [
    ...['-u', '--user', '-d', '--data', '--data-raw', '--data-ascii', '--data-binary', '--data-urlencode', '-H'],
    ...['--header', '-X', '--request', '-E', '--cert', '--key', '--cacert', '--pass', '-x', '--proxy', '--url'],
    ...['-o', '--output', '-A', '--user-agent', '-e', '--referer', '-b', '--cookie', '-c', '--cookie-jar', '-m'],
    ...['--max-time', '--connect-timeout', '-w', '--write-out', '--resolve', '--cert-type', '--key-type', '-F'],
    ...['--form', '--oauth2-bearer', '--retry', '--capath', '--proxy-user', '-U'],
  ].map((o) => o),
);
/** Options that only shape curl's own output or retries: ignored without a note. */
const QUIET = new Set(['-s', '--silent', '-S', '--show-error', '-v', '--verbose', '-i', '--include', '--compressed']);
const QUIET_VALUE = new Set([
  '-o',
  '--output',
  '-w',
  '--write-out',
  '-m',
  '--max-time',
  '--connect-timeout',
  '--retry',
]);
const ENGINE_PARAMS = new Set(['grant_type', 'client_id', 'client_secret', 'username', 'password', 'scope']);
const ONE_TIME = new Set(['code', 'code_verifier', 'redirect_uri', 'refresh_token', 'state']);

/**
 * The setups of every `curl` command in `text` (`file` names them and anchors relative certificate paths).
 * Throws AppError('invalid_request') when the text holds no curl command.
 */
export async function curlSetups(text: string, file: string): Promise<OAuthSetup[]> {
  const { parse } = cjsModule(await import('shell-quote'));
  // shell-quote reads a `#` comment to the end of the text: comment lines go first, joined continuations too.
  const lines = text
    .replace(/\\\r?\n/g, ' ')
    .split(/\r?\n/)
    .filter((line) => !/^\s*#/.test(line));
  const words = parse(lines.join('\n'), (key) => `$${key}`);
  const commands: string[][] = [];
  let current: string[] | null = null;
  for (const word of words) {
    if (typeof word !== 'string') {
      current = null; // `;`, `&&`, `|` or a comment end the command
      continue;
    }
    // A bare `curl` word starts the next command (lines of a script are not separated by shell-quote).
    if (word === 'curl') commands.push((current = []));
    else current?.push(word);
  }
  if (commands.length === 0) throw new AppError('invalid_request', `${file}: no curl command found`);
  const base = file === '-' ? process.cwd() : dirname(resolve(file));
  // A script of a whole run (`authbench test --curl`) also calls discovery and the check URL: only the commands
  // that send a grant_type are token calls, when there are any.
  const sendsGrant = (args: string[]) => args.some((a) => /(?:^|[&\s'"])grant_type=/.test(a) || /"grant_type"/.test(a));
  const token = commands.filter(sendsGrant);
  const chosen = token.length > 0 ? token : commands;
  const setups = chosen.map((args, i) => toSetup(args, chosen.length > 1 ? i + 1 : 0, base));
  const skipped = commands.length - chosen.length;
  if (skipped > 0)
    setups[0]!.notes.push(
      `${skipped} other curl command(s) send no grant_type (not token calls) and were not imported`,
    );
  return setups;
}

/** The `key=value` pairs of a form body (`-d`): percent-decoded, `+` as space. */
function formPairs(body: string): Array<[string, string]> {
  return [...new URLSearchParams(body)];
}

/** One curl command's words (after `curl`) → a setup. */
function toSetup(args: string[], number: number, base: string): OAuthSetup {
  const notes: string[] = [];
  const headers: Array<[string, string]> = [];
  const body: Array<[string, string]> = [];
  let url: string | undefined;
  let method: string | undefined;
  let user: string | undefined;
  let json = false;
  let getMode = false;
  const setup: Partial<OAuthSetup> = {};
  const readPem = (path: string, what: string): string | undefined => {
    try {
      return readFileSync(resolve(base, path), 'utf8');
    } catch {
      notes.push(`The ${what} file ${path} could not be read: set it in the profile`);
      return undefined;
    }
  };
  for (let i = 0; i < args.length; i++) {
    let opt = args[i]!;
    let value: string | undefined;
    if (/^-[A-Za-z]./.test(opt) && WITH_VALUE.has(opt.slice(0, 2))) [opt, value] = [opt.slice(0, 2), opt.slice(2)];
    else if (opt.startsWith('--') && opt.includes('='))
      [opt, value] = [opt.slice(0, opt.indexOf('=')), opt.slice(opt.indexOf('=') + 1)];
    if (!opt.startsWith('-')) {
      url ??= opt;
      continue;
    }
    if (WITH_VALUE.has(opt) && value === undefined) value = args[++i] ?? '';
    if (QUIET.has(opt) || QUIET_VALUE.has(opt)) continue;
    switch (opt) {
      case '-u':
      case '--user':
        user = value;
        break;
      case '-d':
      case '--data':
      case '--data-raw':
      case '--data-ascii':
      case '--data-binary':
        if (value!.startsWith('@') && opt !== '--data-raw')
          notes.push(`The body file ${value} is not read: set those parameters in the profile`);
        else if (value!.trim().startsWith('{')) {
          json = true;
          try {
            for (const [k, v] of Object.entries(JSON.parse(value!) as Record<string, unknown>))
              body.push([k, String(v)]);
          } catch {
            notes.push('The JSON body is not valid JSON: its parameters were not imported');
          }
        } else body.push(...formPairs(value!));
        break;
      case '--data-urlencode': {
        const eq = value!.indexOf('=');
        if (eq > 0) body.push([value!.slice(0, eq), value!.slice(eq + 1)]);
        else notes.push(`--data-urlencode ${value} is not a name=value pair: not imported`);
        break;
      }
      case '-H':
      case '--header': {
        const colon = value!.indexOf(':');
        if (colon > 0) headers.push([value!.slice(0, colon).trim(), value!.slice(colon + 1).trim()]);
        break;
      }
      case '-X':
      case '--request':
        method = value!.toUpperCase();
        break;
      case '-G':
      case '--get':
        getMode = true;
        break;
      case '--url':
        url = value;
        break;
      case '-E':
      case '--cert': {
        const [path, pass] = value!.split(/(?<!\\):/, 2) as [string, string | undefined];
        setup.certificate = readPem(path, 'client certificate');
        if (pass) setup.passphrase = pass;
        break;
      }
      case '--key':
        setup.privateKey = readPem(value!, 'private key');
        break;
      case '--pass':
        setup.passphrase = value;
        break;
      case '--cacert':
        setup.caBundle = readPem(value!, 'CA certificate');
        break;
      case '-x':
      case '--proxy':
        setup.proxyUrl = value!.includes('://') ? value : `http://${value}`;
        break;
      case '-k':
      case '--insecure':
        notes.push(
          'curl -k (--insecure) is not kept: Authbench always checks TLS certificates; add the CA to the profile',
        );
        break;
      default:
        notes.push(`The curl option ${opt} is not supported and was ignored`);
    }
  }
  return buildSetup({ url, method, user, json, getMode, headers, body, number }, setup, notes);
}

interface Parsed {
  url?: string;
  method?: string;
  user?: string;
  json: boolean;
  getMode: boolean;
  headers: Array<[string, string]>;
  body: Array<[string, string]>;
  number: number;
}

/** The setup of one parsed command: grant, client authentication, credentials and extra parameters. */
function buildSetup(c: Parsed, setup: Partial<OAuthSetup>, notes: string[]): OAuthSetup {
  const get = (key: string) => c.body.find(([k]) => k === key)?.[1];
  const grant = get('grant_type') ?? 'client_credentials';
  if (!get('grant_type')) notes.push('The command sends no grant_type: imported as client credentials');
  let clientId = get('client_id');
  let clientSecret = get('client_secret');
  let clientAuth: 'basic' | 'post' = clientSecret !== undefined ? 'post' : 'basic';
  const basic = c.headers.find(([k, v]) => k.toLowerCase() === 'authorization' && /^basic\s/i.test(v));
  const decoded = basic ? Buffer.from(basic[1].replace(/^basic\s+/i, ''), 'base64').toString('utf8') : c.user;
  if (decoded !== undefined) {
    const colon = decoded.indexOf(':');
    clientId = decodeURIComponent(colon >= 0 ? decoded.slice(0, colon) : decoded);
    clientSecret = colon >= 0 ? decodeURIComponent(decoded.slice(colon + 1)) : undefined;
    clientAuth = 'basic';
  }
  const params: ExtraParam[] = [];
  for (const [key, value] of c.body) {
    if (ENGINE_PARAMS.has(key)) continue;
    if (ONE_TIME.has(key)) notes.push(`The ${key} of this one call is not kept: a Test obtains its own`);
    else params.push({ key, value, stage: 'token', where: c.getMode ? 'query' : 'body' });
  }
  for (const [key, value] of c.headers) {
    const lower = key.toLowerCase();
    if (lower === 'authorization' || lower === 'content-type' || lower === 'content-length') continue;
    params.push({ key, value, stage: 'token', where: 'header' });
  }
  const contentType = c.headers.find(([k]) => k.toLowerCase() === 'content-type')?.[1] ?? '';
  const tokenUrl = c.url;
  let host = 'cURL';
  try {
    host = new URL(tokenUrl ?? '').host;
  } catch {
    notes.push('The command has no valid URL: set the Token Request URL');
  }
  const mapped = grant;
  let authUrl: string | undefined;
  if (mapped === 'authorization_code' && tokenUrl && /\/token\/?$/.test(tokenUrl)) {
    authUrl = tokenUrl.replace(/\/token\/?$/, '/authorize');
    notes.push(`The Authorization URL ${authUrl} was guessed from the Token Request URL: check it`);
  }
  return {
    ...setup,
    source: `${host} (cURL${c.number ? ` ${c.number}` : ''})`,
    grant: mapped,
    tokenUrl,
    authUrl,
    clientId,
    clientSecret,
    clientAuth,
    scope: get('scope'),
    username: get('username'),
    password: get('password'),
    redirectUri: get('redirect_uri'),
    pkce: { enabled: get('code_verifier') !== undefined, method: 'S256' },
    method: c.method ?? (c.getMode ? 'GET' : undefined),
    contentType: c.json || /json/i.test(contentType) ? 'json' : undefined,
    params,
    tokens: get('refresh_token') ? ['refresh token'] : [],
    notes,
  };
}
