/**
 * A labelled form row: label, control, help text, a non-blocking warning and the field's error, wired
 * for assistive technology (`aria-invalid`, `aria-describedby`). The control is rendered by `children`
 * with the props it must spread.
 */
import type { ReactNode } from 'react';

/** Props a control spreads so it is labelled and described by its row. */
export interface ControlProps {
  id: string;
  'aria-invalid': boolean;
  'aria-describedby': string | undefined;
  'aria-required': boolean | undefined;
}

interface FormFieldProps {
  id: string;
  label: string;
  required?: boolean;
  help?: ReactNode;
  warning?: string | null;
  error?: string;
  /** Rendered after the label (e.g. a character count). */
  aside?: ReactNode;
  children: (control: ControlProps) => ReactNode;
}

/** DOM id of a field's control, from its dotted path (`scopes.0.key` -> `field-scopes-0-key`). */
export function fieldId(path: string): string {
  return `field-${path.replace(/[^A-Za-z0-9_-]/g, '-')}`;
}

/** One labelled field with its messages. */
export function FormField({ id, label, required, help, warning, error, aside, children }: FormFieldProps) {
  const helpId = help ? `${id}-help` : undefined;
  const warningId = warning ? `${id}-warning` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const describedBy = [errorId, warningId, helpId].filter(Boolean).join(' ') || undefined;
  return (
    <div className={`form-field${error ? ' has-error' : ''}`}>
      <div className="form-field__label-row">
        <label htmlFor={id} className="form-field__label">
          {label}
        </label>
        {/* Outside the label so the accessible name stays the field's name; aria-required says it. */}
        {required ? (
          <span className="form-field__required" aria-hidden="true">
            *
          </span>
        ) : null}
        {aside}
      </div>
      {children({
        id,
        'aria-invalid': !!error,
        'aria-describedby': describedBy,
        'aria-required': required || undefined,
      })}
      <FieldMessages ids={{ errorId, warningId, helpId }} error={error} warning={warning} help={help} />
    </div>
  );
}

/** A field's error, warning and help lines, each with the id its control's aria-describedby names. */
export function FieldMessages({
  ids,
  error,
  warning,
  help,
}: {
  ids: { errorId?: string; warningId?: string; helpId?: string };
  error?: string;
  warning?: string | null;
  help?: ReactNode;
}) {
  return (
    <>
      {error ? (
        <p id={ids.errorId} className="form-field__error">
          {error}
        </p>
      ) : null}
      {warning ? (
        <p id={ids.warningId} className="form-field__warning">
          {warning}
        </p>
      ) : null}
      {help ? (
        <p id={ids.helpId} className="form-field__help">
          {help}
        </p>
      ) : null}
    </>
  );
}
