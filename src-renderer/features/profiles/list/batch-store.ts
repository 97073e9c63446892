/**
 * "Test all" in the renderer (docs/architecture.md, "Test all"): starts a batch (`tests:run-batch`), follows its
 * `test:batch-progress` events — counts, the outcomes that need a look (failed, skipped, cancelled), the summary —
 * and puts each outcome's last Test in the list rows, one list update per event. Cancel: `tests:cancel-batch`.
 */
import { create } from 'zustand';
import {
  countOutcome,
  emptySummary,
  type BatchOutcome,
  type BatchProgress,
  type BatchSummary,
} from '../../../../src-shared/batch';
import { toLastTest, type LastTest } from '../../../../src-shared/last-test';
import { invoke, subscribe, toClientError, type ClientError } from '../../../api/client';
import { useProfilesStore } from '../profiles-store';

interface BatchState {
  batchId: string | null;
  total: number;
  done: number;
  /** Counts so far (the final summary once it ends). */
  counts: BatchSummary | null;
  /** Outcomes other than passed, in the order they finished. */
  notable: BatchOutcome[];
  finished: boolean;
  error: ClientError | null;
  /** Starts a batch of `profileIds`, or of every profile when null. */
  start(profileIds: string[] | null): Promise<void>;
  cancel(): Promise<void>;
  /** Hides the finished batch's panel. */
  close(): void;
}

const idle = { batchId: null, total: 0, done: 0, counts: null, notable: [], finished: false, error: null };

/** The store of the one batch the list shows. */
export const useBatchStore = create<BatchState>((set, get) => ({
  ...idle,
  async start(profileIds) {
    set({ ...idle });
    try {
      const { batchId, total } = await invoke('tests:run-batch', profileIds ? { profileIds } : { all: true });
      // Events of this batch that came before the answer are kept in `early` and applied now.
      set({ batchId, total, counts: emptySummary(batchId, total) });
      for (const p of early.splice(0).filter((e) => e.batchId === batchId)) apply(p);
    } catch (err) {
      set({ error: toClientError(err) });
    }
  },
  async cancel() {
    const { batchId, finished } = get();
    if (batchId && !finished) await invoke('tests:cancel-batch', { batchId }).catch(() => undefined);
  },
  close() {
    set({ ...idle });
  },
}));

const early: BatchProgress[] = [];

function apply(progress: BatchProgress): void {
  const state = useBatchStore.getState();
  if (state.batchId === null) {
    early.push(progress);
    return;
  }
  if (progress.batchId !== state.batchId) return;
  const counts = { ...(state.counts ?? emptySummary(progress.batchId, progress.total)) };
  for (const o of progress.outcomes) countOutcome(counts, o);
  useBatchStore.setState({
    done: progress.done,
    counts: progress.summary ?? counts,
    notable: [...state.notable, ...progress.outcomes.filter((o) => o.status !== 'passed')],
    finished: progress.summary !== undefined,
  });
  const ran = progress.outcomes.flatMap((o) => (o.startedAt ? [[o.profileId, lastTestOf(o)] as const] : []));
  if (ran.length > 0) useProfilesStore.getState().noteLastTests(ran);
}

function lastTestOf(o: BatchOutcome): LastTest {
  return toLastTest({
    ok: o.status === 'passed' ? 1 : 0,
    errorCode: o.status === 'cancelled' ? 'cancelled' : (o.code ?? null),
    oauthError: o.oauthError ?? null,
    startedAt: o.startedAt!,
    durationMs: Math.round(o.durationMs ?? 0),
  });
}

subscribe('test:batch-progress', apply);
