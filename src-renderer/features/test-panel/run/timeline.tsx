/**
 * The timeline of a run: one row per exchange in the order they happened (authorize, callback, token,
 * refresh, check), with its step label and under it the method, path and host (wrapped, never clipped), its
 * status (or error code) and time in ms, and a bar for its share of the slowest. A row's step jumps to that exchange's card below.
 */
import { describePolls, formatMs } from '../../../../src-shared/format';
import type { TestRun } from '../../../../src-shared/test-run';
import { exchangeOutcome } from './exchange-outcome';
import { exchangeCardId, focusById } from './focus-target';
import { EXCHANGE_STEP_LABELS } from './step-labels';

/** The path (wrapped, never clipped), the host below it and how many query parameters the card lists. */
function RequestTarget({ method, url }: { method: string; url: string }) {
  let parsed: URL | null = null;
  try {
    parsed = new URL(url);
  } catch {
    // Shown as recorded below.
  }
  const params = parsed ? [...parsed.searchParams.keys()].length : 0;
  return (
    <>
      <span className="timeline__method">{method}</span>{' '}
      <span className="timeline__path">{parsed?.pathname ?? url}</span>
      {parsed ? (
        <span className="timeline__host">
          {parsed.host}
          {params > 0 ? ` · ${params} query parameter${params === 1 ? '' : 's'}` : ''}
        </span>
      ) : null}
    </>
  );
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
            <th scope="col">Step and request</th>
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
                    onClick={() => focusById(exchangeCardId(run.id, index))}
                  >
                    {EXCHANGE_STEP_LABELS[exchange.step]}
                  </button>
                  {/* Under its step, the request has the panel's width to wrap in, not a squeezed column. */}
                  <span className="timeline__request">
                    <RequestTarget method={exchange.request.method} url={exchange.request.url} />
                  </span>
                </th>
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
      {run.polls ? <p className="timeline__polls">{describePolls(run.polls)}.</p> : null}
    </section>
  );
}
