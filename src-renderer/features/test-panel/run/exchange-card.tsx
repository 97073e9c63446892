/**
 * One recorded HTTP exchange: a status line (step, method, URL, status, duration) and the Headers and
 * Response tabs. The Response tab opens first: it is what people look at to see what the IdP said.
 */
import { formatMs } from '../../../../src-shared/format';
import type { Exchange } from '../../../../src-shared/test-run';
import { Tabs } from '../../../components/tabs';
import { exchangeOutcome } from './exchange-outcome';
import { HeadersTab } from './headers-tab';
import { ResponseTab } from './response-tab';
import { EXCHANGE_STEP_LABELS } from './step-labels';

/** The status line and tabs of one exchange. */
export function ExchangeCard({
  exchange,
  index,
  id,
}: {
  exchange: Exchange;
  index: number;
  /** DOM id the timeline jumps to. */ id?: string;
}) {
  const { request, response } = exchange;
  const step = EXCHANGE_STEP_LABELS[exchange.step];
  const outcome = exchangeOutcome(exchange);
  return (
    <article id={id} tabIndex={-1} className="exchange" aria-label={`${step} (${index + 1})`}>
      <header className="exchange__status-line">
        <span className="exchange__step">{step}</span>
        <span className="exchange__method">{request.method}</span>
        <span className="exchange__url" title={request.url}>
          {request.url}
        </span>
        <span className={`http-status http-status--${outcome.tone}`}>{outcome.text}</span>
        <span className="exchange__duration">{formatMs(exchange.durationMs)}</span>
      </header>
      {exchange.error && !response ? (
        <p className={`exchange__error${outcome.tone === 'neutral' ? ' exchange__error--neutral' : ''}`}>
          {exchange.error.message}
        </p>
      ) : null}
      <Tabs
        label={`${step} details`}
        initial="response"
        tabs={[
          { key: 'headers', label: 'Headers', render: () => <HeadersTab exchange={exchange} /> },
          { key: 'response', label: 'Response', render: () => <ResponseTab exchange={exchange} /> },
        ]}
      />
    </article>
  );
}
