/**
 * One exchange step in a run comparison, matched by step and order (docs/architecture.md, "The Test panel"):
 * its title, whether only one run has it, and each section that differs; a step where nothing differs shows
 * "No change" with all its sections collapsed.
 */
import type { StepDiff } from '../../../../src-shared/run-diff';
import { DiffTable } from './diff-table';

const PRESENCE: Record<StepDiff['presence'], string | null> = {
  both: null,
  before: 'Only in run A',
  after: 'Only in run B',
};

/** The comparison of one step (`diff.label`, e.g. "Token request"). */
export function CompareStep({ diff }: { diff: StepDiff }) {
  const items = diff.sections.flatMap((s) => s.items);
  const differing = items.filter((i) => i.kind !== 'unchanged' && i.kind !== 'varies').length;
  const headingId = `compare-step-${diff.step}-${diff.occurrence}`;
  return (
    <section className="compare__step" aria-labelledby={headingId}>
      <h4 id={headingId} className="compare__step-title">
        {diff.label}
        <span className="compare__step-note">
          {PRESENCE[diff.presence] ??
            (differing === 0 ? 'No change' : `${differing} ${differing === 1 ? 'difference' : 'differences'}`)}
        </span>
      </h4>
      {diff.sections.map((section) => (
        <DiffTable key={section.title} section={section} />
      ))}
    </section>
  );
}
