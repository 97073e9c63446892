/**
 * Human names for field paths, used by inputs (`aria-label` of table cells) and the error summary, so
 * "Request header key 2: Not a valid header name" names exactly the box the user sees.
 */
import { NESTED_LABEL_TABLE, PART_LABEL_TABLE, ROW_LABEL_TABLE } from '../../../../src-shared/field-labels';
import { FIELD_LABELS } from '../../../../src-shared/profile';
import type { NestedPath } from './draft-paths';
import type { RowOf, TableName } from './profile-draft';

/** A part of a table row: `key`, `value`, `title`, … */
type RowPart = { [T in TableName]: Exclude<keyof RowOf<T>, 'rowId'> }[TableName];

/** The singular name of a table's row, as in "Scope key 1" (every table has one: checked here). */
export const ROW_LABELS: Readonly<Record<TableName, string>> = ROW_LABEL_TABLE;

/** Names of row parts (every part of every table has one: checked here). */
export const PART_LABELS: Readonly<Record<RowPart, string>> = PART_LABEL_TABLE;

/** Labels of the parts of grouped fields (every nested path has one: checked here). */
const NESTED_LABELS: Readonly<Record<NestedPath, string>> = NESTED_LABEL_TABLE;

/** The accessible name of one table cell: "Scope key 1". */
export function cellLabel(table: TableName, part: string, index: number): string {
  return `${ROW_LABELS[table]} ${labelIn(PART_LABELS, part) ?? part} ${index + 1}`;
}

/** The label of `key` in a label table keyed by a union, or undefined for a key outside it. */
function labelIn<K extends string>(labels: Readonly<Record<K, string>>, key: string): string | undefined {
  return Object.hasOwn(labels, key) ? labels[key as K] : undefined;
}

/** "Scope key 1", "Token Request URL", "PKCE Method", … for a field path. */
export function fieldLabel(path: string): string {
  const cell = /^(\w+)\.(\d+)\.(\w+)$/.exec(path);
  if (cell && Object.hasOwn(ROW_LABELS, cell[1]!)) return cellLabel(cell[1] as TableName, cell[3]!, Number(cell[2]));
  return labelIn(NESTED_LABELS, path) ?? FIELD_LABELS[path] ?? path;
}
