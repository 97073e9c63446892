/**
 * The one redactor (docs/security.md, "The redactor"), used for everything that leaves the engine: IPC
 * results, stored runs, progress, CLI output, exports and logs. Two layers: by name, on parsed structure
 * (JSON, form, XML/HTML, multipart, CSV, URL query and fragment, headers; redact-keys.ts), and by value (every
 * secret the run knows, in each wire form of redact-values.ts), so a secret echoed anywhere is still caught.
 */
import { mediaType } from '../../src-shared/body-format';
import type { Exchange, HeaderMap } from '../../src-shared/test-run';
import { redactCsv } from './redact-csv';
import { looksLikeForm, looksLikeUrl, redactForm, redactLoosePairs, redactUrl } from './redact-form';
import { redactJson, redactLooseJson } from './redact-json';
import { isSensitiveHeader, REDACTED } from './redact-keys';
import { isXml, redactMarkup } from './redact-markup';
import { multipartBoundary, redactMultipart } from './redact-multipart';
import { MIN_SECRET_LENGTH, pairVariants, secretVariants, valueMasker } from './redact-values';

export { isSensitiveHeader, isSensitiveKey, REDACTED } from './redact-keys';
export { MIN_SECRET_LENGTH } from './redact-values';

/** What a redactor masks besides names: `id:secret` pairs as Basic authentication sends them (RFC 7617). */
export interface RedactorOptions {
  pairs?: readonly (readonly [string, string])[];
}

export interface Redactor {
  /** Free text: known secrets by value; URLs, `name=value` pairs and `"name": value` members in it by name. */
  text(value: string): string;
  headers(headers: HeaderMap): HeaderMap;
  url(value: string): string;
  /** A body of any format (`contentType` picks multipart and CSV); null stays null. */
  body(value: string | null, contentType?: string): string | null;
  exchange(exchange: Exchange): Exchange;
  /** Every string in a plain-data value (an error, a warning list), deep. */
  deep<T>(value: T): T;
}

const AUTH_SCHEME = /^(Basic|Bearer|Digest|DPoP|Negotiate|MAC)\s+/i;
const EMBEDDED_URL = /https?:\/\/[^\s"'<>`]+/gi;
// A value an uninterpretable token response may hide a token in: 16+ visible characters, no space.
const OPAQUE = /^[\x21-\x7e]{16,}$/;

/** A redactor that also masks each of `secretValues` (shorter than MIN_SECRET_LENGTH: ignored). */
export function createRedactor(secretValues: readonly string[] = [], options: RedactorOptions = {}): Redactor {
  const usable = secretValues.filter((s) => s.length >= MIN_SECRET_LENGTH);
  const pairs = (options.pairs ?? []).filter(([, s]) => s.length >= MIN_SECRET_LENGTH);
  const byValue = valueMasker(
    [...usable.flatMap(secretVariants), ...pairs.flatMap(([id, s]) => pairVariants(id, s))],
    REDACTED,
  );

  const text = (value: string): string => {
    let out = byValue(value);
    // Each pass only where it can match: a body may hold a million short values.
    if (out.includes('://')) out = out.replace(EMBEDDED_URL, (u) => redactUrl(u, byValue));
    if (out.includes('=')) out = redactLoosePairs(out);
    return out.includes('"') ? redactLooseJson(out) : out;
  };
  const url = (value: string): string => byValue(redactUrl(value, text));

  const headers = (h: HeaderMap): HeaderMap => {
    const result: HeaderMap = {};
    for (const [name, value] of Object.entries(h)) {
      const lower = name.toLowerCase();
      if (lower === 'location' || lower === 'content-location') result[name] = url(value);
      // A DPoP proof (RFC 9449 §4.2): header and claims kept (public key, method, URL, times), signature masked.
      else if (lower === 'dpop')
        result[name] = value.split('.').length === 3 ? value.replace(/[^.]*$/, REDACTED) : REDACTED;
      else if (isSensitiveHeader(lower)) {
        const scheme = AUTH_SCHEME.exec(value);
        result[name] = scheme ? `${scheme[1]} ${REDACTED}` : REDACTED;
      } else result[name] = text(value);
    }
    return result;
  };

  const structured = (value: string, contentType: string | undefined, depth: number): string => {
    const trimmed = value.trim();
    const nested = (s: string) =>
      depth < 3 && /[[{<=]|:\/\/|^--/.test(s) ? structured(s, undefined, depth + 1) : text(s);
    const boundary = multipartBoundary(value, contentType);
    if (boundary) return redactMultipart(value, boundary, (v, ct) => structured(v, ct, depth + 1));
    if (mediaType(contentType) === 'text/csv') return redactCsv(value, nested);
    if (/^[[{"]/.test(trimmed)) {
      const json = redactJson(value, nested);
      if (json !== null) return json;
    }
    if (trimmed.startsWith('<') || (trimmed.includes('<') && isXml(trimmed))) return redactMarkup(value, text);
    if (looksLikeUrl(trimmed)) return url(value);
    if (looksLikeForm(trimmed)) return redactForm(value, nested);
    return text(value);
  };
  // A final pass by value also catches what a format's own escaping spread (attributes, keys, partial JSON).
  const body = (value: string | null, contentType?: string): string | null =>
    value === null ? null : text(structured(value, contentType, 0));

  const deep = <T>(value: T): T => {
    if (typeof value === 'string') return text(value) as T;
    if (Array.isArray(value)) return value.map(deep) as T;
    if (value && typeof value === 'object')
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, deep(v)])) as T;
    return value;
  };

  const exchange = (e: Exchange): Exchange => {
    const res = e.response;
    const contentType = res?.headers['content-type'];
    let resBody = res ? body(res.body, contentType) : null;
    if (res && resBody !== null && isUninterpretableToken(e)) resBody = maskOpaque(resBody);
    return {
      ...e,
      request: {
        ...e.request,
        url: url(e.request.url),
        headers: headers(e.request.headers),
        body: body(e.request.body, e.request.headers['content-type']),
      },
      response: res && { ...res, statusText: text(res.statusText), headers: headers(res.headers), body: resBody },
      ...(e.error ? { error: { ...e.error, message: text(e.error.message) } } : {}),
    };
  };

  return { text, headers, url, body, exchange, deep };
}

/** A 2xx answer to a token or refresh call without an RFC 6749 §5.1 `access_token` the engine could read. */
function isUninterpretableToken(e: Exchange): boolean {
  const res = e.response;
  if ((e.step !== 'token' && e.step !== 'refresh') || !res || res.status < 200 || res.status >= 300) return false;
  const b = res.body ?? '';
  return !/"access_token"\s*:\s*"[^"]+"|(^|&)access_token=[^&\s]+|<access_token>[^<]+<\/access_token>/.test(b);
}

/** Every long opaque value of a body (JSON strings, form values, other runs of visible characters) masked. */
function maskOpaque(body: string): string {
  const opaque = (s: string) => (OPAQUE.test(s) ? REDACTED : s.replace(/[\x21-\x7e]{16,}/g, REDACTED));
  const json = /^\s*[[{]/.test(body) ? redactJson(body, opaque) : null;
  if (json !== null) return json;
  if (looksLikeForm(body)) return redactForm(body, opaque);
  return body.replace(/(^|[\s>"'=:,;])([^\s<>"'=:,;]{16,})(?=$|[\s<"',;&])/g, (_m, pre: string) => pre + REDACTED);
}
