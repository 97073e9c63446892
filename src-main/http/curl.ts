/**
 * A redacted TestRun as a POSIX sh script of `curl` commands, one per exchange a request can reproduce
 * (docs/security.md, "The redactor"): every `[redacted]` value becomes a shell variable named after the
 * parameter or header it sits in (`$CLIENT_SECRET`, `$PASSWORD`, `$ACCESS_TOKEN`…), so the file carries no
 * secret and the reader sets the variables before running it.
 */
import type { Exchange, HeaderMap, TestRun } from '../../src-shared/test-run';
import { mediaType } from '../../src-shared/body-format';
import { csvRows } from './redact-csv';
import { REDACTED } from './redact-keys';

/** Both spellings a mask takes in a recorded request: as is, and URL-encoded inside a form value or query. */
const MASK = /\[redacted\]|%5Bredacted%5D/gi;
/** Headers curl computes itself or that would change what it prints (a gzip body). */
const SKIPPED_HEADERS = new Set(['host', 'content-length', 'connection', 'accept-encoding', 'transfer-encoding']);

/** One shell word made of literal text and variable references. */
type Part = { text: string } | { variable: string };

/** What the script needs besides the run: the profile's `client_id` (for `--user`) and the app version. */
export interface CurlOptions {
  clientId?: string;
  appVersion: string;
}

