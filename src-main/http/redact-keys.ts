/**
 * Which names carry secrets (docs/security.md, "The redactor"): parameter, JSON, XML, form and header names are
 * compared after normalising (case, `-`, `_`, `.`, an XML namespace prefix), so `access_token`, `accessToken`,
 * `Access-Token` and `<ns:access_token>` are one name.
 */

/** What a masked value becomes, in every format. */
export const REDACTED = '[redacted]';

const EXACT = new Set([
  'password',
  'passwd',
  'passphrase',
  'secret',
  'token',
  'code',
  'codeverifier',
  'devicecode',
  'authcode',
  'authorizationcode',
  'assertion',
  'clientassertion',
  'samlresponse',
  // RFC 8693 §2.1: the token exchange's subject and actor tokens (also caught by the `token` suffix).
  'subjecttoken',
  'actortoken',
  'privatekey',
  'signingkey',
  'jwtsigningkey',
  'authorization',
  'proxyauthorization',
  'cookie',
  'setcookie',
  'apikey',
  'xapikey',
  'accesskey',
  'secretkey',
  'subscriptionkey',
  'credential',
  'credentials',
]);
const SUFFIXES = ['token', 'secret', 'password', 'passphrase', 'apikey', 'privatekey', 'signingkey', 'subscriptionkey'];

/** `Access-Token`, `ns:access_token`, `accessToken` → `accesstoken`. */
export function normalizeKey(key: string): string {
  return key
    .replace(/^[^:]*:/, '')
    .replace(/[-_.\s]/g, '')
    .toLowerCase();
}

/** True for a parameter, JSON, XML or form name whose value is a secret (the whole value, whatever its type). */
export function isSensitiveKey(key: string): boolean {
  let known = seen.get(key);
  if (known === undefined) {
    const k = normalizeKey(key);
    known = k !== '' && (EXACT.has(k) || SUFFIXES.some((s) => k.endsWith(s)));
    // A body may repeat a few names a million times; the memo stays small.
    if (seen.size > 10_000) seen.clear();
    seen.set(key, known);
  }
  return known;
}
const seen = new Map<string, boolean>();

/** True for a header whose value is a secret: the names of isSensitiveKey plus `*-token` and `*-key`. */
export function isSensitiveHeader(name: string): boolean {
  return isSensitiveKey(name) || /(^|[-_])(token|key)$/i.test(name.trim());
}
