/** `authbench profiles list|import|export|delete`. */
import { readFile, writeFile } from 'node:fs/promises';
import { AppError } from '../../../src-shared/errors';
import { EXPORT_FORMAT, exportDocument, splitImportedProfile } from '../../../src-shared/export-format';
import { GRANT_TYPE_LABELS, type ProfileInput, type ProfileView } from '../../../src-shared/profile';
import { parseOrThrow } from '../../../src-shared/validate';
import { withContext, type GlobalOptions } from '../context';
import { EXIT, usageError } from '../output';

export async function list(global: GlobalOptions, opts: { json?: boolean }): Promise<void> {
  const rows = await withContext(global, (ctx) => ctx.profiles.list());
  if (opts.json) {
    process.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
    return;
  }
  if (rows.length === 0) {
    process.stdout.write('No profiles. Import some with `authbench profiles import FILE`, or try `authbench demo`.\n');
    return;
  }
  const table = rows.map((r) => [r.name, GRANT_TYPE_LABELS[r.grantType] ?? r.grantType, r.status === 'configured' ? 'Configured' : 'Not configured']);
  const header = ['NAME', 'AUTHORIZATION TYPE', 'STATUS'];
  const widths = header.map((h, i) => Math.max(h.length, ...table.map((row) => row[i]!.length)));
  for (const row of [header, ...table]) process.stdout.write(`${row.map((c, i) => (i < row.length - 1 ? c.padEnd(widths[i]!) : c)).join('  ')}\n`);
}

/** Imports every valid profile of the file, reports each rejected one, exits 2 when any was rejected. */
export async function importFile(global: GlobalOptions, file: string): Promise<void> {
  let raw: unknown;
  try {
    raw = JSON.parse(await readFile(file, 'utf8'));
  } catch (err) {
    throw usageError(`Cannot read ${file}: ${(err as Error).message}`);
  }
  const doc = parseOrThrow(exportDocument, raw);
  let rejected = 0;
  await withContext(global, async (ctx) => {
    for (const [index, entry] of doc.profiles.entries()) {
      const { fields, secrets } = splitImportedProfile(entry);
      const label = typeof (fields as { name?: unknown })?.name === 'string' ? `"${(fields as { name: string }).name}"` : `#${index + 1}`;
      try {
        const name = (fields as { name?: unknown }).name;
        const existing = typeof name === 'string' ? await ctx.profiles.getByName(name).catch(() => undefined) : undefined;
        const view = existing ? await ctx.profiles.update(existing.id, fields, secrets) : await ctx.profiles.create(fields, secrets);
        process.stdout.write(`${existing ? 'updated' : 'imported'} ${label}${view.status === 'configured' ? '' : ` (not configured: ${view.statusReasons.join('; ')})`}\n`);
      } catch (err) {
        if (!(err instanceof AppError) || ['keychain_unavailable', 'database'].includes(err.code)) throw err;
        rejected++;
        process.stderr.write(`rejected ${label}: ${err.message}\n`);
      }
    }
  });
  if (rejected > 0) process.exitCode = EXIT.usage;
}

/** Writes the named (or all) profiles as an authbench.profiles/v1 document, without secrets. */
export async function exportProfiles(global: GlobalOptions, names: string[], opts: { all?: boolean; out?: string }): Promise<void> {
  if (!opts.all && names.length === 0) throw usageError('Name the profiles to export, or pass --all');
  const profiles = await withContext(global, async (ctx) => {
    const views = opts.all ? await Promise.all((await ctx.profiles.list()).map((p) => ctx.profiles.get(p.id))) : await Promise.all(names.map((n) => ctx.profiles.getByName(n)));
    return views.map(toExported);
  });
  const text = `${JSON.stringify({ format: EXPORT_FORMAT, profiles }, null, 2)}\n`;
  if (opts.out) {
    await writeFile(opts.out, text, { mode: 0o600 });
    process.stderr.write(`exported ${profiles.length} profile(s) to ${opts.out}\n`);
  } else {
    process.stdout.write(text);
  }
}

export async function remove(global: GlobalOptions, name: string, opts: { yes?: boolean }): Promise<void> {
  if (!opts.yes) throw usageError(`Deleting "${name}" removes it and its keychain entries and cannot be undone; pass --yes to confirm`);
  await withContext(global, async (ctx) => {
    const view = await ctx.profiles.getByName(name);
    await ctx.profiles.delete(view.id);
  });
  process.stdout.write(`deleted "${name}"\n`);
}

function toExported(view: ProfileView): ProfileInput {
  const { id: _id, createdAt: _c, updatedAt: _u, secrets: _s, status: _st, statusReasons: _r, ...fields } = view;
  return fields;
}
