/**
 * The Response tab of an exchange: the status line (`200 OK`) and the body, pretty by content type with a
 * Raw / Pretty toggle and the truncation note; when no response arrived, a link to the verdict, which
 * says why (the message is shown once, there).
 */
import { formatStatus } from '../../../../src-shared/format';
import type { Exchange } from '../../../../src-shared/test-run';
import { BodyView } from './body-view';
import { exchangeOutcome } from './exchange-outcome';
import { focusById } from './focus-target';

/** What an authorization request (sent by the system browser, not by Authbench) shows in place of a response. */
export const BROWSER_NOTE =
  'The system browser sent this request; the IdP answered it there, with a redirect to the callback (the next exchange). Its time is how long the sign-in took.';

/** The response of one exchange; `verdictId` is the DOM id of the run's verdict, where a missing response is explained. */
export function ResponseTab({ exchange, verdictId }: { exchange: Exchange; verdictId: string }) {
  const { response } = exchange;
  if (!response && exchange.step === 'authorize' && !exchange.error) {
    return <p className="muted">{BROWSER_NOTE}</p>;
  }
  if (!response) {
    return (
      <p className="muted">
        No response arrived —{' '}
        <button type="button" className="link-button" onClick={() => focusById(verdictId)}>
          see the verdict
        </button>
      </p>
    );
  }
  const tone = exchangeOutcome(exchange).tone;
  return (
    <div className="response-tab">
      <p className="response-tab__status">
        Status{' '}
        <span className={`response-tab__code response-tab__code--${tone}`}>
          {formatStatus(response.status, response.statusText)}
        </span>
      </p>
      <BodyView
        title="Response body"
        body={response.body}
        contentType={response.headers['content-type']}
        truncated={response.truncated}
      />
    </div>
  );
}
