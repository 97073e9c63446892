/**
 * One body of an exchange (request or response): its kind, a Raw / Pretty toggle when a pretty form exists,
 * the text in a code block, and Copy. HTML is shown as text, never rendered (React escapes it; no innerHTML).
 */
import { useState } from 'react';
import { bodyKindLabel } from '../../../../src-shared/body-format';
import { CopyButton } from '../../../components/copy-button';
import { useFormattedBody } from './use-formatted-body';

interface BodyViewProps {
  /** "Request body" or "Response body": the heading, and the name of the toggle, the text and Copy. */
  title: string;
  body: string | null;
  contentType: string | undefined;
  /** True when main cut the body at its size cap. */
  truncated?: boolean;
}

function FilledBody({ title, body, contentType }: { title: string; body: string; contentType: string | undefined }) {
  const formatted = useFormattedBody(body, contentType);
  const [raw, setRaw] = useState(false);
  const text = raw || !formatted.pretty ? body : formatted.text;
  return (
    <>
      <div className="body-block__bar">
        <span className="body-kind">{bodyKindLabel(formatted.kind, contentType)}</span>
        {formatted.pretty ? (
          <div className="toggle-pair" role="group" aria-label={`${title} view`}>
            <button type="button" className="toggle-pair__button" aria-pressed={!raw} onClick={() => setRaw(false)}>
              Pretty
            </button>
            <button type="button" className="toggle-pair__button" aria-pressed={raw} onClick={() => setRaw(true)}>
              Raw
            </button>
          </div>
        ) : null}
        <span className="body-block__copy">
          <CopyButton text={text} label={`Copy ${title.toLowerCase()}`} small />
        </span>
      </div>
      <pre className="code-block body-block__text">{text}</pre>
    </>
  );
}

/** A titled body with its toggle and Copy, "(empty body)" when there is none, and the truncation note. */
export function BodyView({ title, body, contentType, truncated }: BodyViewProps) {
  return (
    <section aria-label={title} className="body-block">
      <h4 className="body-block__title">{title}</h4>
      {truncated ? (
        <p className="note" role="note">
          The body was truncated at the size cap; what follows is only its beginning.
        </p>
      ) : null}
      {body === null || body === '' ? (
        <p className="muted">(empty body)</p>
      ) : (
        <FilledBody title={title} body={body} contentType={contentType} />
      )}
    </section>
  );
}
