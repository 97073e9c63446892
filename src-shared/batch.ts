/**
 * The vocabulary of "Test all" (docs/architecture.md, "Test all"): what a batch of Tests reports per profile as
 * each finishes, its summary, and the progress event main pushes. Pure: shared by main, the CLI and the renderer.
 */
import type { ErrorCode } from './errors';

/** Concurrency of a batch: how many Tests run at once (default 8, 1–32). */
export const BATCH_CONCURRENCY = { default: 8, min: 1, max: 32 } as const;

/** How one profile's Test in a batch ended. */
export type BatchStatus = 'passed' | 'failed' | 'skipped' | 'cancelled';

/**
 * One profile's outcome in a batch: `durationMs` (ms) for a Test that ran; `code` and `oauthError` (RFC 6749
 * §5.2) when it failed; `reason`, one sentence, when it was skipped or cancelled; `runId` of the stored run.
 */
export interface BatchOutcome {
  profileId: string;
  name: string;
  status: BatchStatus;
  durationMs?: number;
  /** When the Test started (ISO-8601), for a Test that ran. */
  startedAt?: string;
  code?: ErrorCode;
  oauthError?: string;
  reason?: string;
  runId?: string;
}

/** Counts of a batch and its wall time (`durationMs`, ms); `total` is the number of profiles asked for. */
export interface BatchSummary {
  batchId: string;
  total: number;
  passed: number;
  failed: number;
  skipped: number;
  cancelled: number;
  durationMs: number;
}

/**
 * The `test:batch-progress` event: the outcomes that arrived since the previous event (coalesced, about every
 * 100 ms), how many are done of `total`, and the summary once the batch has ended.
 */
export interface BatchProgress {
  batchId: string;
  total: number;
  done: number;
  outcomes: BatchOutcome[];
  summary?: BatchSummary;
}

/** An empty summary of `total` profiles. */
export function emptySummary(batchId: string, total: number): BatchSummary {
  return { batchId, total, passed: 0, failed: 0, skipped: 0, cancelled: 0, durationMs: 0 };
}

/** Counts `outcome` into `summary` (mutates it) and returns it. */
export function countOutcome(summary: BatchSummary, outcome: Pick<BatchOutcome, 'status'>): BatchSummary {
  summary[outcome.status] += 1;
  return summary;
}
