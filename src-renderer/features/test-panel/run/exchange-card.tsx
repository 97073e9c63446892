/**
 * One recorded HTTP exchange: a status line (step, status or error code, duration; below, the method and the
 * full URL, wrapped) and the Request, Headers and Response tabs. The Response tab opens first: it is what people look
 * at to see what the IdP said. An error message shows here only when it differs from the run's (the verdict).
 */
import { formatMs } from '../../../../src-shared/format';
import type { Exchange } from '../../../../src-shared/test-run';
import { Tabs } from '../../../components/tabs';
import { exchangeOutcome } from './exchange-outcome';
import { HeadersTab } from './headers-tab';
import { RequestTab } from './request-tab';
import { ResponseTab } from './response-tab';
import { EXCHANGE_STEP_LABELS } from './step-labels';
import './exchange-views.css';

interface ExchangeCardProps {
  exchange: Exchange;
  index: number;
  /** DOM id the timeline and the verdict jump to. */
  id?: string;
  /** DOM id of the run's verdict, which the Response tab links to when no response arrived. */
  verdictId: string;
  /** The run error's message, already shown in the verdict: not repeated here. */
  runMessage?: string;
}

/** The status line and tabs of one exchange. */
export function ExchangeCard({ exchange, index, id, verdictId, runMessage }: ExchangeCardProps) {
  const { request, response } = exchange;
  const step = EXCHANGE_STEP_LABELS[exchange.step];
  const outcome = exchangeOutcome(exchange);
  const ownMessage = exchange.error && exchange.error.message !== runMessage ? exchange.error.message : null;
  return (
    <article id={id} tabIndex={-1} className="exchange" aria-label={`${step} (${index + 1})`}>
      <header className="exchange__status-line">
        <span className="exchange__head">
          <span className="exchange__step">{step}</span>
          <span className={`http-status http-status--${outcome.tone}`}>{outcome.text}</span>
          <span className="exchange__duration">{formatMs(exchange.durationMs)}</span>
          {request.dpopProof?.nonceChallenge ? (
            <span className="exchange__note" title="RFC 9449 §8, §9: the request is sent again with the nonce">
              DPoP nonce challenge · retried
            </span>
          ) : null}
        </span>
        <span className="exchange__target">
          <span className="exchange__method">{request.method}</span>{' '}
          <span className="exchange__url">{request.url}</span>
        </span>
      </header>
      {ownMessage && !response ? (
        <p className={`exchange__error${outcome.tone === 'neutral' ? ' exchange__error--neutral' : ''}`}>
          {ownMessage}
        </p>
      ) : null}
      <Tabs
        label={`${step} details`}
        initial="response"
        tabs={[
          { key: 'request', label: 'Request', render: () => <RequestTab request={request} /> },
          { key: 'headers', label: 'Headers', render: () => <HeadersTab exchange={exchange} /> },
          {
            key: 'response',
            label: 'Response',
            render: () => <ResponseTab exchange={exchange} verdictId={verdictId} />,
          },
        ]}
      />
    </article>
  );
}
