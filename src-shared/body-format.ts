/**
 * Pure formatting of HTTP bodies and URLs for display, shared by the renderer and the CLI: the kind of a body
 * by its content type (RFC 9110 §8.3), JSON indented, form bodies one `key = value` per line (RFC 6749
 * Appendix B), HTML left as text. XML is in xml-format.ts, loaded lazily.
 * No node:, electron or DOM imports.
 */

/** How a body is shown: the kind decides the pretty form; `text` is shown as received. */
export type BodyKind = 'json' | 'form' | 'xml' | 'html' | 'text';

/** A body ready to show: its kind, the pretty text, and whether the pretty text differs from the raw one. */
export interface FormattedBody {
  kind: BodyKind;
  text: string;
  pretty: boolean;
}

/** The media type of a Content-Type value, lower case without parameters (`application/json; charset=utf-8` → `application/json`); '' when absent (RFC 9110 §8.3.1). */
export function mediaType(contentType: string | undefined): string {
  return (contentType ?? '').split(';')[0]!.trim().toLowerCase();
}

/** The kind of a body from its Content-Type (structured `+json` / `+xml` suffixes included, RFC 6839), else sniffed from its first character. */
export function bodyKind(body: string, contentType: string | undefined): BodyKind {
  const type = mediaType(contentType);
  if (type === 'application/json' || type.endsWith('+json')) return 'json';
  if (type === 'application/x-www-form-urlencoded') return 'form';
  if (type === 'text/html' || type === 'application/xhtml+xml') return 'html';
  if (type === 'application/xml' || type === 'text/xml' || type.endsWith('+xml')) return 'xml';
  const start = body.trimStart();
  if (start.startsWith('{') || start.startsWith('[')) return 'json';
  if (/^<\?xml[\s?]/i.test(start)) return 'xml';
  if (/^<(!doctype\s+html|html[\s>])/i.test(start)) return 'html';
  return 'text';
}

/** The name = value pairs of a form body or query string, decoded (`+` and `%20` are spaces), repeated keys kept in order. */
export function formParameters(encoded: string): Array<[string, string]> {
  return [...new URLSearchParams(encoded.startsWith('?') ? encoded.slice(1) : encoded)];
}

/** The query parameters of a URL, decoded, in order; [] when the URL has none or does not parse. */
export function queryParameters(url: string): Array<[string, string]> {
  try {
    return [...new URL(url).searchParams];
  } catch {
    const query = url.indexOf('?');
    return query < 0 ? [] : formParameters(url.slice(query + 1).split('#')[0]!);
  }
}

/** Form parameters one `key = value` per line. */
export function formatForm(body: string): string {
  return formParameters(body.trim())
    .map(([key, value]) => `${key} = ${value}`)
    .join('\n');
}

/** JSON with a 2-space indent, or null when the text is not JSON (e.g. truncated). */
export function formatJson(body: string): string | null {
  try {
    return JSON.stringify(JSON.parse(body), null, 2);
  } catch {
    return null;
  }
}

/**
 * A body for display (everything but XML, which needs the lazily loaded xml-format.ts: for it this returns
 * the raw text); a body that does not parse as its kind is shown raw. HTML is text, never markup.
 */
export function formatBody(body: string, contentType: string | undefined): FormattedBody {
  const kind = bodyKind(body, contentType);
  let text: string | null = null;
  if (kind === 'json') text = formatJson(body);
  else if (kind === 'form' && body.trim() !== '') text = formatForm(body);
  return text === null ? { kind, text: body, pretty: false } : { kind, text, pretty: text !== body };
}

/** The label of a body kind, e.g. `JSON`, `Form`, `XML`, `HTML (as text)`, or the media type for plain text. */
export function bodyKindLabel(kind: BodyKind, contentType: string | undefined): string {
  const labels: Record<Exclude<BodyKind, 'text'>, string> = {
    json: 'JSON',
    form: 'Form (application/x-www-form-urlencoded)',
    xml: 'XML',
    html: 'HTML (shown as text)',
  };
  return kind === 'text' ? mediaType(contentType) || 'Text' : labels[kind];
}
