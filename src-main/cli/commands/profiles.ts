/** `authbench profiles list|import|export|duplicate|delete`. */
import { formatWhen, lastTestVerdict } from '../../../src-shared/last-test';
import { GRANT_TYPE_LABELS } from '../../../src-shared/grants';
import type { ExportFormat } from '../../../src-shared/transfer';
import { EXPIRY_STATUS_LABELS, expiryStatus, warningLeadMs } from '../../../src-shared/token-expiry';
import { forTerminal } from '../../http/log-text';
import { writePrivateFile } from '../../private-file';
import { duplicateAs } from '../../services/duplicate-as';
import { stat } from 'node:fs/promises';
import type { ImportRequest } from '../../interop/import-foreign';
import { withContext, type GlobalOptions } from '../context';
import { EXIT, usageError } from '../output';

/**
 * `profiles list`: NAME, AUTHORIZATION TYPE, STATUS (with "Expires soon" / "Expired" when the held refresh token is
 * within the warning lead of its expiry, or past it) and LAST TEST; `--json` gives the rows with `tokenExpiry`.
 * Presence comes from the keychain ledger (no keychain call); `--check-keychain` first runs the reconcile the app
 * runs at start (one keychain listing, which corrects the ledger; docs/architecture.md, "Where things live").
 */
export async function list(global: GlobalOptions, opts: { json?: boolean; checkKeychain?: boolean }): Promise<void> {
  const { rows, leadMs } = await withContext(
    global,
    async (ctx) => {
      if (opts.checkKeychain) await ctx.profiles.reconcile();
      return { rows: await ctx.profiles.list(), leadMs: warningLeadMs(ctx.settings.get()) };
    },
    { needs: [], readsProfiles: false },
  );
  if (opts.json) {
    process.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
    return;
  }
  if (rows.length === 0) {
    process.stdout.write('No profiles. Import some with `authbench profiles import FILE`, or try `authbench demo`.\n');
    return;
  }
  const now = new Date();
  const table = rows.map((r) => {
    const expiry = expiryStatus(r.tokenExpiry, now.getTime(), leadMs);
    return [
      r.name,
      GRANT_TYPE_LABELS[r.grantType] ?? r.grantType,
      `${r.status === 'configured' ? 'Configured' : 'Not configured'}${expiry ? ` · ${EXPIRY_STATUS_LABELS[expiry]}` : ''}`,
      r.lastTest ? `${lastTestVerdict(r.lastTest)} · ${formatWhen(r.lastTest.startedAt, now)}` : 'Never tested',
    ];
  });
  const header = ['NAME', 'AUTHORIZATION TYPE', 'STATUS', 'LAST TEST'];
  const widths = header.map((h, i) => Math.max(h.length, ...table.map((row) => row[i]!.length)));
  // One write: a line per write would be a system call per profile.
  const lines = [header, ...table].map((row) => row.map((c, i) => (i < row.length - 1 ? c.padEnd(widths[i]!) : c)));
  process.stdout.write(`${lines.map((cells) => cells.join('  ')).join('\n')}\n`);
}

/** Options of `profiles import`. */
export interface ImportCliOptions {
  replace?: boolean;
  format?: string;
  environment?: string;
  dryRun?: boolean;
}

/**
 * Imports every valid profile of FILE or DIR (Authbench, Postman, Insomnia, Bruno or cURL; `-` reads a curl
 * command from stdin), prints each entry's notes, and exits 2 when any was rejected. A name in use imports as
 * "Name (2)", unless `--replace`, which drops the replaced profile's stored secrets when an endpoint moves to another
 * host (docs/security.md, "Where each secret lives"). `--dry-run` prints what would happen and creates nothing.
 */
export async function importFile(global: GlobalOptions, file: string, opts: ImportCliOptions = {}): Promise<void> {
  const { IMPORT_FORMATS } = await import('../../../src-shared/transfer');
  if (opts.format !== undefined && !(IMPORT_FORMATS as readonly string[]).includes(opts.format))
    throw usageError(`--format must be one of ${IMPORT_FORMATS.join(', ')}`);
  const format = opts.format as ImportRequest['format'];
  const req: ImportRequest = {
    path: file,
    ...(format ? { format } : {}),
    ...(opts.environment ? { environment: opts.environment } : {}),
    ...(file === '-' ? { text: await readStdin(), format: format ?? 'curl' } : {}),
  };
  try {
    if (file !== '-') await stat(file);
    if (opts.environment) await stat(opts.environment);
  } catch (err) {
    throw usageError(`Cannot read ${(err as { path?: string }).path ?? file}: ${(err as Error).message}`);
  }
  if (opts.dryRun) return dryRun(global, req);
  const report = await withContext(global, (ctx) => ctx.transfer.importSource(req, opts.replace ? 'replace' : 'copy'));
  if (report.format && report.format !== 'authbench') process.stderr.write(`format: ${report.format}\n`);
  for (const e of report.entries) {
    const label = e.name !== undefined ? `"${e.name}"` : `#${e.index + 1}`;
    // The message names the profile by number and name, and each field by its label.
    if (e.outcome === 'rejected') process.stderr.write(`rejected: ${forTerminal(e.message ?? label)}\n`);
    else if (e.importedAs) process.stdout.write(`imported ${label} as "${e.importedAs}" (the name is in use)\n`);
    else process.stdout.write(`${e.outcome} ${label}\n`);
    for (const n of e.notes ?? []) process.stdout.write(`  note: ${forTerminal(n)}\n`);
    if (e.secretsDropped) {
      process.stderr.write(`warning: ${label} moved to another host: its stored secrets and token were deleted\n`);
    }
  }
  if (report.entries.some((e) => e.outcome === 'rejected')) process.exitCode = EXIT.usage;
}

