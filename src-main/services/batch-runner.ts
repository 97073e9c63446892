/**
 * "Test all" (docs/architecture.md, "Test all"): runs the Tests of many profiles through the TestRunner with
 * bounded concurrency, reports each outcome as it finishes (progress events coalesced about every 100 ms), skips
 * the profiles that need a person (batch-skip.ts), and cancels as a whole: running Tests are aborted, the rest are
 * reported cancelled without being started. A profile whose Test is already running is skipped, not awaited. A
 * token exchange starts after the profiles of the batch it takes tokens from (batch-order.ts).
 */
import { randomUUID } from 'node:crypto';
import { AppError } from '../../src-shared/errors';
import {
  BATCH_CONCURRENCY,
  countOutcome,
  emptySummary,
  type BatchOutcome,
  type BatchProgress,
  type BatchSummary,
} from '../../src-shared/batch';
import { personNeeded } from '../../src-shared/needs-person';
import type { ProfileInput } from '../../src-shared/profile';
import type { TestRun } from '../../src-shared/test-run';
import { BatchOrder, runOrdered } from './batch-order';
import { skipReason } from './batch-skip';
import type { ProfileService } from './profiles';
import type { TestRunner } from './test-runner';

/** The services a batch uses; `onProgress` hears coalesced progress, `flushMs` (ms, default 100) its period. */
export interface BatchRunnerDeps {
  tests: TestRunner;
  profiles: ProfileService;
  onProgress?: (progress: BatchProgress) => void;
  flushMs?: number;
  now?: () => Date;
}

/** Which profiles to test (`all`, else `profileIds` in that order), how many at once, each request's deadline (ms). */
export interface BatchRequest {
  profileIds?: readonly string[];
  all?: boolean;
  concurrency?: number;
  timeoutMs?: number;
}

/** A batch's summary and every outcome, in the order they finished. */
export interface BatchResult {
  summary: BatchSummary;
  outcomes: BatchOutcome[];
}

/** A started batch: its id, how many profiles it holds, and its result once it ends (never rejects). */
export interface StartedBatch {
  batchId: string;
  total: number;
  done: Promise<BatchResult>;
}

/** Runs batches of Tests; each batch can be cancelled by its id. */
export class BatchRunner {
  private readonly batches = new Map<string, AbortController>();

  constructor(private readonly deps: BatchRunnerDeps) {}

  /**
   * Starts a batch and returns at once; outcomes go to `onOutcome` and, coalesced, to deps.onProgress.
   * Throws AppError('invalid_request') for a concurrency outside 1–32, or not exactly one of ids and `all`.
   */
  async start(request: BatchRequest, onOutcome?: (outcome: BatchOutcome) => void): Promise<StartedBatch> {
    const concurrency = request.concurrency ?? BATCH_CONCURRENCY.default;
    if (!Number.isInteger(concurrency) || concurrency < BATCH_CONCURRENCY.min || concurrency > BATCH_CONCURRENCY.max)
      throw new AppError('invalid_request', `Concurrency must be a whole number from 1 to ${BATCH_CONCURRENCY.max}`);
    if (request.all ? request.profileIds !== undefined : !request.profileIds?.length)
      throw new AppError('invalid_request', 'Name the profiles to test, or test all of them (not both)');
    // The database alone gives the ids (sorted by name); no keychain listing, which with libsecret reads every
    // value of the service one by one (seconds with thousands of entries). Each Test reads its own secrets.
    const ids = request.all ? this.deps.profiles.ids() : [...new Set(request.profileIds)];
    const batchId = randomUUID();
    const controller = new AbortController();
    this.batches.set(batchId, controller);
    const done = this.runAll(batchId, ids, { ...request, concurrency }, controller.signal, onOutcome).finally(() =>
      this.batches.delete(batchId),
    );
    return { batchId, total: ids.length, done };
  }

  /** Starts a batch and waits for its result; `signal` cancels it. Throws as `start` does. */
  async run(
    request: BatchRequest,
    options: { signal?: AbortSignal; onOutcome?: (outcome: BatchOutcome) => void } = {},
  ): Promise<BatchResult> {
    const started = await this.start(request, options.onOutcome);
    const onAbort = () => this.cancel(started.batchId);
    if (options.signal?.aborted) onAbort();
    options.signal?.addEventListener('abort', onAbort, { once: true });
    try {
      return await started.done;
    } finally {
      options.signal?.removeEventListener('abort', onAbort);
    }
  }

  /** Cancels batch `batchId`: aborts its running Tests, starts no more; false when no such batch is running. */
  cancel(batchId: string): boolean {
    const controller = this.batches.get(batchId);
    controller?.abort();
    return controller !== undefined;
  }

