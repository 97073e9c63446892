/**
 * One editable cell of a table row (text, select or checkbox), bound to `<table>.<index>.<part>` with
 * its error below it. The control is named "Scope key 1" (table, row number); card layout adds a
 * visible label.
 */
import { fieldId } from '../../../components/form-field';
import { cellLabel } from '../form/field-labels';
import type { TableName } from '../form/profile-draft';
import type { ProfileForm } from '../form/use-profile-form';

/** How one part of a row is edited. */
export interface Column {
  part: string;
  header: string;
  kind?: 'text' | 'select' | 'checkbox';
  options?: ReadonlyArray<readonly [string, string]>;
  placeholder?: string;
  /** Monospace, no spell-check. */
  code?: boolean;
  /** Card layout: spans both grid columns. */
  wide?: boolean;
}

interface RowCellProps {
  form: ProfileForm;
  table: TableName;
  index: number;
  column: Column;
  value: unknown;
  /** Show a visible label (card layout) instead of naming the control only for assistive technology. */
  visibleLabel?: boolean;
}

/** The control and error of one cell. */
export function RowCell({ form, table, index, column, value, visibleLabel }: RowCellProps) {
  const path = `${table}.${index}.${column.part}`;
  const id = fieldId(path);
  const error = form.errorFor(path);
  const errorId = `${id}-error`;
  const name = cellLabel(table, column.part, index);
  const common = {
    id,
    'aria-invalid': !!error,
    'aria-describedby': error ? errorId : undefined,
    // Also in card layout: the visible label ("Title") is part of the name ("IDP form field title 1").
    'aria-label': name,
    onBlur: () => form.touch(path),
  };
  const set = (next: unknown) => form.setCell(table, index, column.part as never, next);

  let control;
  if (column.kind === 'checkbox') {
    control = (
      <span className="checkbox-cell">
        <input {...common} type="checkbox" checked={Boolean(value)} onChange={(e) => set(e.target.checked)} />
        {visibleLabel ? <label htmlFor={id}>{column.header}</label> : null}
      </span>
    );
  } else if (column.kind === 'select') {
    control = (
      <select {...common} className="input select" value={String(value)} onChange={(e) => set(e.target.value)}>
        {(column.options ?? []).map(([v, text]) => (
          <option key={v} value={v}>
            {text}
          </option>
        ))}
      </select>
    );
  } else {
    control = (
      <input
        {...common}
        className={`input${column.code ? ' input--code' : ''}`}
        value={String(value ?? '')}
        placeholder={column.placeholder}
        spellCheck={column.code ? false : undefined}
        autoComplete="off"
        onChange={(e) => set(e.target.value)}
      />
    );
  }

  return (
    <div className={`row-cell${column.wide ? ' row-cell--wide' : ''}`}>
      {visibleLabel && column.kind !== 'checkbox' ? (
        <label htmlFor={id} className="row-cell__label">
          {column.header}
        </label>
      ) : null}
      {control}
      {error ? (
        <p id={errorId} className="form-field__error">
          {error}
        </p>
      ) : null}
    </div>
  );
}
