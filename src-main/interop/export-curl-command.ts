/**
 * One request the engine built (token-request.ts, check.ts) as a `curl` command whose unknown values are shell
 * variables (docs/architecture.md, "Export to other tools"). The request is built with stand-ins — lowercase
 * letters and digits, which URL, form, JSON and XML encoding leave as they are — and each stand-in becomes
 * `"$VARIABLE"` in the quoted words (curl.ts's quoting); a form body's pair holding one is sent with
 * `--data-urlencode`, so curl form-encodes the value (RFC 6749 Appendix B).
 */
import { mediaType } from '../../src-shared/body-format';
import type { ProfileInput } from '../../src-shared/profile';
import type { HeaderMap } from '../../src-shared/test-run';
import { shellQuote } from '../http/curl';
import { basicAuthorization, formUrlEncode } from '../oauth/token-request';

/** A request as the engine builds it: method, URL, headers (lower-case names) and body (null for GET). */
export interface BuiltRequest {
  method: string;
  url: string;
  headers: HeaderMap;
  body: string | null;
}

/** One shell word made of literal text and variable references. */
type Part = { text: string } | { variable: string };

const STAND_IN = /authbenchvar(\d+)x/g;

/** The stand-ins of one export: a value per variable, and which variables a command used. */
export class StandIns {
  private readonly byVariable = new Map<string, string>();
  private readonly variables: string[] = [];

  /** The stand-in text for shell variable `variable` (the same one each time). */
  of(variable: string): string {
    let value = this.byVariable.get(variable);
    if (value === undefined) {
      value = `authbenchvar${this.variables.length}x`;
      this.variables.push(variable);
      this.byVariable.set(variable, value);
    }
    return value;
  }

  /** `text` split into literal text and the variables its stand-ins stand for; each variable is added to `used`. */
  parts(text: string, used: Set<string>): Part[] {
    const parts: Part[] = [];
    let last = 0;
    for (const m of text.matchAll(STAND_IN)) {
      const variable = this.variables[Number(m[1])];
      if (variable === undefined) continue;
      parts.push({ text: text.slice(last, m.index) }, { variable });
      used.add(variable);
      last = m.index + m[0].length;
    }
    parts.push({ text: text.slice(last) });
    return parts;
  }

  /** `text` as one sh word: literal text single-quoted, variables double-quoted (`'Bearer '"$ACCESS_TOKEN"`). */
  word(text: string, used: Set<string>): string {
    const out = this.parts(text, used)
      .filter((p) => !('text' in p) || p.text !== '')
      .map((p) => ('text' in p ? shellQuote(p.text) : `"$${p.variable}"`))
      .join('');
    return out || "''";
  }
}

const decodeForm = (value: string): string => {
  try {
    return decodeURIComponent(value.replace(/\+/g, ' '));
  } catch {
    return value;
  }
};

/** The body options: a form's pairs one by one (`--data-urlencode` where a variable is), any other body as one word. */
function bodyOptions(headers: HeaderMap, body: string, s: StandIns, used: Set<string>): string[] {
  const type = mediaType(headers['content-type']);
  const form = type === 'application/x-www-form-urlencoded' || type === 'text/plain';
  if (!form) return [`--data-raw ${s.word(body, used)}`];
  return body.split('&').map((pair) => {
    const eq = pair.indexOf('=');
    if (eq < 0 || s.parts(pair, new Set()).length === 1) return `--data-raw ${shellQuote(pair)}`;
    return `--data-urlencode ${s.word(`${pair.slice(0, eq)}=${decodeForm(pair.slice(eq + 1))}`, used)}`;
  });
}

/** TLS and proxy options of the profile: certificate, key and CA bundle as file variables (paths, never their text). */
function transportOptions(p: ProfileInput, s: StandIns, used: Set<string>): string[] {
  const options: string[] = [];
  if (p.clientCertificate.enabled) {
    if (p.clientCertificate.format === 'pfx')
      options.push('--cert-type P12', `--cert ${s.word(s.of('CLIENT_PFX_FILE'), used)}`);
    else
      options.push(
        `--cert ${s.word(s.of('CLIENT_CERT_FILE'), used)}`,
        `--key ${s.word(s.of('CLIENT_KEY_FILE'), used)}`,
      );
  }
  if (p.caBundle.trim() !== '') options.push(`--cacert ${s.word(s.of('CA_BUNDLE_FILE'), used)}`);
  if (p.proxyUrl) options.push(`--proxy ${shellQuote(p.proxyUrl)}`);
  return options;
}

/**
 * The curl command of `request`, one option a line. With `clientSecretStandIn` (the secret was not exported), the
 * HTTP Basic header built with it becomes `--user 'client_id:'"$CLIENT_SECRET"` (RFC 6749 §2.3.1: both parts
 * form-urlencoded, so CLIENT_SECRET holds the secret form-urlencoded). The variables used are added to `used`.
 */
export function curlCommand(
  p: ProfileInput,
  request: BuiltRequest,
  s: StandIns,
  used: Set<string>,
  clientSecretStandIn?: string,
): string {
  const lines = [`curl --silent --show-error --write-out '\\n'`];
  const defaultMethod = request.body === null ? 'GET' : 'POST';
  if (request.method.toUpperCase() !== defaultMethod) lines.push(`--request ${shellQuote(request.method)}`);
  const basic = clientSecretStandIn === undefined ? undefined : basicAuthorization(p.clientId, clientSecretStandIn);
  for (const [name, value] of Object.entries(request.headers)) {
    if (name === 'authorization' && basic !== undefined && value === basic) {
      lines.push(`--user ${s.word(`${formUrlEncode(p.clientId)}:${clientSecretStandIn!}`, used)}`);
    } else lines.push(`--header ${s.word(`${name}: ${value}`, used)}`);
  }
  if (request.body !== null) lines.push(...bodyOptions(request.headers, request.body, s, used));
  lines.push(...transportOptions(p, s, used));
  lines.push(`--url ${s.word(request.url, used)}`);
  return lines.join(' \\\n  ');
}