/** `value` quoted for POSIX sh in single quotes (a `'` becomes `'\''`). */
export function shellQuote(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

/** A shell variable name for a parameter or header name: `client_secret` → `CLIENT_SECRET`, `x-api-key` → `X_API_KEY`. */
export function variableName(key: string): string {
  const name = key
    .trim()
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/[^A-Za-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .toUpperCase();
  if (!name) return 'SECRET';
  return /^[0-9]/.test(name) ? `_${name}` : name;
}

/** RFC 6749 §2.3.1 / Appendix B: form-urlencoding of the client id in HTTP Basic (space as `+`). */
function formUrlEncode(value: string): string {
  return encodeURIComponent(value)
    .replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)
    .replace(/%20/g, '+');
}

/** A word: literal text single-quoted, variables double-quoted (`'Bearer '"$ACCESS_TOKEN"`). */
function word(parts: Part[]): string {
  const out = parts
    .filter((p) => !('text' in p) || p.text !== '')
    .map((p) => ('text' in p ? shellQuote(p.text) : `"$${p.variable}"`))
    .join('');
  return out || "''";
}

/** `text` split at each mask, the masks becoming `variable`. */
function withVariable(text: string, variable: string, used: Set<string>): Part[] {
  const parts: Part[] = [];
  let last = 0;
  for (const match of text.matchAll(MASK)) {
    parts.push({ text: text.slice(last, match.index) });
    parts.push({ variable });
    used.add(variable);
    last = match.index + match[0].length;
  }
  parts.push({ text: text.slice(last) });
  return parts;
}

function decodeForm(value: string): string {
  try {
    return decodeURIComponent(value.replace(/\+/g, ' '));
  } catch {
    return value;
  }
}

/** A URL with each masked query parameter as the variable named after it. */
function urlWord(url: string, used: Set<string>): string {
  if (!url.match(MASK)) return shellQuote(url);
  const parts: Part[] = [];
  let last = 0;
  for (const m of url.matchAll(/([?&#])([^=&#]*)=([^&#]*)/g)) {
    if (!m[3]!.match(MASK)) continue;
    const start = m.index + m[1]!.length + m[2]!.length + 1;
    parts.push({ text: url.slice(last, start) }, ...withVariable(m[3]!, variableName(decodeForm(m[2]!)), used));
    last = start + m[3]!.length;
  }
  parts.push(...withVariable(url.slice(last), 'URL_SECRET', used));
  return word(parts);
}

/** The curl options for one header; `Authorization: Basic [redacted]` becomes `--user`. */
function headerOption(name: string, value: string, options: CurlOptions, used: Set<string>): string {
  if (!value.match(MASK)) return `--header ${shellQuote(`${name}: ${value}`)}`;
  if (name.toLowerCase() === 'authorization') {
    const scheme = /^(\S+)\s+/.exec(value)?.[1]?.toLowerCase();
    if (scheme === 'basic' && value.trim().length === `Basic ${REDACTED}`.length) {
      if (options.clientId === undefined) {
        used.add('BASIC_CREDENTIALS');
        return `--header ${word([{ text: 'Authorization: Basic ' }, { variable: 'BASIC_CREDENTIALS' }])}`;
      }
      used.add('CLIENT_SECRET');
      return `--user ${word([{ text: `${formUrlEncode(options.clientId)}:` }, { variable: 'CLIENT_SECRET' }])}`;
    }
    const variable = scheme === 'bearer' || scheme === 'dpop' ? 'ACCESS_TOKEN' : 'AUTHORIZATION';
    return `--header ${word(withVariable(`${name}: ${value}`, variable, used))}`;
  }
  return `--header ${word(withVariable(`${name}: ${value}`, variableName(name), used))}`;
}

function isForm(headers: HeaderMap, body: string): boolean {
  const type = headers['content-type'] ?? '';
  return (
    mediaType(type) === 'application/x-www-form-urlencoded' ||
    (!type && /^[^=&\s]+=[^&\s]*(&[^=&\s]+=[^&\s]*)*$/.test(body))
  );
}

/** What names the value a mask at `at` replaced: a JSON member, an XML element, a multipart part, a form pair, a CSV column. */
function maskedName(body: string, at: number, contentType: string | undefined): string | undefined {
  const before = body.slice(Math.max(0, at - 4096), at);
  if (mediaType(contentType) === 'text/csv') {
    const rows = csvRows(body.slice(0, at));
    const column = /(^|[\r\n])$/.test(body.slice(0, at)) ? 0 : (rows.at(-1)?.length ?? 0);
    return csvRows(body)[0]?.[column]?.value;
  }
  const json = /"((?:[^"\\]|\\.){1,200})"\s*:\s*"?$/.exec(before)?.[1];
  if (json !== undefined) return json;
  const xml = /<([A-Za-z_][\w.:-]*)[^<>]*>(?:<!\[CDATA\[)?$/.exec(before)?.[1];
  if (xml !== undefined) return xml.replace(/^[^:]*:/, '');
  const part = /\bname="([^"]*)"[^\r\n]*(?:\r?\n[^\r\n]+)*\r?\n\r?\n$/.exec(before)?.[1];
  if (part !== undefined) return part;
  const pair = /(?:^|[&\s])([^=&\s]+)=$/.exec(before)?.[1];
  return pair === undefined ? undefined : decodeForm(pair);
}

/**
 * The body options: a form's masked parameters each as `--data-urlencode 'name='"$NAME"` (curl joins the
 * parts with `&`, RFC 6749 Appendix B), any other body as one `--data-raw` word with each mask the variable
 * named after the member, element, part, pair or column it sits in (`"password":"$PASSWORD"`).
 */
function bodyOptions(headers: HeaderMap, body: string, used: Set<string>): string[] {
  if (!body.match(MASK)) return [`--data-raw ${shellQuote(body)}`];
  if (!isForm(headers, body)) {
    const parts: Part[] = [];
    let last = 0;
    for (const match of body.matchAll(MASK)) {
      const variable = variableName(maskedName(body, match.index, headers['content-type']) ?? 'SECRET');
      parts.push({ text: body.slice(last, match.index) }, { variable });
      used.add(variable);
      last = match.index + match[0].length;
    }
    parts.push({ text: body.slice(last) });
    return [`--data-raw ${word(parts)}`];
  }
  return body.split('&').map((pair) => {
    const eq = pair.indexOf('=');
    const value = eq < 0 ? '' : pair.slice(eq + 1);
    if (!value.match(MASK)) return `--data-raw ${shellQuote(pair)}`;
    const name = pair.slice(0, eq);
    const parts = withVariable(decodeForm(value), variableName(decodeForm(name)), used);
    return `--data-urlencode ${word([{ text: `${name}=` }, ...parts])}`;
  });
}

/** The curl command of one exchange's request, one option a line. */
export function curlCommand(exchange: Exchange, options: CurlOptions, used: Set<string>): string {
  const { method, url, headers, body } = exchange.request;
  const lines = [`curl --silent --show-error --include --write-out '\\n'`];
  const defaultMethod = body === null ? 'GET' : 'POST';
  if (method.toUpperCase() !== defaultMethod) lines.push(`--request ${shellQuote(method)}`);
  for (const [name, value] of Object.entries(headers)) {
    if (!SKIPPED_HEADERS.has(name.toLowerCase())) lines.push(headerOption(name, value, options, used));
  }
  if (body !== null) lines.push(...bodyOptions(headers, body, used));
  lines.push(`--url ${urlWord(url, used)}`);
  return lines.join(' \\\n  ');
}

/** A comment line: no newline may end the comment early and run the rest as a command. */
const comment = (text: string) => `# ${text.replace(/[\r\n]+/g, ' ')}`;

/** What a variable holds, for the script's header. */
function meaning(variable: string): string {
  if (variable === 'CLIENT_SECRET') return 'the client secret (form-urlencoded when sent with --user, RFC 6749 §2.3.1)';
  if (variable === 'BASIC_CREDENTIALS') return 'base64 of client_id:client_secret (RFC 7617)';
  if (variable === 'ACCESS_TOKEN') return 'an access token (RFC 6750)';
  return `the value of ${variable.toLowerCase()}`;
}

/**
 * The sh script (text) reproducing `run`'s requests: a header naming the run and the variables to set, then per
 * exchange a comment and a curl command; the authorize step is a comment with its URL, the callback is skipped.
 */
export function toCurlScript(run: TestRun, options: CurlOptions): string {
  const used = new Set<string>();
  const blocks: string[] = [];
  run.exchanges.forEach((exchange, i) => {
    const status = exchange.response ? `HTTP ${exchange.response.status}` : (exchange.error?.code ?? 'no response');
    const title = `${i + 1}. ${exchange.step}: ${exchange.request.method} (${status} in the run)`;
    if (exchange.step === 'callback') return;
    if (exchange.step === 'authorize') {
      blocks.push([comment(title), comment('Open in a browser to sign in:'), comment(exchange.request.url)].join('\n'));
      return;
    }
    blocks.push(`${comment(title)}\n${curlCommand(exchange, options, used)}`);
  });
  const variables = [...used].sort();
  const header = [
    '#!/bin/sh',
    comment(`Authbench ${options.appVersion}: the requests of the Test of "${run.profile}" at ${run.startedAt}.`),
    comment('Secrets are not in this file: set these variables before running it.'),
    ...variables.map((v) => comment(`  ${v}: ${meaning(v)}`)),
    ...variables.map((v) => `: "\${${v}:?set ${v} first}"`),
  ];
  return `${header.join('\n')}\n\n${blocks.join('\n\n')}\n`;
}
