/**
 * The warnings of a run (PKCE plain, the legacy password grant): shown whether it passed or not.
 */
import type { TestRun } from '../../../../src-shared/test-run';

/** The run's warnings as a list (nothing when it has none). */
export function RunWarnings({ run }: { run: TestRun }) {
  if (!run.warnings?.length) return null;
  return (
    <ul className="verdict__warnings" aria-label="Warnings">
      {run.warnings.map((w) => (
        <li key={w}>⚠ {w}</li>
      ))}
    </ul>
  );
}
