/**
 * The order of a "Test all" batch (docs/architecture.md, "Test all"): a token-exchange profile that takes its
 * subject or actor token from another profile's held token (RFC 8693 §2.1) starts only after each such profile in
 * the same batch has finished. Links within a cycle (A takes from B and B from A, or a profile from itself) are
 * dropped, so a cycle runs as if unordered and never hangs; links to profiles outside the batch impose nothing.
 * Pure: no I/O; services/batch-runner.ts feeds it the links (ProfileService.tokenLinks) and the outcomes.
 */
import type { BatchStatus } from '../../src-shared/batch';
import type { TokenLink } from '../store/profiles-repo';

export type { TokenLink } from '../store/profiles-repo';

/** The profile at the root of a skip: its Test failed or was cancelled, so those taking its token are skipped. */
interface Broken {
  name: string;
  what: 'failed' | 'was cancelled';
}

/** The start order of a batch's profiles and which may start now, as the Tests before them finish. */
export class BatchOrder {
  /** The ids in start order: batch order, each profile's sources moved just before it. */
  readonly order: readonly string[];
  private readonly links = new Map<string, TokenLink[]>();
  private readonly sources = new Set<string>();
  private readonly unstarted: Set<string>;
  private readonly finished = new Map<string, BatchStatus>();
  private readonly broken = new Map<string, Broken>();
  private waiters: (() => void)[] = [];

  /** `ids`: the batch in its order (names sorted, or as asked); `links`: every link, of any profile (filtered here). */
  constructor(ids: readonly string[], links: readonly TokenLink[]) {
    const inBatch = new Set(ids);
    const all = links.filter((l) => inBatch.has(l.id) && inBatch.has(l.sourceId));
    const component = components(ids, all);
    for (const link of all) {
      if (link.sourceId === link.id) continue;
      // The profile's token is written even within a cycle: a dependent that happens to start later reads it.
      this.sources.add(link.sourceId);
      if (component.get(link.id) === component.get(link.sourceId)) continue;
      const list = this.links.get(link.id) ?? [];
      list.push(link);
      this.links.set(link.id, list);
    }
    const position = new Map(ids.map((id, i) => [id, i]));
    for (const list of this.links.values()) list.sort((a, b) => position.get(a.sourceId)! - position.get(b.sourceId)!);
    this.order = startOrder(ids, (id) => (this.links.get(id) ?? []).map((l) => l.sourceId));
    this.unstarted = new Set(this.order);
  }

  /** True when another profile in the batch takes a token from profile `id` (so its Test must write its token). */
  isSource(id: string): boolean {
    return this.sources.has(id);
  }

  /** How many profiles have not been taken yet. */
  get remaining(): number {
    return this.unstarted.size;
  }

  /**
   * Takes the first profile, in start order, whose sources in the batch have all finished, or (`ignoreOrder`, a
   * cancelled batch) the first not taken; undefined when none may start now (or none is left).
   */
  take(ignoreOrder = false): string | undefined {
    for (const id of this.unstarted) {
      if (!ignoreOrder && (this.links.get(id) ?? []).some((l) => !this.finished.has(l.sourceId))) continue;
      this.unstarted.delete(id);
      return id;
    }
    return undefined;
  }

  /**
   * Why profile `id` is skipped rather than tested, one sentence without a full stop, or null: a source in the
   * batch whose Test failed or was cancelled (the exchange cannot pass with no fresh token), or that was itself
   * skipped for such a reason. A source skipped for another reason (one that needs a person) does not skip it: it
   * may hold a token from an earlier Test, and the exchange's own Test says when it does not.
   */
  blocker(id: string): string | null {
    for (const link of this.links.get(id) ?? []) {
      const status = this.finished.get(link.sourceId);
      const via = this.broken.get(link.sourceId);
      const direct = status === 'failed' || status === 'cancelled';
      if (!direct && !via) continue;
      const root: Broken = direct
        ? { name: link.sourceName, what: status === 'failed' ? 'failed' : 'was cancelled' }
        : via!;
      this.broken.set(id, root);
      const why = direct ? `whose Test ${root.what}` : `which was skipped because «${root.name}»’s Test ${root.what}`;
      return `Its ${link.role} token comes from «${link.sourceName}», ${why}`;
    }
    return null;
  }

  /** Records how profile `id`'s Test ended, and wakes those waiting in `changed`. */
  finish(id: string, status: BatchStatus): void {
    this.finished.set(id, status);
    this.wake();
  }

  /** Resolves at the next `finish` or `wake`. */
  changed(): Promise<void> {
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  /** Wakes those waiting in `changed` (e.g. when the batch is cancelled). */
  wake(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const resolve of waiters) resolve();
  }
}

/**
 * Runs `step` for every profile of `order`, at most `concurrency` at once: each worker takes the next profile that
 * may start, and waits only when none may while others run (the links left form no cycle, so one of those is a
 * source that will finish). Once `signal` is aborted the order no longer holds (each is reported cancelled at
 * once). `step` returns how the profile's Test ended; should it throw, the profile counts as failed and the
 * error rejects the returned promise.
 */
export async function runOrdered(
  order: BatchOrder,
  concurrency: number,
  signal: AbortSignal,
  step: (id: string) => Promise<BatchStatus>,
): Promise<void> {
  const wake = () => order.wake();
  signal.addEventListener('abort', wake, { once: true });
  const worker = async () => {
    while (order.remaining > 0) {
      const id = order.take(signal.aborted);
      if (id === undefined) {
        await order.changed();
        continue;
      }
      let status: BatchStatus = 'failed';
      try {
        status = await step(id);
      } finally {
        order.finish(id, status);
      }
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.min(concurrency, order.order.length) }, worker));
  } finally {
    signal.removeEventListener('abort', wake);
  }
}

/** The strongly connected component of each id over the links (Tarjan): a cycle's members share one. */
function components(ids: readonly string[], links: readonly TokenLink[]): Map<string, number> {
  const edges = new Map<string, string[]>();
  for (const l of links) edges.set(l.id, [...(edges.get(l.id) ?? []), l.sourceId]);
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const component = new Map<string, number>();
  let counter = 0;
  const visit = (v: string): void => {
    index.set(v, counter);
    low.set(v, counter++);
    stack.push(v);
    onStack.add(v);
    for (const w of edges.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) !== index.get(v)) return;
    let w: string;
    do {
      w = stack.pop()!;
      onStack.delete(w);
      component.set(w, index.get(v)!);
    } while (w !== v);
  };
  for (const id of ids) if (!index.has(id)) visit(id);
  return component;
}

/** `ids` in their order, each one's sources (no cycle among them) placed before it, depth first. */
function startOrder(ids: readonly string[], sourcesOf: (id: string) => string[]): string[] {
  const placed = new Set<string>();
  const out: string[] = [];
  const place = (id: string): void => {
    if (placed.has(id)) return;
    placed.add(id);
    for (const source of sourcesOf(id)) place(source);
    out.push(id);
  };
  for (const id of ids) place(id);
  return out;
}
