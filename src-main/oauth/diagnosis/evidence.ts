/**
 * Evidence read from a recorded exchange, for the diagnosis: pure, tolerant parsers of what the IdP said
 * besides its JSON error (WWW-Authenticate, Retry-After, an HTML page's title, where a JSON body ends).
 */

/** A decoded challenge (RFC 9110 §11.6.1, RFC 6750 §3): the scheme and its auth-params, names lower-cased. */
export interface Challenge {
  scheme: string;
  params: Record<string, string>;
}

const MAX_TEXT = 200;

/** Shortens an IdP-chosen string for a message (at most 200 characters). */
export function clip(value: string, max = MAX_TEXT): string {
  const one = value.replace(/\s+/g, ' ').trim();
  return one.length > max ? `${one.slice(0, max)}…` : one;
}

/**
 * The first challenge of a `WWW-Authenticate` value (RFC 9110 §11.6.1), e.g. `Bearer realm="x",
 * error="invalid_token"` → { scheme: 'Bearer', params: { realm: 'x', error: 'invalid_token' } }; undefined when empty.
 */
export function parseWwwAuthenticate(value: string | undefined): Challenge | undefined {
  if (!value) return undefined;
  const m = /^\s*([!#$%&'*+.^_`|~\w-]+)\s*(.*)$/s.exec(value.slice(0, 4000));
  if (!m) return undefined;
  const params: Record<string, string> = {};
  const re = /([!#$%&'*+.^_`|~\w-]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^\s,]*))\s*,?\s*/gy;
  const rest = m[2] ?? '';
  let p: RegExpExecArray | null;
  while ((p = re.exec(rest)) !== null && p[0].length > 0) {
    const name = p[1]!.toLowerCase();
    // Another scheme starts: "Basic realm=a, Bearer realm=b" keeps only the first challenge.
    if (!Object.hasOwn(params, name)) params[name] = (p[2] ?? p[3] ?? '').replace(/\\(.)/g, '$1');
    if (re.lastIndex >= rest.length) break;
  }
  return { scheme: m[1]!, params };
}

/**
 * `Retry-After` (RFC 9110 §10.2.3) as whole seconds from `now`: delay-seconds or an HTTP-date; undefined when
 * absent or unreadable, 0 for a date in the past.
 */
export function parseRetryAfter(value: string | undefined, now: Date): number | undefined {
  if (!value) return undefined;
  const v = value.trim();
  if (/^\d+$/.test(v)) return Number(v);
  const at = Date.parse(v);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, Math.ceil((at - now.getTime()) / 1000));
}

/** A duration for people: "30 s", "2 min 5 s", "1 h 3 min" (input in seconds, rounded down). */
export function formatDuration(seconds: number): string {
  const s = Math.floor(Math.abs(seconds));
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min${s % 60 ? ` ${s % 60} s` : ''}`;
  const min = Math.floor((s % 3600) / 60);
  return `${Math.floor(s / 3600)} h${min ? ` ${min} min` : ''}`;
}

const ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
  ndash: '–',
  mdash: '—',
};

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]{1,6}|#\d{1,7}|[a-z]{2,6});/gi, (whole, name: string) => {
    if (name.startsWith('#')) {
      const n = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      return n > 0 && n <= 0x10ffff ? String.fromCodePoint(n) : whole;
    }
    return ENTITIES[name.toLowerCase()] ?? whole;
  });
}

/**
 * The `<title>` (else the first `<h1>`) of an HTML page, tags stripped and the common entities decoded, at most
 * 120 characters; undefined when there is none. A tolerant text scan of the first 64 KB, never a DOM.
 */
export function htmlTitle(body: string | null): string | undefined {
  if (!body) return undefined;
  const head = body.slice(0, 65536);
  for (const tag of ['title', 'h1']) {
    const m = new RegExp(`<${tag}\\b[^>]*>([\\s\\S]{0,2000}?)</${tag}\\s*>`, 'i').exec(head);
    const text = m ? clip(decodeEntities(m[1]!.replace(/<[^>]*>/g, ' ')), 120) : '';
    if (text) return text;
  }
  return undefined;
}

/** True when the body looks like an HTML page (by Content-Type or its first tag). */
export function isHtml(body: string | null, contentType: string | undefined): boolean {
  if ((contentType ?? '').toLowerCase().includes('text/html')) return true;
  return !!body && /^\s*<(!doctype html|html|head|body)/i.test(body);
}

/** Pages a token request lands on when the URL is wrong: a sign-in form rather than an endpoint. */
export function looksLikeLoginPage(title: string | undefined, body: string | null): boolean {
  const text = `${title ?? ''} ${(body ?? '').slice(0, 65536)}`;
  return /\b(sign[ -]?in|log[ -]?in|anmelden|connexion)\b/i.test(title ?? '') || /type=["']?password/i.test(text);
}

/**
 * Where a JSON body stops being JSON: `{ length, complete: false }` when it ends early (cut short), or the byte
 * offset of the first error; undefined when it parses.
 */
export function jsonBreak(body: string): { bytes: number; cutShort: boolean } | undefined {
  try {
    JSON.parse(body);
    return undefined;
  } catch (err) {
    const bytes = new TextEncoder().encode(body).length;
    const msg = (err as Error).message;
    const cutShort = /unexpected end|unterminated/i.test(msg);
    const at = /position (\d+)/.exec(msg);
    return { bytes: cutShort || !at ? bytes : Number(at[1]), cutShort };
  }
}
