/**
 * The Response tab of an exchange: the response body, pretty-printed when it is JSON, else the raw text;
 * "(empty body)" when there is none, and a note when main cut it at the size cap.
 */
import { useMemo } from 'react';
import { prettyBody } from '../../../../src-shared/format';
import type { Exchange } from '../../../../src-shared/test-run';

/** What an authorization request (sent by the system browser, not by Authbench) shows in place of a response. */
export const BROWSER_NOTE =
  'The system browser sent this request; the IdP answered it there, with a redirect to the callback (the next exchange). Its time is how long the sign-in took.';

/** The response body of one exchange. */
export function ResponseTab({ exchange }: { exchange: Exchange }) {
  const { response } = exchange;
  const body = response?.body ?? null;
  const pretty = useMemo(() => (body === null ? null : prettyBody(body)), [body]);

  if (!response && exchange.step === 'authorize' && !exchange.error) {
    return <p className="muted">{BROWSER_NOTE}</p>;
  }
  if (!response) {
    return <p className="muted">No response arrived{exchange.error ? `: ${exchange.error.message}` : '.'}</p>;
  }
  return (
    <div className="response-tab">
      {response.truncated ? (
        <p className="note" role="note">
          The body was truncated at the size cap; what follows is only its beginning.
        </p>
      ) : null}
      {pretty === null || body === '' ? (
        <p className="muted">(empty body)</p>
      ) : (
        <>
          <p className="body-kind">{pretty.json ? 'JSON' : (response.headers['content-type'] ?? 'Text')}</p>
          <pre className="code-block" aria-label="Response body">
            {pretty.text}
          </pre>
        </>
      )}
    </div>
  );
}
