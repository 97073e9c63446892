/** `authbench profiles export --format postman|bruno|curl` (docs/architecture.md, "Export to other tools"). */
import { EXPORT_FORMAT_LABELS } from '../../../src-shared/transfer';
import { forTerminal } from '../../http/log-text';
import { exportForeign, writeForeignExport, type ForeignFormat } from '../../interop/export-foreign';
import { withContext, type GlobalOptions } from '../context';
import { usageError } from '../output';

/**
 * Writes the named (or all) profiles as `format` to `--out` (a Bruno export of several profiles: a directory of
 * `.bru` files and `bruno.json`) or, when it is one file, to stdout; what the format cannot express goes to stderr as
 * one `note:` line per item. Secrets only with --include-secrets (then a warning). Throws a usage error for a Bruno
 * export of several profiles without --out.
 */
export async function exportForeignCommand(
  global: GlobalOptions,
  names: string[],
  format: ForeignFormat,
  opts: { all?: boolean; out?: string; includeSecrets?: boolean },
): Promise<void> {
  const { exported, count } = await withContext(global, async (ctx) => {
    const ids = opts.all ? ctx.profiles.ids() : names.map((n) => ctx.profiles.idByName(n));
    return {
      exported: await exportForeign(ctx.profiles, ids, format, opts.includeSecrets === true),
      count: ids.length,
    };
  });
  if (exported.files.length > 1 && !opts.out)
    throw usageError('A Bruno export of several profiles is a directory: pass --out DIR');
  if (opts.includeSecrets)
    process.stderr.write(
      'warning: the export contains secrets in plain text; keep the file private and delete it after use\n',
    );
  for (const note of exported.notes) process.stderr.write(`note: "${note.profile}": ${forTerminal(note.message)}\n`);
  if (opts.out) {
    await writeForeignExport(opts.out, exported);
    process.stderr.write(`exported ${count} profile(s) as ${EXPORT_FORMAT_LABELS[format]} to ${opts.out}\n`);
  } else {
    process.stdout.write(exported.files[0]?.text ?? '');
  }
}
