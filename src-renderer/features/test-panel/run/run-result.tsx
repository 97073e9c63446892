/**
 * The result of the run shown in the Test panel: a banner when it was picked from the history, the
 * verdict, the timeline, its exports (HAR, cURL, support bundle), and — for a run from the history — the token it obtained.
 */
import type { TestRun } from '../../../../src-shared/test-run';
import { localDateTime } from '../token/token-time';
import { TokenSummary } from '../token/token-summary';
import { RunActions } from './run-actions';
import { Timeline } from './timeline';
import { Verdict } from './verdict';

function PinnedBanner({ run, onLatest }: { run: TestRun; onLatest(): void }) {
  return (
    <div className="pinned-banner" role="note">
      <span>
        Showing the run of <strong>{localDateTime(run.startedAt)}</strong> from the history.
      </span>
      <button type="button" className="button button--small" onClick={onLatest}>
        Show latest
      </button>
    </div>
  );
}

/** Verdict, timeline and exports of `run`; `pinned` when it was picked from the history. */
export function RunResult({ run, pinned, onLatest }: { run: TestRun; pinned: boolean; onLatest(): void }) {
  return (
    <>
      {pinned ? <PinnedBanner run={run} onLatest={onLatest} /> : null}
      <Verdict run={run} />
      <Timeline run={run} />
      <RunActions run={run} />
      {pinned && run.token ? <TokenSummary token={run.token} title="Token in this run" /> : null}
    </>
  );
}
