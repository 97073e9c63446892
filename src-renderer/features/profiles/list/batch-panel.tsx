/**
 * The "Test all" region of the list (docs/architecture.md, "Test all"): a progress bar, the counts, the outcomes
 * that need a look (failed with their error code, skipped with the reason, cancelled) — at most 200 shown, the
 * rest counted — Cancel while it runs, and the summary once it ends.
 */
import { lastTestVerdict } from '../../../../src-shared/last-test';
import { useBatchStore } from './batch-store';
import './batch-panel.css';

const SHOWN = 200;

/** The batch panel; renders nothing while no batch was started. */
export function BatchPanel() {
  const { batchId, total, done, counts, notable, finished, error, cancel, close } = useBatchStore();
  if (error)
    return (
      <p className="page-message" role="alert">
        Could not start the Tests: {error.message}
      </p>
    );
  if (!batchId || !counts) return null;
  const percent = total === 0 ? 100 : Math.round((done / total) * 100);
  return (
    <section className="batch-panel" aria-label="Test all">
      <div className="batch-panel__head">
        <progress
          className="batch-panel__bar"
          aria-label="Tests done"
          max={total}
          value={done}
          aria-valuenow={done}
          aria-valuemin={0}
          aria-valuemax={total}
        />
        <span className="batch-panel__counts" role="status">
          {finished ? 'Done: ' : `${done} of ${total} (${percent}%): `}
          {counts.passed} passed, {counts.failed} failed, {counts.skipped} skipped, {counts.cancelled} cancelled
          {finished ? ` in ${(counts.durationMs / 1000).toFixed(1)} s` : ''}
        </span>
        {finished ? (
          <button type="button" className="button button--small" onClick={close}>
            Close
          </button>
        ) : (
          <button type="button" className="button button--small button--danger-ghost" onClick={() => void cancel()}>
            Cancel
          </button>
        )}
      </div>
      {notable.length > 0 ? (
        <ul className="batch-panel__list" aria-label="Tests that did not pass">
          {notable.slice(0, SHOWN).map((o) => (
            <li key={o.profileId} className={`batch-panel__item batch-panel__item--${o.status}`}>
              <span className="batch-panel__name">{o.name}</span>{' '}
              <span className="batch-panel__verdict">
                {o.status === 'failed'
                  ? lastTestVerdict({ ok: false, code: o.code, oauthError: o.oauthError, startedAt: '', durationMs: 0 })
                  : o.status === 'skipped'
                    ? 'Skipped'
                    : 'Cancelled'}
              </span>
              {o.reason ? <span className="batch-panel__reason muted"> — {o.reason}</span> : null}
            </li>
          ))}
          {notable.length > SHOWN ? <li className="muted">and {notable.length - SHOWN} more</li> : null}
        </ul>
      ) : null}
    </section>
  );
}
