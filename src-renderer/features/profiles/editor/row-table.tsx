/**
 * An editable table of a profile (Scope, Additional Fields, Authorization Fields, Request Headers, IDP
 * Form Fields): add, edit, remove and reorder rows with buttons that work from the keyboard. Narrow
 * rows render as a table; wide ones (`layout="cards"`) as one small form per row.
 */
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { RowActions } from '../../../components/row-actions';
import { fieldId } from '../../../components/form-field';
import { ROW_LABELS } from '../form/field-labels';
import type { TableName } from '../form/profile-draft';
import type { ProfileForm } from '../form/use-profile-form';
import { RowCell, type Column } from './row-cell';

interface RowTableProps {
  form: ProfileForm;
  table: TableName;
  legend: string;
  columns: Column[];
  help?: ReactNode;
  /** Shown when there are no rows. */
  empty: string;
  addLabel: string;
  /** Extra buttons beside "Add" (e.g. a suggested row). */
  extra?: ReactNode;
  layout?: 'table' | 'cards';
}

/** The row just moved, whose move button keeps focus (RowActions focuses it). */
type Moved = { rowId: string; dir: 'up' | 'down' } | null;
/** Where focus goes once the rows are rendered after a removal (a row's Remove, else Add) or an addition. */
type PendingFocus = { kind: 'removed'; index: number } | { kind: 'added' } | null;

/** One editable table with its legend, help, rows and Add button. */
export function RowTable({
  form,
  table,
  legend,
  columns,
  help,
  empty,
  addLabel,
  extra,
  layout = 'table',
}: RowTableProps) {
  const rows = form.draft[table] as unknown as Array<{ rowId: string } & Record<string, unknown>>;
  const [moved, setMoved] = useState<Moved>(null);
  const pendingFocus = useRef<PendingFocus>(null);
  const rootRef = useRef<HTMLFieldSetElement>(null);
  const addRef = useRef<HTMLButtonElement>(null);
  const error = form.errorFor(table);
  const helpId = `${fieldId(table)}-help`;

  // Runs after every render: a pending request is served once the changed rows are in the DOM.
  useEffect(() => {
    const request = pendingFocus.current;
    if (!request) return;
    pendingFocus.current = null;
    if (request.kind === 'removed') {
      const removeButtons = rootRef.current?.querySelectorAll<HTMLButtonElement>('.icon-button--danger');
      (removeButtons?.[Math.min(request.index, rows.length - 1)] ?? addRef.current)?.focus();
    } else {
      // The new row's first control: typing can start at once.
      const firstCell = fieldId(`${table}.${rows.length - 1}.${columns[0]?.part ?? ''}`);
      rootRef.current?.querySelector<HTMLElement>(`#${CSS.escape(firstCell)}`)?.focus();
    }
  });

  const actions = (row: { rowId: string }, index: number) => (
    <RowActions
      rowName={`${ROW_LABELS[table]} row ${index + 1}`}
      index={index}
      count={rows.length}
      refocus={moved?.rowId === row.rowId ? moved.dir : null}
      onMove={(delta) => {
        form.moveRow(table, index, delta);
        setMoved({ rowId: row.rowId, dir: delta < 0 ? 'up' : 'down' });
      }}
      onRemove={() => {
        form.removeRow(table, index);
        pendingFocus.current = { kind: 'removed', index };
        setMoved(null);
      }}
    />
  );

  return (
    <fieldset
      ref={rootRef}
      className="form-field row-table"
      id={fieldId(table)}
      aria-describedby={help ? helpId : undefined}
    >
      <legend className="form-field__label">{legend}</legend>
      {help ? (
        <p id={helpId} className="form-field__help">
          {help}
        </p>
      ) : null}
      {rows.length === 0 ? (
        <p className="row-table__empty">{empty}</p>
      ) : layout === 'cards' ? (
        <ol className="row-cards">
          {rows.map((row, index) => (
            <li key={row.rowId} className="row-card">
              <div className="row-card__head">
                <span className="row-card__title" id={`${fieldId(table)}-${row.rowId}`}>
                  {ROW_LABELS[table]} {index + 1}
                </span>
                {actions(row, index)}
              </div>
              <div className="row-card__grid" role="group" aria-labelledby={`${fieldId(table)}-${row.rowId}`}>
                {columns.map((column) => (
                  <RowCell
                    key={column.part}
                    form={form}
                    table={table}
                    index={index}
                    column={column}
                    value={row[column.part]}
                    visibleLabel
                  />
                ))}
              </div>
            </li>
          ))}
        </ol>
      ) : (
        <table className="kv-table">
          <thead>
            <tr>
              {columns.map((c) => (
                <th key={c.part} scope="col" className={`kv-table__th--${c.kind ?? 'text'}`}>
                  {c.header}
                </th>
              ))}
              <th scope="col" className="kv-table__th--actions">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row, index) => (
              <tr key={row.rowId}>
                {columns.map((column) => (
                  <td key={column.part}>
                    <RowCell form={form} table={table} index={index} column={column} value={row[column.part]} />
                  </td>
                ))}
                <td>{actions(row, index)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {error ? <p className="form-field__error">{error}</p> : null}
      <div className="row-table__buttons">
        <button
          ref={addRef}
          type="button"
          className="button button--small"
          onClick={() => {
            form.addRow(table);
            pendingFocus.current = { kind: 'added' };
            setMoved(null);
          }}
        >
          {addLabel}
        </button>
        {extra}
      </div>
    </fieldset>
  );
}
