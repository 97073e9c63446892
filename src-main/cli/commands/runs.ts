/**
 * `authbench runs diff NAME [--json]`: compares the last two stored runs of a profile (the earlier as run A)
 * with src-shared/run-diff.ts and prints what changed, or the RunDiff as JSON. Runs are stored redacted, so
 * the output holds no secret. Throws a usage error (exit 2) when the profile has fewer than two runs.
 */
import { diffRuns } from '../../../src-shared/run-diff';
import type { TestRun } from '../../../src-shared/test-run';
import { withContext, type GlobalOptions } from '../context';
import { usageError } from '../output';

const verdict = (run: TestRun) => (run.ok ? 'Passed' : run.error?.code === 'cancelled' ? 'Cancelled' : 'Failed');

/** Prints the comparison of the profile's two newest runs. */
export async function diff(global: GlobalOptions, name: string, opts: { json?: boolean }): Promise<void> {
  const runs = await withContext(
    global,
    async (ctx) => {
      const profile = await ctx.profiles.getByName(name);
      return ctx.runs.list(profile.id, 2);
    },
    { needs: ['runs'] },
  );
  if (runs.length < 2)
    throw usageError(
      `"${name}" has ${runs.length === 0 ? 'no stored run' : 'one stored run'}: test it twice to compare`,
    );
  const [after, before] = runs as [TestRun, TestRun];
  const result = diffRuns(before, after);
  if (opts.json) {
    process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
    return;
  }
  const { formatRunDiff } = await import('../format-run-diff');
  const label = (run: TestRun) =>
    `${run.startedAt} ${verdict(run)}${run.error ? ` (${run.error.oauthError ?? run.error.code})` : ''}`;
  process.stdout.write(formatRunDiff(result, [label(before), label(after)]));
}
