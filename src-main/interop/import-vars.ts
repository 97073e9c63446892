/**
 * `{{name}}` variables of foreign files (docs/architecture.md, "Import from other tools"): values from an
 * environment replace them; the rest stay Authbench `{{field}}` placeholders where src-shared/dynamic-fields.ts
 * allows one (URLs, Scope, Additional Fields, Request Headers), and are reported everywhere else.
 */
import { readFile, stat } from 'node:fs/promises';
import { AppError } from '../../src-shared/errors';
import { MAX_IMPORT_BYTES } from '../../src-shared/transfer';
import { parseJsonAt } from './import-position';

const VARIABLE = /\{\{\s*([^{}]+?)\s*\}\}/g;

/** `text` with every `{{name}}` whose value `vars` holds replaced (one pass: values are not expanded again). */
export function resolveVars(text: string, vars: Readonly<Record<string, string>>): string {
  return text.replace(VARIABLE, (whole, name: string) => (Object.hasOwn(vars, name) ? vars[name]! : whole));
}

/** The `{{name}}`s left in `text`, in order. */
export function unresolvedNames(text: string | undefined): string[] {
  return text ? [...text.matchAll(VARIABLE)].map((m) => m[1]!) : [];
}

/** `vars` flattened from a nested object (Insomnia's environments): `{api: {host}}` → `api.host`. */
export function flattenVars(data: unknown, prefix = '', out: Record<string, string> = {}): Record<string, string> {
  if (!data || typeof data !== 'object') return out;
  for (const [key, value] of Object.entries(data as Record<string, unknown>)) {
    const name = prefix ? `${prefix}.${key}` : key;
    if (value && typeof value === 'object' && !Array.isArray(value)) flattenVars(value, name, out);
    else if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean')
      out[name] = String(value);
  }
  return out;
}

/**
 * The enabled variables of a Postman environment file (`{ values: [{ key, value, enabled }] }`). Throws
 * AppError('invalid_request') naming the file and position when it is not JSON or not such an environment.
 */
export async function readPostmanEnvironment(path: string): Promise<Record<string, string>> {
  const info = await stat(path);
  if (!info.isFile() || info.size > MAX_IMPORT_BYTES)
    throw new AppError('invalid_request', `${path}: not an environment file of at most 10 MB`);
  const doc = parseJsonAt(await readFile(path, 'utf8'), path) as { values?: unknown };
  if (!doc || typeof doc !== 'object' || !Array.isArray(doc.values))
    throw new AppError('invalid_request', `${path}: not a Postman environment (no "values" list)`);
  const vars: Record<string, string> = {};
  for (const row of doc.values as Array<{ key?: unknown; value?: unknown; enabled?: unknown }>) {
    if (typeof row?.key === 'string' && row.enabled !== false && row.value !== undefined && row.value !== null)
      vars[row.key] = String(row.value);
  }
  return vars;
}
