/**
 * Redaction of XML and HTML in place (docs/security.md, "The redactor"): the content of an element with a
 * sensitive local name (`<access_token type="x">`, `<ns:password>`, CDATA included) becomes `[redacted]`, as
 * does an attribute with a sensitive name and the `value`/`content` of an element named by a sensitive
 * `name`/`id` (`<input name="code" value="…">`). fast-xml-parser (no DTD, no entities) checks the XML first;
 * text that is not well-formed (HTML) is scanned the same way, tag by tag.
 */
import { XMLValidator } from 'fast-xml-parser';
import { isSensitiveKey, REDACTED } from './redact-keys';

/** True when `text` is a well-formed XML document without a DTD (no entity can be declared or expanded). */
export function isXml(text: string): boolean {
  return !/<!DOCTYPE|<!ENTITY/i.test(text) && XMLValidator.validate(text) === true;
}

const TOKEN =
  /<!--[\s\S]*?-->|<!\[CDATA\[[\s\S]*?\]\]>|<[?!][\s\S]*?>|<\/([^\s>]+)\s*>|<([A-Za-z_][^\s/>]*)([^>]*?)(\/?)>/g;
const ATTR = /(\s)([^\s=/>]+)(\s*=\s*)("[^"]*"|'[^']*'|[^\s"'>]+)/g;

function attributes(attrs: string): string {
  const named = /\s(?:name|id)\s*=\s*["']?([^"'\s>]+)/i.exec(attrs);
  const byName = named !== null && isSensitiveKey(named[1] ?? '');
  return attrs.replace(ATTR, (match, sp: string, name: string, eq: string, value: string) => {
    const sensitive = isSensitiveKey(name) || (byName && /^(value|content)$/i.test(name));
    if (!sensitive) return match;
    const quote = value[0] === '"' || value[0] === "'" ? value[0] : '"';
    return `${sp}${name}${eq}${quote}${REDACTED}${quote}`;
  });
}

/** `text` with sensitive elements and attributes masked; `inner` redacts every other run of text. */
export function redactMarkup(text: string, inner: (value: string) => string): string {
  let out = '';
  let last = 0;
  let hidden: { name: string; depth: number } | null = null;
  for (const m of text.matchAll(TOKEN)) {
    const [token, closeName, openName, attrs = '', selfClose] = m;
    const at = m.index;
    if (!hidden) out += inner(text.slice(last, at));
    last = at + token.length;
    if (hidden) {
      if (openName === hidden.name && !selfClose) hidden.depth++;
      if (closeName === hidden.name && --hidden.depth === 0) {
        hidden = null;
        out += REDACTED + token;
      }
      continue;
    }
    if (openName === undefined) {
      out += token.startsWith('<![CDATA[') ? `<![CDATA[${inner(token.slice(9, -3))}]]>` : token;
      continue;
    }
    out += `<${openName}${attributes(attrs)}${selfClose}>`;
    if (!selfClose && isSensitiveKey(openName) && hasClose(text, last, openName)) hidden = { name: openName, depth: 1 };
  }
  return out + (hidden ? '' : inner(text.slice(last)));
}

function hasClose(text: string, from: number, name: string): boolean {
  return text.indexOf(`</${name}`, from) >= 0;
}
