/**
 * XML indented for display, in a module of its own so the renderer loads it (and fast-xml-parser) with a dynamic
 * `import()` only when an XML body is shown. The prolog (XML declaration and any DOCTYPE) is kept verbatim and
 * never parsed: entities are not expanded (docs/security.md, "Hostile input"), `&name;` stays as written.
 * No node:, electron or DOM imports.
 */
import { XMLBuilder, XMLParser, XMLValidator } from 'fast-xml-parser';

const OPTIONS = {
  preserveOrder: true,
  ignoreAttributes: false,
  allowBooleanAttributes: true,
  commentPropName: '#comment',
  cdataPropName: '#cdata',
  processEntities: false,
  htmlEntities: false,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
};

/** The XML declaration, comments and DOCTYPE (with its internal subset) before the root element. */
const PROLOG = /^\s*(?:<\?xml[\s\S]*?\?>\s*)?(?:(?:<!--[\s\S]*?-->|<!DOCTYPE[^[>]*(?:\[[\s\S]*?\])?\s*>)\s*)*/i;

/** `xml` indented by 2 spaces with its prolog kept as written, or null when it is not well-formed XML. */
export function formatXml(xml: string): string | null {
  const prolog = PROLOG.exec(xml)?.[0] ?? '';
  const rest = xml.slice(prolog.length);
  if (rest.trim() === '' || XMLValidator.validate(rest) !== true) return null;
  try {
    const tree: unknown = new XMLParser(OPTIONS).parse(rest);
    const built = new XMLBuilder({ ...OPTIONS, format: true, indentBy: '  ', suppressEmptyNode: true })
      .build(tree)
      .trim();
    const head = prolog.trim();
    return head ? `${head.replace(/\?>\s*</, '?>\n<')}\n${built}` : built;
  } catch {
    return null;
  }
}