/** `--dry-run`: the preview of the source, printed; nothing is created and the keychain is not touched. */
async function dryRun(global: GlobalOptions, req: ImportRequest): Promise<void> {
  const { path, ...rest } = req;
  const preview = await withContext(global, (ctx) => ctx.transfer.previewFile(path, rest));
  process.stdout.write(`format: ${preview.format}\n`);
  for (const e of preview.entries) {
    const label = e.name !== undefined ? `"${e.name}"` : `#${e.index + 1}`;
    const clash = e.exists ? ' (the name is in use: it would be imported as a copy, or replaced with --replace)' : '';
    process.stdout.write(`would import ${label}${e.grantType ? ` [${e.grantType}]` : ''}${clash}\n`);
    if (e.secretsFound.length > 0) process.stdout.write(`  secrets found: ${e.secretsFound.join(', ')}\n`);
    for (const n of e.notes) process.stdout.write(`  note: ${forTerminal(n)}\n`);
  }
  process.stdout.write('dry run: nothing was imported\n');
}

/** All of standard input as UTF-8 text (at most MAX_IMPORT_BYTES, 10 MB). */
async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of process.stdin) {
    size += (chunk as Buffer).length;
    if (size > 10 * 1024 * 1024) throw usageError('Standard input is over 10 MB');
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** The options of `profiles export`. */
export interface ExportCliOptions {
  all?: boolean;
  out?: string;
  includeSecrets?: boolean;
  format?: ExportFormat;
}

/**
 * Writes the named (or all) profiles as an authbench.profiles/v1 document, or as `--format` postman, bruno or curl
 * (profiles-export.ts); secrets only with --include-secrets.
 */
export async function exportProfilesCommand(
  global: GlobalOptions,
  names: string[],
  opts: ExportCliOptions,
): Promise<void> {
  if (!opts.all && names.length === 0) throw usageError('Name the profiles to export, or pass --all');
  if (opts.format && opts.format !== 'authbench')
    return (await import('./profiles-export')).exportForeignCommand(global, names, opts.format, opts);
  const { text, count } = await withContext(global, async (ctx) => {
    // Names resolve in the database; the keychain is read only with --include-secrets.
    const ids = opts.all ? ctx.profiles.ids() : names.map((n) => ctx.profiles.idByName(n));
    return { text: await ctx.transfer.exportText(ids, opts.includeSecrets === true), count: ids.length };
  });
  if (opts.includeSecrets)
    process.stderr.write(
      'warning: the export contains secrets in plain text; keep the file private and delete it after use\n',
    );
  if (opts.out) {
    await writePrivateFile(opts.out, text);
    process.stderr.write(`exported ${count} profile(s) to ${opts.out}\n`);
  } else {
    process.stdout.write(text);
  }
}

/**
 * Copies a profile under a new name (secrets with --with-secrets); with --delete-original, the original (row,
 * runs, keychain entries, token) is deleted once the copy exists. A failed delete keeps both: exit 3.
 */
export async function duplicate(
  global: GlobalOptions,
  name: string,
  newName: string,
  opts: { withSecrets?: boolean; deleteOriginal?: boolean },
): Promise<void> {
  const copy = await withContext(global, async (ctx) =>
    duplicateAs(ctx.profiles, (await ctx.profiles.getByName(name)).id, newName, {
      copySecrets: opts.withSecrets === true,
      deleteOriginal: opts.deleteOriginal === true,
    }),
  );
  const deleted = opts.deleteOriginal && copy.deleteOriginalError === undefined ? ' and deleted the original' : '';
  process.stdout.write(
    `duplicated "${name}" as "${copy.name}"${deleted}${copy.status === 'configured' ? '' : ` (not configured: ${copy.statusReasons.join('; ')})`}\n`,
  );
  if (copy.deleteOriginalError !== undefined) {
    process.stderr.write(`error: ${forTerminal(copy.deleteOriginalError)}\n`);
    process.exitCode = EXIT.environment;
  }
}

export async function remove(global: GlobalOptions, name: string, opts: { yes?: boolean }): Promise<void> {
  if (!opts.yes)
    throw usageError(
      `Deleting "${name}" removes it and its keychain entries and cannot be undone; pass --yes to confirm`,
    );
  await withContext(global, async (ctx) => {
    const view = await ctx.profiles.getByName(name);
    await ctx.profiles.delete(view.id);
  });
  process.stdout.write(`deleted "${name}"\n`);
}
