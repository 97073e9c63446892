/**
 * The one redactor (docs/security.md, "The redactor"), used for everything that leaves the engine: IPC results, stored
 * runs, CLI output, exports and logs. Two layers: by name (Authorization, cookies, `client_secret`,
 * `password`, `*_token`, `code`, `code_verifier`, `client_assertion`, keys) and by value (every secret
 * the run knows, in plain, URL-encoded and base64 forms), so a secret echoed anywhere is still caught.
 */
import type { Exchange, HeaderMap, RecordedRequest, RecordedResponse } from '../../src-shared/test-run';

export const REDACTED = '[redacted]';

// Header names are included so a server that echoes the request (as JSON, a form or XML) is redacted too.
const SENSITIVE_KEY =
  /^(client_secret|password|passphrase|code|code_verifier|client_assertion|assertion|token|private_key|secret|[a-z_]*_token|authorization|proxy[-_]authorization|cookie|set[-_]cookie|x[-_]api[-_]key|api[-_]?key)$/i;
const SENSITIVE_HEADERS = new Set(['authorization', 'proxy-authorization', 'cookie', 'set-cookie', 'x-api-key']);

/** True for a parameter or JSON key whose value is a secret. */
export function isSensitiveKey(key: string): boolean {
  return SENSITIVE_KEY.test(key);
}

export interface Redactor {
  text(value: string): string;
  headers(headers: HeaderMap): HeaderMap;
  url(value: string): string;
  body(value: string | null): string | null;
  exchange(exchange: Exchange): Exchange;
}

/** A redactor that also masks each of `secretValues` (empty strings are ignored). */
export function createRedactor(secretValues: readonly string[] = []): Redactor {
  const needles = [...new Set(secretValues.filter((s) => s.length >= 4).flatMap(variants))].sort(
    (a, b) => b.length - a.length,
  );

  const text = (value: string): string => {
    let out = value;
    for (const needle of needles) out = out.split(needle).join(REDACTED);
    return out;
  };

  const headers = (h: HeaderMap): HeaderMap => {
    const result: HeaderMap = {};
    for (const [name, value] of Object.entries(h)) {
      const lower = name.toLowerCase();
      if (lower === 'location' || lower === 'content-location') {
        // A redirect to a callback carries `code` (or tokens) in its query.
        result[name] = url(value);
      } else if (SENSITIVE_HEADERS.has(lower)) {
        const scheme = /^(Basic|Bearer|Digest|DPoP|Negotiate|MAC)\s+/i.exec(value);
        result[name] = scheme ? `${scheme[1]} ${REDACTED}` : REDACTED;
      } else {
        result[name] = text(value);
      }
    }
    return result;
  };

  const url = (value: string): string => {
    try {
      const u = new URL(value);
      for (const key of [...u.searchParams.keys()]) if (isSensitiveKey(key)) u.searchParams.set(key, REDACTED);
      if (u.password) u.password = REDACTED;
      return text(u.toString().replace(/%5Bredacted%5D/g, REDACTED));
    } catch {
      return text(value);
    }
  };

  const body = (value: string | null): string | null => {
    if (value === null) return null;
    // JSON members: string values, and numbers (a numeric PIN or password is still a secret).
    let out = value.replace(
      /("([A-Za-z0-9_-]+)"\s*:\s*)(?:"(?:[^"\\]|\\.)*"|-?\d[\d.eE+-]*)/g,
      (match, prefix: string, key: string) => (isSensitiveKey(key) ? `${prefix}"${REDACTED}"` : match),
    );
    if (!/^\s*[[{<]/.test(out)) {
      // form-urlencoded: key=value&key=value
      out = out.replace(/(^|&)([^=&\s]+)=([^&]*)/g, (match, sep: string, key: string) =>
        isSensitiveKey(safeDecode(key)) ? `${sep}${key}=${REDACTED}` : match,
      );
    } else if (out.trimStart().startsWith('<')) {
      out = out.replace(/<([A-Za-z0-9_-]+)>([^<]*)<\/\1>/g, (match, key: string) =>
        isSensitiveKey(key) ? `<${key}>${REDACTED}</${key}>` : match,
      );
    }
    return text(out);
  };

  const request = (r: RecordedRequest): RecordedRequest => ({
    ...r,
    url: url(r.url),
    headers: headers(r.headers),
    body: body(r.body),
  });
  const response = (r: RecordedResponse | null): RecordedResponse | null =>
    r && { ...r, statusText: text(r.statusText), headers: headers(r.headers), body: body(r.body) };

  return {
    text,
    headers,
    url,
    body,
    exchange: (e) => ({
      ...e,
      request: request(e.request),
      response: response(e.response),
      ...(e.error ? { error: { ...e.error, message: text(e.error.message) } } : {}),
    }),
  };
}

/** Strips CR, LF and other control characters from a string headed for a log (docs/security.md, "The redactor"). */
export function sanitizeForLog(value: string): string {
  // eslint-disable-next-line no-control-regex
  return value.replace(/[\u0000-\u001f\u007f]/g, ' ');
}

function variants(secret: string): string[] {
  return [
    secret,
    encodeURIComponent(secret),
    new URLSearchParams({ s: secret }).toString().slice(2),
    Buffer.from(secret).toString('base64'),
  ];
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value.replace(/\+/g, ' '));
  } catch {
    return value;
  }
}
