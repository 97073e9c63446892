/**
 * "Test selected (N)" when rows are ticked, else "Test all" (docs/architecture.md, "Test all"): starts a batch
 * through the batch store; disabled while one runs.
 */
import { useBatchStore } from './batch-store';

/** The list's batch button, beside the profile count. */
export function TestAllButton({ selectedIds }: { selectedIds: readonly string[] }) {
  const running = useBatchStore((s) => s.batchId !== null && !s.finished);
  const start = useBatchStore((s) => s.start);
  const n = selectedIds.length;
  return (
    <button
      type="button"
      className="button button--small"
      disabled={running}
      title="Test all does not replace the held tokens of client-credentials profiles."
      onClick={() => void start(n > 0 ? [...selectedIds] : null)}
    >
      {n > 0 ? `Test selected (${n})` : 'Test all'}
    </button>
  );
}
