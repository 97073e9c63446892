/**
 * A body formatted for display by its content type. XML is formatted by src-shared/xml-format.ts, loaded with a
 * dynamic `import()` the first time an XML body is shown, so it costs the bundle nothing until then; until it
 * arrives (or when the XML is not well-formed) the raw text is shown.
 */
import { useEffect, useMemo, useState } from 'react';
import { formatBody, type FormattedBody } from '../../../../src-shared/body-format';

/** `body` formatted for its `contentType` (see formatBody); XML becomes pretty once its formatter has loaded. */
export function useFormattedBody(body: string, contentType: string | undefined): FormattedBody {
  const base = useMemo(() => formatBody(body, contentType), [body, contentType]);
  const [xml, setXml] = useState<{ body: string; text: string } | null>(null);

  useEffect(() => {
    if (base.kind !== 'xml') return;
    let live = true;
    void import('../../../../src-shared/xml-format').then(({ formatXml }) => {
      const text = formatXml(body);
      if (live && text !== null) setXml({ body, text });
    });
    return () => {
      live = false;
    };
  }, [base.kind, body]);

  return xml && xml.body === body && base.kind === 'xml'
    ? { kind: 'xml', text: xml.text, pretty: xml.text !== body }
    : base;
}
