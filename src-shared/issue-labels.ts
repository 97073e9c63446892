/**
 * Field issues named by the labels the user sees (docs/architecture.md, "Data model"): `tokenUrl` reads
 * "Token Request URL", `scopes.2.key` reads "Scope 3, key", so a rejected import says which box to fix.
 */
import type { FieldIssue } from './errors';
import {
  NESTED_LABEL_TABLE as NESTED_LABELS,
  PART_LABEL_TABLE as PART_LABELS,
  ROW_LABEL_TABLE as ROW_LABELS,
} from './field-labels';
import { FIELD_LABELS } from './profile';

const own = (table: Readonly<Record<string, string>>, key: string): string | undefined =>
  Object.hasOwn(table, key) ? table[key] : undefined;

/**
 * The UI label of a dotted field path (`tokenUrl`, `scopes.2.key`, `secrets.password`); null for `(root)`,
 * the entry as a whole. An unknown path is returned as it is.
 */
export function issueLabel(path: string): string | null {
  if (path === '(root)' || path === '') return null;
  const bare = path.replace(/^secrets\./, '');
  const nested = own(NESTED_LABELS, bare);
  if (nested) return nested;
  const [head = '', index, part, ...rest] = bare.split('.');
  const row = own(ROW_LABELS, head);
  if (row && index !== undefined && /^\d+$/.test(index)) {
    const n = Number(index) + 1;
    if (part === undefined) return `${row} ${n}`;
    return `${row} ${n}, ${[own(PART_LABELS, part) ?? part, ...rest].join('.')}`;
  }
  const label = own(FIELD_LABELS, head);
  return label ? [label, ...bare.split('.').slice(1)].join(', ') : path;
}

/**
 * One sentence for a rejected import entry: `Profile 1 (“Acme”), Token Request URL: must be https://…; Client
 * ID: Required` (1-based `index`; the name clipped to 60 characters). Without issues, `fallback` follows the prefix.
 */
export function rejectionMessage(index: number, name: string | undefined, issues: FieldIssue[], fallback: string) {
  const shown = name === undefined ? '' : ` (“${name.length > 60 ? `${name.slice(0, 60)}…` : name}”)`;
  const prefix = `Profile ${index + 1}${shown}`;
  if (issues.length === 0) return `${prefix}: ${fallback}`;
  const parts = issues.map((issue) => {
    const label = issueLabel(issue.path);
    return label === null ? issue.message : `${label}: ${issue.message}`;
  });
  const first = issueLabel(issues[0]!.path) === null ? ': ' : ', ';
  return `${prefix}${first}${parts.join('; ')}`;
}
