/** Prints each benchmark's mean latency as a ratio to the baseline measured in the same run. */
export function reportRatios(
  title: string,
  get: (name: string) => { latency: { mean: number } },
  baseline: string,
  others: string[],
): void {
  const base = get(baseline).latency.mean;
  const lines = others.map((name) => {
    const mean = get(name).latency.mean;
    return `  ${name}: ${mean.toFixed(2)} ms mean = ${(mean / base).toFixed(2)}x the baseline`;
  });
  console.log(`${title}\n  baseline "${baseline}": ${base.toFixed(2)} ms mean\n${lines.join('\n')}`);
}
