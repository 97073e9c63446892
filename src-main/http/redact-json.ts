/**
 * Redaction of a JSON text in place (docs/security.md, "The redactor"): the whole value under a sensitive
 * name (string, number, object or array) becomes `"[redacted]"`; every other string is decoded, passed to
 * `mask` and re-encoded only when it changed, so the rest of the text keeps its exact bytes.
 */
import { isSensitiveKey, REDACTED } from './redact-keys';

/** The redacted JSON text, or null when `text` is not JSON (RFC 8259). */
export function redactJson(text: string, mask: (value: string) => string): string | null {
  try {
    JSON.parse(text);
  } catch {
    return null;
  }
  let out = '';
  let i = 0;
  const ws = () => {
    const start = i;
    while (i < text.length && /\s/.test(text.charAt(i))) i++;
    out += text.slice(start, i);
  };
  const stringEnd = (from: number): number => {
    let j = from + 1;
    while (text[j] !== '"') j += text[j] === '\\' ? 2 : 1;
    return j + 1;
  };
  // Skips one value from i without copying it.
  const skip = (): void => {
    if (text[i] === '"') return void (i = stringEnd(i));
    if (text[i] !== '{' && text[i] !== '[') {
      while (i < text.length && !/[,\]}\s]/.test(text.charAt(i))) i++;
      return;
    }
    let depth = 0;
    do {
      if (text[i] === '"') i = stringEnd(i);
      else {
        if (text[i] === '{' || text[i] === '[') depth++;
        if (text[i] === '}' || text[i] === ']') depth--;
        i++;
      }
    } while (depth > 0);
  };
  const value = (): void => {
    const c = text[i];
    if (c === '"') {
      const end = stringEnd(i);
      const literal = text.slice(i, end);
      const decoded = JSON.parse(literal) as string;
      const masked = mask(decoded);
      out += masked === decoded ? literal : JSON.stringify(masked);
      i = end;
    } else if (c === '{' || c === '[') {
      out += c;
      i++;
      ws();
      while (text[i] !== '}' && text[i] !== ']') {
        if (c === '{') member();
        else value();
        ws();
        if (text[i] === ',') {
          out += ',';
          i++;
          ws();
        }
      }
      out += text[i++];
    } else {
      const start = i;
      skip();
      out += text.slice(start, i);
    }
  };
  const member = (): void => {
    const end = stringEnd(i);
    const key = JSON.parse(text.slice(i, end)) as string;
    value();
    ws();
    out += ':';
    i++;
    ws();
    if (isSensitiveKey(key)) {
      skip();
      out += `"${REDACTED}"`;
    } else value();
  };
  try {
    ws();
    value();
  } catch {
    // Nesting deeper than the stack (hostile input): the caller falls back to the loose rules.
    return null;
  }
  out += text.slice(i);
  return out;
}

// `"name": value` in text that is not whole JSON (truncated, embedded in a message); an unclosed string runs to the end.
const LOOSE_MEMBER = /("((?:[^"\\]|\\.){1,100})"\s*:\s*)("(?:[^"\\]|\\.)*(?:"|$)|[^\s,}\]]+)/g;

/** `text` with the value of every `"sensitive": value` member masked, for JSON that does not parse. */
export function redactLooseJson(text: string): string {
  return text.replace(LOOSE_MEMBER, (match, prefix: string, key: string) =>
    isSensitiveKey(key) && !match.endsWith(`"${REDACTED}"`) ? `${prefix}"${REDACTED}"` : match,
  );
}
