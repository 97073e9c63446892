/**
 * The last stored runs of a profile (`runs:list`, newest first): when, what (Test or Refresh), the
 * verdict, the error code and the duration. Picking one shows it in the panel, so a failing run can be
 * compared with a passing one; "Show latest" goes back. Ticking two runs and pressing Compare opens the
 * Compare view (../compare/).
 */
import { describeOverrides } from '../../../../src-shared/profile-overrides';
import { formatMs } from '../../../../src-shared/format';
import type { TestRun } from '../../../../src-shared/test-run';
import { TOKEN_TOOL_INFO } from '../../../../src-shared/token-tools';
import { localDateTime } from '../token/token-time';

interface RunHistoryProps {
  history: TestRun[];
  /** The run shown in the panel. */
  shownId: string | null;
  onShow(run: TestRun): void;
  /** Ids of the runs ticked for Compare (at most two). */
  picked?: string[];
  onPick?(runId: string): void;
  onCompare?(): void;
}

/** "Refresh" for a run made only of refresh exchanges (Refresh now), the tool's title for a token-tool run, else "Test". */
export function runKind(run: TestRun): string {
  if (run.tool) return TOKEN_TOOL_INFO[run.tool.tool].title;
  return run.exchanges.length > 0 && run.exchanges.every((e) => e.step === 'refresh') ? 'Refresh' : 'Test';
}

/** "Passed", "Failed" or "Cancelled". */
export function runVerdict(run: TestRun): 'Passed' | 'Failed' | 'Cancelled' {
  if (run.ok) return 'Passed';
  return run.error?.code === 'cancelled' ? 'Cancelled' : 'Failed';
}

/** "Compare" for two ticked runs; until then it says how many more to tick. */
function CompareButton({ picked, onCompare }: { picked: number; onCompare(): void }) {
  return (
    <span className="run-history__compare">
      {picked < 2 ? <span className="muted">Tick {picked === 0 ? 'two runs' : 'one more run'} to compare</span> : null}
      <button type="button" className="button button--small" disabled={picked < 2} onClick={onCompare}>
        Compare
      </button>
    </span>
  );
}

/** The history table; nothing when no run is stored. */
export function RunHistory({ history, shownId, onShow, picked = [], onPick, onCompare }: RunHistoryProps) {
  if (history.length === 0) return null;
  return (
    <section className="run-history" aria-labelledby="run-history-title">
      <div className="run-history__head">
        <h3 id="run-history-title" className="subsection-title">
          History
        </h3>
        {onCompare && history.length > 1 ? <CompareButton picked={picked.length} onCompare={onCompare} /> : null}
      </div>
      <div className="run-history__scroll">
        <table className="run-history__table">
          <caption className="visually-hidden">
            The last {history.length} runs, newest first. Pick one to show it.
          </caption>
          <thead>
            <tr>
              {onPick ? (
                <th scope="col" className="run-history__pick">
                  <span className="visually-hidden">Compare</span>
                </th>
              ) : null}
              <th scope="col">When</th>
              <th scope="col">Run</th>
              <th scope="col">Verdict</th>
              <th scope="col">Error</th>
              <th scope="col" className="run-history__ms">
                Time
              </th>
            </tr>
          </thead>
          <tbody>
            {history.map((run) => {
              const verdict = runVerdict(run);
              const shown = run.id === shownId;
              return (
                <tr key={run.id} className={shown ? 'run-history__row--shown' : undefined}>
                  {onPick ? (
                    <td className="run-history__pick">
                      <input
                        type="checkbox"
                        aria-label={`Compare the run of ${localDateTime(run.startedAt)}`}
                        checked={picked.includes(run.id)}
                        onChange={() => onPick(run.id)}
                      />
                    </td>
                  ) : null}
                  <th scope="row">
                    <button
                      type="button"
                      className="link-button"
                      aria-current={shown ? 'true' : undefined}
                      onClick={() => onShow(run)}
                    >
                      {localDateTime(run.startedAt)}
                    </button>
                  </th>
                  <td>
                    {runKind(run)}
                    {run.overrides ? <span className="muted"> with {describeOverrides(run.overrides)}</span> : null}
                  </td>
                  <td>
                    <span className={`run-badge run-badge--${verdict.toLowerCase()}`}>{verdict}</span>
                  </td>
                  <td>
                    {run.error ? (
                      <code>{run.error.oauthError ?? run.error.code}</code>
                    ) : (
                      <span className="muted">—</span>
                    )}
                  </td>
                  <td className="run-history__ms">{formatMs(run.durationMs)}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </section>
  );
}
