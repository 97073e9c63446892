/**
 * The verdict of a Test: Passed, or Failed with our message, the IdP's RFC 6749 §5.2 `error` and
 * `error_description`, the diagnosis and hint when main could tell what went wrong, and a link to the exchange
 * it failed at (whose card does not repeat the message).
 */
import { formatMs } from '../../../../src-shared/format';
import type { TestRun } from '../../../../src-shared/test-run';
import { failingExchangeIndex } from './failing-exchange';
import { exchangeCardId, focusById, verdictId } from './focus-target';
import { RunWarnings } from './run-warnings';
import { TokenSourceLine } from './token-source-line';
import { ToolFindings } from './tool-findings';
import { EXCHANGE_STEP_LABELS } from './step-labels';
import { OverridesUsed, TryVariant } from './variant-actions';

/** "Failed at: Token request (2)", a link that scrolls to and focuses that exchange's card. */
function FailingExchangeLink({ run }: { run: TestRun }) {
  const index = failingExchangeIndex(run);
  const exchange = index === null ? undefined : run.exchanges[index];
  if (index === null || !exchange) return null;
  return (
    <p className="verdict__exchange">
      {run.error?.code === 'cancelled' ? 'Stopped at' : 'Failed at'}{' '}
      <button type="button" className="link-button" onClick={() => focusById(exchangeCardId(run.id, index))}>
        {EXCHANGE_STEP_LABELS[exchange.step]} ({index + 1})
      </button>
    </p>
  );
}

/** The verdict block of a TestRun. */
export function Verdict({ run }: { run: TestRun }) {
  const when = new Date(run.startedAt).toLocaleTimeString();
  if (run.ok) {
    return (
      <div id={verdictId(run.id)} tabIndex={-1} className="verdict verdict--passed" role="status">
        <p className="verdict__line">
          <span className="verdict__label">Passed</span>
          <span className="verdict__meta">
            {formatMs(run.durationMs)} · {when}
          </span>
        </p>
        <TokenSourceLine run={run} />
        {run.token?.issuedTokenType ? (
          <p className="verdict__issued">
            Issued token type (RFC 8693): <code>{run.token.issuedTokenType}</code>
          </p>
        ) : null}
        <ToolFindings run={run} />
        <OverridesUsed run={run} />
        <RunWarnings run={run} />
      </div>
    );
  }
  const { error } = run;
  // A Test the user cancelled did not fail: say so, without the alarm colour.
  const cancelled = error?.code === 'cancelled';
  return (
    <div
      id={verdictId(run.id)}
      tabIndex={-1}
      className={`verdict ${cancelled ? 'verdict--cancelled' : 'verdict--failed'}`}
      role="status"
    >
      <p className="verdict__line">
        <span className="verdict__label">{cancelled ? 'Cancelled' : 'Failed'}</span>
        <span className="verdict__message">{error?.message ?? 'The Test failed.'}</span>
      </p>
      <FailingExchangeLink run={run} />
      <TokenSourceLine run={run} />
      {error?.oauthError ? (
        <p className="verdict__oauth">
          <code className="oauth-code">{error.oauthError}</code>
          {/* Said once: when the diagnosis quotes the IdP's description, it is not repeated here. */}
          {error.oauthErrorDescription && !error.diagnosis?.includes(error.oauthErrorDescription) ? (
            <span> {error.oauthErrorDescription}</span>
          ) : null}
        </p>
      ) : null}
      {error?.diagnosis || error?.hint ? (
        <dl className="verdict__diagnosis">
          {error.diagnosis ? (
            <>
              <dt>Diagnosis</dt>
              <dd>{error.diagnosis}</dd>
            </>
          ) : null}
          {error.hint ? (
            <>
              <dt>Try</dt>
              <dd>{error.hint}</dd>
            </>
          ) : null}
        </dl>
      ) : null}
      <TryVariant run={run} />
      <OverridesUsed run={run} />
      <RunWarnings run={run} />
      <p className="verdict__meta">
        {error?.code ? <code>{error.code}</code> : null} · {formatMs(run.durationMs)} · {when}
      </p>
    </div>
  );
}
