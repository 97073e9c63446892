/** `authbench test NAME`: runs a profile's Test and prints it for a person, or as TestRun JSON. */
import { writeFile } from 'node:fs/promises';
import type { TestRun } from '../../../src-shared/test-run';
import { withContext, type GlobalOptions } from '../context';
import type { TestCliOptions } from '../index';
import { EXIT, usageError } from '../output';
import { formatRun } from '../format-run';
import { APP_VERSION } from '../../version';

const TENANT = /^[A-Za-z0-9._-]{1,128}$/;

export async function test(global: GlobalOptions, name: string, opts: TestCliOptions): Promise<void> {
  const timeoutSec = Number(opts.timeout);
  if (!Number.isFinite(timeoutSec) || timeoutSec < 1 || timeoutSec > 600) throw usageError('--timeout must be a number of seconds between 1 and 600');
  if (opts.tenant !== undefined && !TENANT.test(opts.tenant)) throw usageError('--tenant must match ^[A-Za-z0-9._-]{1,128}$');
  for (const field of opts.field) if (!/^[^=]+=/.test(field)) throw usageError(`--field expects KEY=VALUE, got "${field}"`);

  const controller = new AbortController();
  const onSigint = () => controller.abort();
  process.once('SIGINT', onSigint);
  let run: TestRun;
  try {
    run = await withContext(global, async (ctx) => {
      const profile = await ctx.profiles.getByName(name);
      if (!opts.json) {
        ctx.events.on('test:progress', (p) => {
          if (p.step !== 'done') process.stderr.write(`… ${p.message}\n`);
        });
      }
      return ctx.tests.run(profile.id, { timeoutMs: timeoutSec * 1000, signal: controller.signal });
    });
  } finally {
    process.off('SIGINT', onSigint);
  }
  if (opts.har) {
    const { toHar } = await import('../../http/har');
    await writeFile(opts.har, `${JSON.stringify(toHar(run, APP_VERSION), null, 2)}\n`, { mode: 0o600 });
  }
  process.stdout.write(opts.json ? `${JSON.stringify(run, null, 2)}\n` : formatRun(run, { color: process.stdout.isTTY === true }));
  process.exitCode = run.ok ? EXIT.ok : EXIT.testFailed;
}
