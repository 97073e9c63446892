/**
 * The Compare view of the Test panel: two stored runs of a profile, the earlier as run A and the later as
 * run B, with what changed in the outcome and in each exchange (src-shared/run-diff.ts). It replaces the run
 * shown until Close or Escape; focus moves to its heading when it opens.
 */
import { useEffect, useMemo, useRef } from 'react';
import { countsLine, diffRuns } from '../../../../src-shared/run-diff';
import type { TestRun } from '../../../../src-shared/test-run';
import { runVerdict } from '../run/run-history';
import { localDateTime } from '../token/token-time';
import { CompareStep } from './compare-step';
import { DiffTable } from './diff-table';
import './compare.css';

interface CompareViewProps {
  /** The earlier run (A) and the later one (B). */
  pair: [TestRun, TestRun];
  onClose(): void;
}

function RunLabel({ name, run }: { name: string; run: TestRun }) {
  const verdict = runVerdict(run);
  return (
    <li>
      <strong>{name}</strong> {localDateTime(run.startedAt)}{' '}
      <span className={`run-badge run-badge--${verdict.toLowerCase()}`}>{verdict}</span>
    </li>
  );
}

/** Runs A and B side by side, item by item; Close or Escape ends the comparison. */
export function CompareView({ pair, onClose }: CompareViewProps) {
  const [before, after] = pair;
  const diff = useMemo(() => diffRuns(before, after), [before, after]);
  const heading = useRef<HTMLHeadingElement>(null);

  useEffect(() => heading.current?.focus(), [before.id, after.id]);
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== 'Escape' || event.defaultPrevented || document.querySelector('dialog[open]')) return;
      event.preventDefault();
      onClose();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [onClose]);

  return (
    <section className="compare" aria-labelledby="compare-title">
      <div className="compare__head">
        <h3 id="compare-title" className="subsection-title" tabIndex={-1} ref={heading}>
          Compare runs
        </h3>
        <button type="button" className="button button--small" onClick={onClose}>
          Close
        </button>
      </div>
      <ul className="compare__runs">
        <RunLabel name="Run A" run={before} />
        <RunLabel name="Run B" run={after} />
      </ul>
      <p className="compare__counts">{countsLine(diff.counts)}</p>
      <DiffTable section={diff.outcome} />
      {diff.steps.map((step) => (
        <CompareStep key={`${step.step}-${step.occurrence}`} diff={step} />
      ))}
    </section>
  );
}
