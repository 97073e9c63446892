/**
 * The figures a bench file measured, written as JSON to the results dir (test-results/bench, or
 * $AUTHBENCH_BENCH_RESULTS) for bench/write-report.mjs to turn into BENCHMARKS.md (docs/architecture.md,
 * "Benchmarks").
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { summarize, type Summary } from './measure';

/** One budget of a figure (e.g. "≤ 150 ms median") and whether this run met it. */
export interface Budget {
  label: string;
  pass: boolean;
}

/** One measured figure beside its baseline; `unit` is ms, KB (1,024 bytes) or MB (1,048,576 bytes). */
export interface Figure {
  /** Orders and groups the report, e.g. "1. CLI Test". */
  section: string;
  name: string;
  unit: 'ms' | 'KB' | 'MB';
  value: Summary;
  baseline?: { name: string; value: Summary };
  budgets: Budget[];
  /** How it was measured, one sentence. */
  note?: string;
}

/** The directory the bench files write to and the report reads from. */
export const RESULTS_DIR = resolve(process.env.AUTHBENCH_BENCH_RESULTS ?? join(__dirname, '../test-results/bench'));

/** A figure from raw samples, with its baseline's samples when given; `budgets` judges the summaries. */
export function figure(
  fields: Omit<Figure, 'value' | 'baseline' | 'budgets'> & {
    samples: number[];
    baseline?: { name: string; samples: number[] };
    budgets: (value: Summary, baseline?: Summary) => Budget[];
  },
): Figure {
  const { samples, baseline, budgets, ...rest } = fields;
  const value = summarize(samples);
  const base = baseline ? { name: baseline.name, value: summarize(baseline.samples) } : undefined;
  return { ...rest, value, ...(base ? { baseline: base } : {}), budgets: budgets(value, base?.value) };
}

/** "≤ limit unit median", checked against the median. */
export function atMost(value: Summary, limit: number, unit: string): Budget {
  return { label: `≤ ${limit} ${unit} median`, pass: value.median <= limit };
}

/** "≤ factor× the baseline", checked median against median. */
export function atMostTimes(value: Summary, baseline: Summary | undefined, factor: number): Budget {
  return { label: `≤ ${factor}× baseline (median)`, pass: !!baseline && value.median <= factor * baseline.median };
}

const fixed = (n: number) => n.toFixed(n < 1 ? 3 : n < 10 ? 2 : 1);

/** Writes `figures` to RESULTS_DIR/<file>.json and prints each in one line. */
export function recordFigures(file: string, figures: Figure[]): void {
  mkdirSync(RESULTS_DIR, { recursive: true });
  writeFileSync(join(RESULTS_DIR, `${file}.json`), JSON.stringify(figures, null, 2));
  for (const f of figures) {
    const base = f.baseline ? `; ${f.baseline.name}: ${fixed(f.baseline.value.median)} ${f.unit}` : '';
    const verdicts = f.budgets.map((b) => `${b.label} ${b.pass ? 'pass' : 'FAIL'}`).join(', ');
    const value = `median ${fixed(f.value.median)} ${f.unit}, p95 ${fixed(f.value.p95)}`;
    console.log(`${f.name}: ${value}${base} [${verdicts}]`);
  }
}
