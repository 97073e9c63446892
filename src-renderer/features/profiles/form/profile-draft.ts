/**
 * The editor's form model, derived from the shared schema (docs/architecture.md, "Data model"): every
 * field of every grant type as the user types it (text stays text until save, numbers included), with the
 * tables as rows carrying a stable React key. One draft holds the fields of all grant types, so switching
 * the type of a new profile keeps what was typed; `draftToInput` sends only the fields of the chosen type.
 * Secrets are drafted apart (secrets-draft.ts): no schema here holds them.
 */
import type { z } from 'zod';
import type { profileInput } from '../../../../src-shared/profile';

/** What `profiles:create` takes, one member per grant type (fields with defaults are optional). */
type SchemaInput = z.input<typeof profileInput>;
type AnyKey<U> = U extends unknown ? keyof U : never;
type ValueAt<U, K extends PropertyKey> = U extends unknown ? (K extends keyof U ? U[K] : never) : never;
/** Every field of any grant type, with what the schema takes for it. */
type SchemaFields = { [K in AnyKey<SchemaInput>]-?: Exclude<ValueAt<SchemaInput, K>, undefined> };

/** What the schema takes for field `K`. */
export type SchemaValue<K extends keyof SchemaFields> = SchemaFields[K];

/** A table row as edited: every part present, plus `rowId`, a React key that is never sent. */
export type DraftRow<R> = { [K in keyof R | 'rowId']-?: K extends keyof R ? Exclude<R[K], undefined> : string };

/**
 * How the editor holds a value the schema takes as `V`: a table as rows, a number or a list of numbers
 * as the text typed, an optional URL (`unknown` before zod's preprocess) as text, a group with every part.
 */
type Drafted<V> = unknown extends V
  ? string
  : V extends ReadonlyArray<infer R>
    ? R extends object
      ? Array<DraftRow<R>>
      : string
    : V extends number
      ? string
      : V extends object
        ? Required<V>
        : V;

/** Every editable field of every grant type. */
export type ProfileDraft = { [K in keyof SchemaFields]: Drafted<SchemaFields[K]> };

/** The draft's tables, by field name (`scopes`, `requestHeaders`, …). */
export type TableName = {
  [K in keyof ProfileDraft]: ProfileDraft[K] extends ReadonlyArray<unknown> ? K : never;
}[keyof ProfileDraft];
/** The row type of each table. */
export type RowOf<T extends TableName> = ProfileDraft[T][number];

/** Fields the schema takes as a number or a list of numbers, which the editor keeps as typed text. */
export type NumberField = {
  [K in keyof SchemaFields]: SchemaFields[K] extends number | ReadonlyArray<number> ? K : never;
}[keyof SchemaFields];

/** A key/value row (scopes, additional fields, request headers). */
export type KvRow = RowOf<'scopes'>;
/** An Authorization Fields row: where the token goes on API calls. */
export type AuthFieldRow = RowOf<'authorizationFields'>;
/** An IDP Form Fields row (password grant): a field the person running Test fills in. */
export type IdpFormRow = RowOf<'idpFormFields'>;

/** Field path (`tokenUrl`, `scopes.0.key`, `pkce.method`) -> the first message for it. */
export type FieldErrors = Record<string, string>;

let lastRowId = 0;
/** A fresh React key for a table row: `row-1`, `row-2`, … */
export function nextRowId(): string {
  lastRowId += 1;
  return `row-${lastRowId}`;
}

/** A new key/value row. */
export function kvRow(key = '', value = ''): KvRow {
  return { rowId: nextRowId(), key, value };
}

/** A new Authorization Fields row (a header unless said otherwise). */
export function authFieldRow(type: AuthFieldRow['type'] = 'header', key = '', value = ''): AuthFieldRow {
  return { rowId: nextRowId(), type, key, value };
}

/** A new IDP Form Fields row with the schema's defaults. */
export function idpFormRow(fields: Partial<Omit<IdpFormRow, 'rowId'>> = {}): IdpFormRow {
  return {
    rowId: nextRowId(),
    title: '',
    key: '',
    helpHint: '',
    fieldType: 'textbox',
    mandatory: false,
    dataType: 'string',
    visibility: 'visible',
    defaultValue: '',
    ...fields,
  };
}

/** A new row for `table`: a scope row starts with the standard `scope` key. */
export function newRow<T extends TableName>(table: T): RowOf<T> {
  if (table === 'idpFormFields') return idpFormRow() as RowOf<T>;
  if (table === 'authorizationFields') return authFieldRow() as RowOf<T>;
  return kvRow(table === 'scopes' ? 'scope' : '') as RowOf<T>;
}