  private async runAll(
    batchId: string,
    ids: readonly string[],
    request: BatchRequest & { concurrency: number },
    signal: AbortSignal,
    onOutcome?: (outcome: BatchOutcome) => void,
  ): Promise<BatchResult> {
    const started = performance.now();
    const summary = emptySummary(batchId, ids.length);
    const outcomes: BatchOutcome[] = [];
    const progress = new ProgressCoalescer(batchId, ids.length, this.deps.flushMs ?? 100, this.deps.onProgress);
    // A profile another one in the batch takes its token from runs first (batch-order.ts), and writes its token.
    const order = new BatchOrder(ids, this.deps.profiles.tokenLinks());
    await runOrdered(order, request.concurrency, signal, async (id) => {
      const outcome = signal.aborted
        ? cancelledBeforeStart(id, this.fieldsOf(id)?.name ?? id)
        : await this.testOne(id, request, signal, order);
      outcomes.push(outcome);
      countOutcome(summary, outcome);
      onOutcome?.(outcome);
      progress.add(outcome);
      return outcome.status;
    });
    summary.durationMs = Math.round(performance.now() - started);
    progress.end(summary);
    return { summary, outcomes };
  }

  /** The stored fields of profile `id` (the database alone), or undefined when it no longer exists. */
  private fieldsOf(id: string): ProfileInput | undefined {
    try {
      return this.deps.profiles.fields(id);
    } catch (err) {
      if (err instanceof AppError && err.code === 'not_found') return undefined;
      throw err;
    }
  }

  /**
   * One profile's outcome: skipped, or its Test run (a Test that could not start is reported, never thrown). A
   * profile that needs a person, or whose token source in the batch failed (`order.blocker`), is skipped before any
   * keychain read; otherwise its Test's secrets are read once, for the skip rule and the Test, and a held token that
   * is still good is kept (RunOptions.keepValidHeldToken), unless another profile in the batch takes it.
   */
  private async testOne(
    id: string,
    request: BatchRequest,
    signal: AbortSignal,
    order: BatchOrder,
  ): Promise<BatchOutcome> {
    const fields = this.fieldsOf(id);
    if (!fields)
      return { profileId: id, name: id, status: 'skipped', reason: 'No such profile (it may have been deleted)' };
    const { name } = fields;
    try {
      const person = personNeeded(fields);
      if (person) return { profileId: id, name, status: 'skipped', reason: person };
      const blocked = order.blocker(id);
      if (blocked) return { profileId: id, name, status: 'skipped', reason: blocked };
      const loaded = await this.deps.profiles.getWithSecrets(id);
      const reason = await skipReason({
        row: loaded.view,
        fields,
        loadToken: () => this.deps.tests.tokens.load(id),
        now: this.deps.now?.() ?? new Date(),
      });
      if (reason) return { profileId: id, name, status: 'skipped', reason };
      const options = {
        signal,
        // A token another profile in the batch will exchange is written, as after a single Test.
        keepValidHeldToken: !order.isSource(id),
        ...(request.timeoutMs ? { timeoutMs: request.timeoutMs } : {}),
      };
      return fromRun(await this.deps.tests.run(id, options, loaded), name);
    } catch (err) {
      if (err instanceof AppError && err.code === 'conflict')
        return { profileId: id, name, status: 'skipped', reason: 'A Test of this profile is already running' };
      if (err instanceof AppError && (err.code === 'not_found' || err.code === 'not_configured'))
        return { profileId: id, name, status: 'skipped', reason: err.message };
      const code = err instanceof AppError ? err.code : 'internal';
      const reason = err instanceof AppError ? err.message : 'The Test could not start';
      return { profileId: id, name, status: 'failed', code, reason };
    }
  }
}

/** The outcome of a stored run: passed, cancelled, or failed with its error code and the IdP's `error`. */
function fromRun(run: TestRun, name: string): BatchOutcome {
  const base = { profileId: run.profileId, name, durationMs: run.durationMs, startedAt: run.startedAt, runId: run.id };
  if (run.ok) return { ...base, status: 'passed' };
  if (run.error?.code === 'cancelled') return { ...base, status: 'cancelled', reason: 'Cancelled while it ran' };
  return {
    ...base,
    status: 'failed',
    code: run.error?.code ?? 'internal',
    ...(run.error?.oauthError ? { oauthError: run.error.oauthError } : {}),
    ...(run.error?.message ? { reason: run.error.message } : {}),
  };
}

function cancelledBeforeStart(profileId: string, name: string): BatchOutcome {
  return { profileId, name, status: 'cancelled', reason: 'The batch was cancelled before this Test started' };
}

/** Collects outcomes and hands them on at most once per `flushMs`, and once more with the summary at the end. */
class ProgressCoalescer {
  private pending: BatchOutcome[] = [];
  private done = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly batchId: string,
    private readonly total: number,
    private readonly flushMs: number,
    private readonly emit?: (progress: BatchProgress) => void,
  ) {}

  add(outcome: BatchOutcome): void {
    this.done += 1;
    if (!this.emit) return;
    this.pending.push(outcome);
    this.timer ??= setTimeout(() => this.flush(), this.flushMs);
  }

  end(summary: BatchSummary): void {
    this.flush(summary);
  }

  private flush(summary?: BatchSummary): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    const outcomes = this.pending;
    this.pending = [];
    this.emit?.({
      batchId: this.batchId,
      total: this.total,
      done: this.done,
      outcomes,
      ...(summary ? { summary } : {}),
    });
  }
}
