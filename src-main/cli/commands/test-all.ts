/**
 * `authbench test --all [--concurrency N] [--json]` (docs/architecture.md, "Test all"): tests every profile with
 * bounded concurrency through the batch runner, one line per profile as it finishes (`PASS name 123 ms`,
 * `FAIL name invalid_client …`, `SKIP name reason`), then a summary line; `--json` prints one object at the end.
 * Exit 1 when any Test failed or Ctrl-C cancelled the batch, else 0 (skipped alone is 0).
 */
import { BATCH_CONCURRENCY, type BatchOutcome, type BatchSummary } from '../../../src-shared/batch';
import { forTerminal } from '../../http/log-text';
import { withContext, type GlobalOptions } from '../context';
import { EXIT, usageError } from '../output';

/** Options of `authbench test --all` as commander parses them (`concurrency` as typed, `timeout` in seconds). */
export interface TestAllCliOptions {
  all?: boolean;
  concurrency: string;
  json?: boolean;
  timeout: string;
  tenant?: string;
  field?: string[];
  set?: string[];
  passwordStdin?: boolean;
  signIn?: boolean;
  paste?: boolean;
  har?: string;
  curl?: string;
  bundle?: string;
}

/** The options that apply to one profile's Test only: a usage error with --all. */
const SINGLE_ONLY: ReadonlyArray<[keyof TestAllCliOptions, string]> = [
  ['tenant', '--tenant'],
  ['passwordStdin', '--password-stdin'],
  ['signIn', '--sign-in'],
  ['paste', '--paste'],
  ['har', '--har'],
  ['curl', '--curl'],
  ['bundle', '--bundle'],
];

/** Runs the batch; sets process.exitCode 1 when any Test failed or was cancelled, else 0. Throws a usage error (exit 2). */
export async function testAll(global: GlobalOptions, name: string | undefined, opts: TestAllCliOptions): Promise<void> {
  if (name !== undefined) throw usageError('Give a profile name or --all, not both');
  const concurrency = Number(opts.concurrency);
  if (!Number.isInteger(concurrency) || concurrency < BATCH_CONCURRENCY.min || concurrency > BATCH_CONCURRENCY.max)
    throw usageError(`--concurrency must be a whole number from ${BATCH_CONCURRENCY.min} to ${BATCH_CONCURRENCY.max}`);
  const timeoutSec = Number(opts.timeout);
  if (!Number.isFinite(timeoutSec) || timeoutSec < 1 || timeoutSec > 600)
    throw usageError('--timeout must be a number of seconds between 1 and 600');
  const single = SINGLE_ONLY.filter(([key]) => opts[key] !== undefined && opts[key] !== false).map(([, flag]) => flag);
  if (opts.field?.length) single.push('--field');
  if (opts.set?.length) single.push('--set');
  if (single.length > 0) throw usageError(`${single.join(', ')} cannot be combined with --all`);

  const controller = new AbortController();
  const onSigint = () => controller.abort();
  process.once('SIGINT', onSigint);
  try {
    const { summary, outcomes } = await withContext(global, (ctx) =>
      ctx.batches.run(
        { all: true, concurrency, timeoutMs: timeoutSec * 1000 },
        {
          signal: controller.signal,
          onOutcome: opts.json ? undefined : (o) => void process.stdout.write(`${formatOutcome(o)}\n`),
        },
      ),
    );
    process.stdout.write(
      opts.json ? `${JSON.stringify({ summary, results: outcomes }, null, 2)}\n` : `${formatSummary(summary)}\n`,
    );
    // A batch cut short by Ctrl-C did not test everything: like a failure, it is not a pass.
    process.exitCode = summary.failed > 0 || summary.cancelled > 0 ? EXIT.testFailed : EXIT.ok;
  } finally {
    process.off('SIGINT', onSigint);
  }
}

/** One profile's line: `PASS name 123 ms`, `FAIL name invalid_client 80 ms`, `SKIP name reason`, `CANCEL name reason`. */
export function formatOutcome(o: BatchOutcome): string {
  const name = forTerminal(o.name);
  const ms = o.durationMs !== undefined ? ` ${Math.round(o.durationMs)} ms` : '';
  switch (o.status) {
    case 'passed':
      return `PASS ${name}${ms}`;
    case 'failed':
      return `FAIL ${name} ${forTerminal(o.oauthError ?? o.code ?? 'internal')}${ms}${o.reason ? ` — ${forTerminal(o.reason)}` : ''}`;
    case 'skipped':
      return `SKIP ${name} ${forTerminal(o.reason ?? '')}`;
    case 'cancelled':
      return `CANCEL ${name} ${forTerminal(o.reason ?? '')}`;
  }
}

/** The summary line, e.g. `12 profiles: 9 passed, 1 failed, 2 skipped, 0 cancelled in 1.4 s`. */
export function formatSummary(s: BatchSummary): string {
  return (
    `${s.total} profile${s.total === 1 ? '' : 's'}: ${s.passed} passed, ${s.failed} failed, ${s.skipped} skipped, ` +
    `${s.cancelled} cancelled in ${(s.durationMs / 1000).toFixed(1)} s`
  );
}
