/**
 * The order of a "Test all" batch (src-main/services/batch-order.ts; docs/architecture.md, "Test all"): sources
 * first, cycles and outside links ignored, the skip reasons of a failed source, and runOrdered with steps that end
 * when the test says — the concurrency bound, no idle worker while work may start, no hang on a cycle, Cancel.
 */
import { describe, expect, it } from 'vitest';
import type { BatchStatus } from '../../src-shared/batch';
import { BatchOrder, runOrdered, type TokenLink } from '../../src-main/services/batch-order';

const link = (id: string, sourceId: string, role: TokenLink['role'] = 'subject'): TokenLink => ({
  id,
  role,
  sourceId,
  sourceName: sourceId.toUpperCase(),
});

/** Takes every profile that may start now. */
function takeAll(order: BatchOrder, ignoreOrder = false): string[] {
  const out: string[] = [];
  for (let id = order.take(ignoreOrder); id !== undefined; id = order.take(ignoreOrder)) out.push(id);
  return out;
}

/** A step per profile that ends with `status` when `end(id)` is called; tracks how many run at once. */
function controlledSteps(statuses: Record<string, BatchStatus> = {}) {
  const pending = new Map<string, () => void>();
  const started: string[] = [];
  let running = 0;
  let maxRunning = 0;
  const step = async (id: string): Promise<BatchStatus> => {
    started.push(id);
    maxRunning = Math.max(maxRunning, ++running);
    await new Promise<void>((resolve) => pending.set(id, resolve));
    running -= 1;
    return statuses[id] ?? 'passed';
  };
  const end = async (id: string) => {
    await expect.poll(() => pending.has(id), { timeout: 1_000 }).toBe(true);
    pending.get(id)!();
    pending.delete(id);
    await new Promise((r) => setImmediate(r));
  };
  return { step, end, started, pending, maxRunning: () => maxRunning };
}

describe('BatchOrder', () => {
  it('moves each source just before its first dependent, keeps the rest in batch order', () => {
    const order = new BatchOrder(['a', 'b', 'c', 'z'], [link('a', 'z'), link('c', 'b', 'actor')]);
    expect(order.order).toEqual(['z', 'a', 'b', 'c']);
    expect(['z', 'b', 'a', 'c'].map((id) => order.isSource(id))).toEqual([true, true, false, false]);
  });

  it('lets a dependent start only after all of its sources finished (passed, failed, skipped or cancelled)', () => {
    const order = new BatchOrder(['x', 's', 't', 'free'], [link('x', 's'), link('x', 't', 'actor')]);
    expect(takeAll(order)).toEqual(['s', 't', 'free']);
    expect(order.take()).toBeUndefined();
    order.finish('s', 'skipped');
    expect(order.take()).toBeUndefined();
    order.finish('t', 'cancelled');
    expect(order.take()).toBe('x');
    expect(order.remaining).toBe(0);
  });

  it('ignores links to profiles outside the batch', () => {
    const order = new BatchOrder(['x', 'y'], [link('x', 'elsewhere'), link('elsewhere', 'y')]);
    expect(order.order).toEqual(['x', 'y']);
    expect(takeAll(order)).toEqual(['x', 'y']);
    expect(order.isSource('y')).toBe(false);
  });

  it('drops the links of a cycle and of a profile to itself, keeps a link into a cycle', () => {
    const links = [link('a', 'b'), link('b', 'c'), link('c', 'a'), link('d', 'a'), link('s', 's')];
    const order = new BatchOrder(['a', 'b', 'c', 'd', 's'], links);
    expect(takeAll(order)).toEqual(['a', 'b', 'c', 's']);
    order.finish('a', 'failed');
    expect(order.take()).toBe('d');
    expect(order.isSource('s')).toBe(false);
    expect(order.isSource('c')).toBe(true);
  });

  it('a failed or cancelled source skips its dependents with the reason, a skipped one does not', () => {
    const links = [link('x', 'f'), link('y', 'c', 'actor'), link('z', 'p'), link('w', 'x')];
    const order = new BatchOrder(['f', 'c', 'p', 'x', 'y', 'z', 'w'], links);
    order.finish('f', 'failed');
    order.finish('c', 'cancelled');
    order.finish('p', 'skipped');
    expect(order.blocker('x')).toBe('Its subject token comes from «F», whose Test failed');
    expect(order.blocker('y')).toBe('Its actor token comes from «C», whose Test was cancelled');
    expect(order.blocker('z')).toBeNull();
    order.finish('x', 'skipped');
    expect(order.blocker('w')).toBe('Its subject token comes from «X», which was skipped because «F»’s Test failed');
    expect(order.blocker('f')).toBeNull();
  });
});

describe('runOrdered', () => {
  it('runs independent profiles side by side within the bound, and a dependent after its source', async () => {
    const ids = ['x', 'a', 'b', 'c', 's'];
    const order = new BatchOrder(ids, [link('x', 's')]);
    const steps = controlledSteps();
    const done = runOrdered(order, 2, new AbortController().signal, steps.step);
    await expect.poll(() => steps.started).toEqual(['s', 'a']);
    await steps.end('a');
    // The worker freed by a does not wait for s: it takes b, the next that may start.
    await expect.poll(() => steps.started).toEqual(['s', 'a', 'b']);
    await steps.end('s');
    await expect.poll(() => steps.started).toEqual(['s', 'a', 'b', 'x']);
    await steps.end('b');
    await steps.end('x');
    await steps.end('c');
    await done;
    expect(steps.started).toEqual(['s', 'a', 'b', 'x', 'c']);
    expect(steps.maxRunning()).toBe(2);
  });

  it('at concurrency 1, each source runs before those that take its token', async () => {
    const order = new BatchOrder(['a', 'b', 'c'], [link('a', 'c'), link('c', 'b')]);
    const seen: string[] = [];
    await runOrdered(order, 1, new AbortController().signal, async (id) => (seen.push(id), 'passed'));
    expect(seen).toEqual(['b', 'c', 'a']);
  });

  it('does not hang on a cycle or a self link, at any concurrency', async () => {
    for (const concurrency of [1, 2, 8]) {
      const links = [link('a', 'b'), link('b', 'a'), link('c', 'c'), link('d', 'a')];
      const order = new BatchOrder(['a', 'b', 'c', 'd'], links);
      const seen: string[] = [];
      await runOrdered(order, concurrency, new AbortController().signal, async (id) => (seen.push(id), 'failed'));
      expect(seen.sort()).toEqual(['a', 'b', 'c', 'd']);
    }
  }, 5_000);

  it('once cancelled, wakes the waiting workers and hands out every profile left, order ignored', async () => {
    const order = new BatchOrder(['x', 'y', 's'], [link('x', 's'), link('y', 's')]);
    const controller = new AbortController();
    const steps = controlledSteps();
    const done = runOrdered(order, 3, controller.signal, async (id) =>
      controller.signal.aborted ? 'cancelled' : steps.step(id),
    );
    await expect.poll(() => steps.started).toEqual(['s']);
    controller.abort();
    // x and y are handed out while s still runs (the runner reports them cancelled without starting them).
    await expect.poll(() => order.remaining).toBe(0);
    await steps.end('s');
    await done;
    expect(steps.started).toEqual(['s']);
  });
});
