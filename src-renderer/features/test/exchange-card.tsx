/**
 * One recorded HTTP exchange: a status line (step, method, URL, status, duration) and the Headers and
 * Response tabs. The Response tab opens first: it is what people look at to see what the IdP said.
 */
import { formatMs, formatStatus, STEP_LABELS } from '../../../src-shared/format';
import type { Exchange } from '../../../src-shared/test-run';
import { Tabs } from '../../components/tabs';
import { HeadersTab } from './headers-tab';
import { ResponseTab } from './response-tab';

function statusClass(status: number): string {
  if (status >= 200 && status < 300) return 'http-status--ok';
  if (status >= 300 && status < 400) return 'http-status--redirect';
  return 'http-status--error';
}

/** The status line and tabs of one exchange. */
export function ExchangeCard({ exchange, index }: { exchange: Exchange; index: number }) {
  const { request, response } = exchange;
  const step = STEP_LABELS[exchange.step] ?? exchange.step;
  return (
    <article className="exchange" aria-label={`${step} (${index + 1})`}>
      <header className="exchange__status-line">
        <span className="exchange__step">{step}</span>
        <span className="exchange__method">{request.method}</span>
        <span className="exchange__url" title={request.url}>
          {request.url}
        </span>
        {response ? (
          <span className={`http-status ${statusClass(response.status)}`}>{formatStatus(response.status, response.statusText)}</span>
        ) : (
          <span className="http-status http-status--error">{exchange.error?.code ?? 'no response'}</span>
        )}
        <span className="exchange__duration">{formatMs(exchange.durationMs)}</span>
      </header>
      {exchange.error && !response ? <p className="exchange__error">{exchange.error.message}</p> : null}
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
