/**
 * Redaction of `application/x-www-form-urlencoded` text, URL queries and fragments, and URLs
 * (docs/security.md, "The redactor"): a value under a sensitive name becomes `[redacted]`; every other part
 * keeps its bytes and is passed to `mask`.
 */
import { isSensitiveKey, REDACTED } from './redact-keys';

const FORM = /^[^=&\s#?]+=[^&\s]*(?:&[^=&\s]+(?:=[^&\s]*)?)*&?$/;

/** True when `text` reads as `key=value&key=value` (URL form encoding). */
export function looksLikeForm(text: string): boolean {
  return FORM.test(text.trim());
}

function decode(value: string): string {
  if (!/[%+]/.test(value)) return value;
  try {
    return decodeURIComponent(value.replace(/\+/g, ' '));
  } catch {
    return value;
  }
}

/** `key=value&…` with each sensitive value replaced; `inner` redacts the other (decoded) values. */
export function redactForm(text: string, inner: (value: string) => string): string {
  return text.replace(/(^|&)([^=&]*)(=?)([^&]*)/g, (match, sep: string, key: string, eq: string, value: string) => {
    if (!eq) return match;
    if (isSensitiveKey(decode(key))) return `${sep}${key}=${REDACTED}`;
    const decoded = decode(value);
    const masked = inner(decoded);
    return masked === decoded ? match : `${sep}${key}=${encodeURIComponent(masked).replace(/%20/g, '+')}`;
  });
}

/**
 * `value` as a URL (absolute or relative) with its userinfo password, sensitive query parameters and
 * sensitive fragment parameters (`#access_token=…`, RFC 6749 §4.2.2) masked; `inner` redacts other values.
 */
export function redactUrl(value: string, inner: (value: string) => string): string {
  const hash = value.indexOf('#');
  const beforeHash = hash < 0 ? value : value.slice(0, hash);
  const fragment = hash < 0 ? null : value.slice(hash + 1);
  const q = beforeHash.indexOf('?');
  let base = q < 0 ? beforeHash : beforeHash.slice(0, q);
  const query = q < 0 ? null : beforeHash.slice(q + 1);
  base = base.replace(/^([a-z][a-z0-9+.-]*:\/\/[^/@:?#]*:)([^/@?#]*)@/i, `$1${REDACTED}@`);
  return (
    base +
    (query === null ? '' : `?${redactForm(query, inner)}`) +
    (fragment === null ? '' : `#${redactForm(fragment, inner)}`)
  );
}

/** True for a string that is a whole http(s) URL. */
export function looksLikeUrl(text: string): boolean {
  return /^https?:\/\/\S+$/i.test(text);
}

// `name=value` in free text (a URL cut at a space, a log line): the value runs to a separator.
const LOOSE_PAIR = /(^|[?&#;,\s"'(])([A-Za-z][\w.:-]{0,100})=([^&\s"'<>;,)#]+)/g;

/** `text` with the value of every `sensitive=value` pair masked. */
export function redactLoosePairs(text: string): string {
  return text.replace(LOOSE_PAIR, (match, sep: string, key: string, value: string) =>
    isSensitiveKey(key) && value !== REDACTED ? `${sep}${key}=${REDACTED}` : match,
  );
}
