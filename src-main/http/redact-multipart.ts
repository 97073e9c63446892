/**
 * Redaction of `multipart/form-data` (RFC 7578) in place (docs/security.md, "The redactor"): the body of a
 * part whose `name` is sensitive becomes `[redacted]`; other parts go through `inner` with their own type.
 */
import { isSensitiveKey, REDACTED } from './redact-keys';

/** The boundary of a multipart body: from the Content-Type, else from a first line `--boundary`. */
export function multipartBoundary(body: string, contentType: string | undefined): string | null {
  const fromType = /boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType ?? '');
  if (fromType && /multipart\//i.test(contentType ?? '')) return fromType[1] ?? fromType[2] ?? null;
  const first = /^--([^\s]{1,70})\r?\n/.exec(body);
  return first?.[1] && body.includes(`--${first[1]}--`) ? first[1] : null;
}

/** `body` with each part redacted; `inner(partBody, partContentType)` redacts the non-sensitive ones. */
export function redactMultipart(
  body: string,
  boundary: string,
  inner: (value: string, contentType: string | undefined) => string,
): string {
  const delimiter = `--${boundary}`;
  return body
    .split(delimiter)
    .map((part, index) => {
      if (index === 0 || part.startsWith('--')) return inner(part, undefined);
      const split = /\r?\n\r?\n/.exec(part);
      if (!split) return inner(part, undefined);
      const head = part.slice(0, split.index + split[0].length);
      const rest = part.slice(split.index + split[0].length);
      const trailing = /\r?\n$/.exec(rest)?.[0] ?? '';
      const content = rest.slice(0, rest.length - trailing.length);
      const name = /\bname="([^"]*)"/i.exec(head)?.[1] ?? /\bname=([^;\s]+)/i.exec(head)?.[1] ?? '';
      const type = /^content-type:\s*([^\r\n]+)/im.exec(head)?.[1];
      const masked = isSensitiveKey(name) ? REDACTED : inner(content, type);
      return inner(head, undefined) + masked + trailing;
    })
    .join(delimiter);
}
