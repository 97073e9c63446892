/**
 * Which exchange a failed run failed at, for the verdict's link to it: the last one with an error, else the
 * last one with an HTTP error status (RFC 9110 §15.5, §15.6), else the last one sent.
 */
import type { TestRun } from '../../../../src-shared/test-run';

/** The 0-based index of the failing exchange of `run`, or null when the run passed or sent nothing. */
export function failingExchangeIndex(run: TestRun): number | null {
  if (run.ok || run.exchanges.length === 0) return null;
  const last = (test: (index: number) => boolean) => {
    for (let index = run.exchanges.length - 1; index >= 0; index--) if (test(index)) return index;
    return -1;
  };
  const withError = last((i) => run.exchanges[i]!.error !== undefined);
  if (withError >= 0) return withError;
  const withStatus = last((i) => (run.exchanges[i]!.response?.status ?? 0) >= 400);
  return withStatus >= 0 ? withStatus : run.exchanges.length - 1;
}
