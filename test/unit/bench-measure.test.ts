/** The statistics and budget checks behind BENCHMARKS.md (bench/measure.ts, bench/figures.ts). */
import { describe, expect, it } from 'vitest';
import { atMost, atMostTimes, figure } from '../../bench/figures';
import { percentile, sampleRounds, summarize } from '../../bench/measure';

describe('bench statistics', () => {
  it('takes the nearest-rank median and p95 of unsorted samples', () => {
    const samples = Array.from({ length: 20 }, (_, i) => 20 - i); // 20 … 1
    expect(summarize(samples)).toEqual({ median: 10, p95: 19, n: 20 });
    expect(percentile([7], 95)).toBe(7);
    expect(percentile([3, 1, 2], 50)).toBe(2);
    expect(() => percentile([], 50)).toThrow('no samples');
  });

  it('runs subjects in alternating rounds and drops the warm-up rounds', async () => {
    const order: string[] = [];
    const samples = await sampleRounds(3, [() => order.push('a'), () => order.push('b')], 1);
    expect(order).toEqual(['a', 'b', 'a', 'b', 'a', 'b', 'a', 'b']);
    expect(samples.map((s) => s.length)).toEqual([3, 3]);
    expect(samples.flat().every((ms) => ms >= 0)).toBe(true);
  });

  it('judges budgets on the median, against the baseline measured beside it', () => {
    const f = figure({
      section: 's',
      name: 'n',
      unit: 'ms',
      samples: [100, 120, 400],
      baseline: { name: 'b', samples: [50, 55, 60] },
      budgets: (v, b) => [atMost(v, 150, 'ms'), atMostTimes(v, b, 2)],
    });
    expect(f.value.median).toBe(120);
    expect(f.baseline?.value.median).toBe(55);
    expect(f.budgets).toEqual([
      { label: '≤ 150 ms median', pass: true },
      { label: '≤ 2× baseline (median)', pass: false },
    ]);
    expect(atMostTimes(f.value, undefined, 2).pass).toBe(false);
  });
});
