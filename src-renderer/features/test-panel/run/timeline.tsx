/**
 * The timeline of a run: one row per exchange in the order they happened (authorize, callback, token,
 * refresh, check), with its step label, method and path, status (or error code) and time in ms, and a
 * bar for its share of the slowest. A row's step jumps to that exchange's card below.
 */
import { formatMs } from '../../../../src-shared/format';
import type { TestRun } from '../../../../src-shared/test-run';
import { exchangeOutcome } from './exchange-outcome';
import { EXCHANGE_STEP_LABELS } from './step-labels';

/** DOM id of the card of exchange `index` of `runId`. */
export function exchangeCardId(runId: string, index: number): string {
  return `exchange-${runId}-${index}`;
}

/** The path of a URL: the timeline is narrow, and the host and query are in the card below (and the tooltip). */
function path(url: string): string {
  try {
    return new URL(url).pathname;
  } catch {
    return url;
  }
}

function focusCard(id: string) {
  const card = document.getElementById(id);
  if (!card) return;
  card.scrollIntoView({ block: 'start', behavior: 'smooth' });
  card.focus({ preventScroll: true });
}

/** The timeline table of `run` (nothing when no request was sent). */
export function Timeline({ run }: { run: TestRun }) {
  if (run.exchanges.length === 0) return null;
  const slowest = Math.max(1, ...run.exchanges.map((e) => e.durationMs));
  return (
    <section className="timeline" aria-labelledby={`timeline-title-${run.id}`}>
      <h3 id={`timeline-title-${run.id}`} className="subsection-title">
        Timeline
      </h3>
      <table className="timeline__table">
        <thead>
          <tr>
            <th scope="col">#</th>
            <th scope="col">Step</th>
            <th scope="col">Request</th>
            <th scope="col">Status</th>
            <th scope="col" className="timeline__ms">
              Time
            </th>
          </tr>
        </thead>
        <tbody>
          {run.exchanges.map((exchange, index) => {
            const result = exchangeOutcome(exchange);
            return (
              <tr key={index}>
                <td className="timeline__index">{index + 1}</td>
                <th scope="row" className="timeline__step">
                  <button
                    type="button"
                    className="link-button"
                    onClick={() => focusCard(exchangeCardId(run.id, index))}
                  >
                    {EXCHANGE_STEP_LABELS[exchange.step]}
                  </button>
                </th>
                <td className="timeline__request" title={exchange.request.url}>
                  <span className="timeline__method">{exchange.request.method}</span> {path(exchange.request.url)}
                </td>
                <td className={`timeline__status http-status http-status--${result.tone}`}>{result.text}</td>
                <td className="timeline__ms">
                  {/* A <progress> draws the bar: the CSP allows no inline style for a width. */}
                  <progress
                    className="timeline__bar"
                    value={Math.max(exchange.durationMs, slowest / 50)}
                    max={slowest}
                    aria-hidden="true"
                  />
                  {formatMs(exchange.durationMs)}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}
