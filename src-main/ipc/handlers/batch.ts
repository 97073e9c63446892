/** `tests:run-batch` and `tests:cancel-batch` (docs/architecture.md, "Test all"). */
import type { BatchRunner } from '../../services/batch-runner';
import type { HandlerSlice } from '../router';

/** The channels of this slice. */
export type BatchChannels = 'tests:run-batch' | 'tests:cancel-batch';

/** Handlers over the batch runner: a batch answers with its id at once; its outcomes come as `test:batch-progress`. */
export function batchHandlers(batches: BatchRunner): HandlerSlice<BatchChannels> {
  return {
    'tests:run-batch': async ({ profileIds, all, concurrency }) => {
      const { batchId, total } = await batches.start({
        ...(all ? { all: true } : {}),
        ...(profileIds ? { profileIds } : {}),
        ...(concurrency !== undefined ? { concurrency } : {}),
      });
      return { batchId, total };
    },
    'tests:cancel-batch': ({ batchId }) => ({ cancelled: batches.cancel(batchId) }),
  };
}
