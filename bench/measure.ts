/**
 * Raw-sample statistics for the benchmarks: each figure is the median and p95 (nearest rank) of samples in
 * ms, MB or KB, taken in rounds that alternate the subject and its baseline so both see the same machine load.
 */

/** Median and 95th percentile (nearest rank) of `n` samples, in the samples' unit. */
export interface Summary {
  median: number;
  p95: number;
  n: number;
}

/** The nearest-rank percentile `p` (0–100) of `samples`; throws on an empty list. */
export function percentile(samples: number[], p: number): number {
  if (samples.length === 0) throw new Error('no samples');
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

/** Median and p95 of `samples`; throws on an empty list. */
export function summarize(samples: number[]): Summary {
  return { median: percentile(samples, 50), p95: percentile(samples, 95), n: samples.length };
}

/**
 * Runs every function of `subjects` once per round, `warmup` unrecorded rounds then `rounds` recorded ones,
 * and returns each one's wall-clock durations in ms (performance.now), in the order given.
 */
export async function sampleRounds(rounds: number, subjects: Array<() => unknown>, warmup = 2): Promise<number[][]> {
  const samples = subjects.map(() => [] as number[]);
  for (let round = 0; round < warmup + rounds; round++) {
    for (const [i, subject] of subjects.entries()) {
      const start = performance.now();
      await subject();
      const elapsed = performance.now() - start;
      if (round >= warmup) samples[i]!.push(elapsed);
    }
  }
  return samples;
}
