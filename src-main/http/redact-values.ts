/**
 * The forms a known secret takes on the wire (docs/security.md, "The redactor"): plain, percent-encoded (as
 * encodeURIComponent and as RFC 3986 strictly), form-encoded (upper- and lower-case hex), JSON-escaped (`\/`, `\uXXXX`), HTML/XML entities, base64 and
 * base64url, and `id:secret` pairs as `client_secret_basic` builds them (RFC 6749 §2.3.1).
 */

/** Shortest secret (in characters) masked by value; shorter ones would destroy ordinary text. */
export const MIN_SECRET_LENGTH = 4;

const lowerHex = (s: string) => s.replace(/%[0-9A-F]{2}/g, (m) => m.toLowerCase());
const formEncode = (s: string) => new URLSearchParams({ s }).toString().slice(2);
/** RFC 3986 §2.3: all but unreserved characters encoded (`!'()*` too), as a `{{field}}` value in a URL is. */
const strictEncode = (s: string) =>
  encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
const hex4 = (c: string) => c.charCodeAt(0).toString(16).padStart(4, '0');

function jsonEscapes(s: string): string[] {
  const plain = JSON.stringify(s).slice(1, -1);
  const slash = plain.replace(/\//g, '\\/');
  const out = [plain, slash];
  for (const body of [plain, slash]) {
    // \uXXXX for non-ASCII (PHP, Python), and for < > & ' too (Go, .NET), in both hex cases.
    const nonAscii = body.replace(/[^\x20-\x7e]/g, (c) => `\\u${hex4(c)}`);
    const html = nonAscii.replace(/[<>&']/g, (c) => `\\u${hex4(c)}`);
    // Some encoders escape `/` as \u002f as well (against `</script>`).
    const htmlSlash = nonAscii.replace(/[<>&'/]/g, (c) => `\\u${hex4(c)}`);
    out.push(
      htmlSlash,
      htmlSlash.replace(/\\u[0-9a-f]{4}/g, (m) => m.toUpperCase().replace('\\U', '\\u')),
    );
    out.push(
      nonAscii,
      html,
      nonAscii.replace(/\\u[0-9a-f]{4}/g, (m) => m.toUpperCase().replace('\\U', '\\u')),
    );
    out.push(html.replace(/\\u[0-9a-f]{4}/g, (m) => m.toUpperCase().replace('\\U', '\\u')));
  }
  return out;
}

function entities(s: string): string[] {
  const base = s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  const forms = [base];
  for (const apos of ['&#39;', '&apos;', '&#x27;']) forms.push(base.replace(/"/g, '&quot;').replace(/'/g, apos));
  forms.push(base.replace(/"/g, '&#34;').replace(/'/g, '&#39;'));
  return forms;
}

function base64Forms(s: string): string[] {
  const b64 = Buffer.from(s).toString('base64');
  const url = Buffer.from(s).toString('base64url');
  return [b64, b64.replace(/=+$/, ''), url];
}

/** Every wire form of `secret`, longest first. */
export function secretVariants(secret: string): string[] {
  const encoded = [encodeURIComponent(secret), formEncode(secret), strictEncode(secret)];
  const forms = [
    secret,
    ...encoded,
    ...encoded.map(lowerHex),
    ...jsonEscapes(secret),
    ...entities(secret),
    ...base64Forms(secret),
  ];
  return [...new Set(forms)].filter((f) => f.length >= MIN_SECRET_LENGTH);
}

/** The base64 and base64url forms of `id:secret`, raw and with each side form-encoded (RFC 6749 §2.3.1). */
export function pairVariants(id: string, secret: string): string[] {
  return [...new Set([...base64Forms(`${id}:${secret}`), ...base64Forms(`${formEncode(id)}:${formEncode(secret)}`)])];
}

/** A function that replaces every needle in a string with `mask`, longest needle first. */
export function valueMasker(needles: readonly string[], mask: string): (value: string) => string {
  const sorted = [...new Set(needles)].filter((n) => n.length > 0).sort((a, b) => b.length - a.length);
  return (value) => {
    let out = value;
    if (sorted.length === 0 || value.length < sorted[sorted.length - 1]!.length) return value;
    for (const needle of sorted) if (out.includes(needle)) out = out.split(needle).join(mask);
    return out;
  };
}
