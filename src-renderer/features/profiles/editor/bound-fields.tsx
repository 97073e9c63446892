/**
 * Form controls bound to one draft field by its path: the value, `onChange`, "touched" on blur, the
 * field's error and its label all come from the path, so a section lists fields in a line each.
 */
import type { ReactNode } from 'react';
import { FormField, fieldId, FieldMessages } from '../../../components/form-field';
import { insecureUrlWarning } from '../../../../src-shared/profile';
import type { DraftPath } from '../form/draft-paths';
import { fieldLabel } from '../form/field-labels';
import type { ProfileForm } from '../form/use-profile-form';

interface BoundProps {
  form: ProfileForm;
  path: DraftPath;
  label?: string;
  required?: boolean;
  help?: ReactNode;
  warning?: string | null;
}

interface TextProps extends BoundProps {
  placeholder?: string;
  readOnly?: boolean;
  inputMode?: 'text' | 'url' | 'numeric';
  /** Monospace, no spell-check: identifiers, URLs, keys. */
  code?: boolean;
}

/** A one-line text input. */
export function TextInput({
  form,
  path,
  label,
  required,
  help,
  warning,
  placeholder,
  readOnly,
  inputMode,
  code,
}: TextProps) {
  return (
    <FormField
      id={fieldId(path)}
      label={label ?? fieldLabel(path)}
      required={required}
      help={help}
      warning={warning}
      error={form.errorFor(path)}
    >
      {(control) => (
        <input
          {...control}
          className={`input${code ? ' input--code' : ''}`}
          value={String(form.value(path) ?? '')}
          placeholder={placeholder}
          readOnly={readOnly}
          inputMode={inputMode}
          spellCheck={code ? false : undefined}
          autoComplete="off"
          onChange={(e) => form.set(path, e.target.value)}
          onBlur={() => form.touch(path)}
        />
      )}
    </FormField>
  );
}

/** A URL input with the plain-http warning of the shared model. */
export function UrlInput(props: Omit<TextProps, 'inputMode' | 'code' | 'warning'>) {
  return (
    <TextInput
      {...props}
      inputMode="url"
      code
      warning={insecureUrlWarning(String(props.form.value(props.path) ?? ''))}
    />
  );
}

/** A multi-line text input (PEM text, descriptions). */
export function TextArea({
  form,
  path,
  label,
  required,
  help,
  warning,
  placeholder,
  rows = 3,
  code,
  aside,
}: BoundProps & { placeholder?: string; rows?: number; code?: boolean; aside?: ReactNode }) {
  return (
    <FormField
      id={fieldId(path)}
      label={label ?? fieldLabel(path)}
      required={required}
      help={help}
      warning={warning}
      error={form.errorFor(path)}
      aside={aside}
    >
      {(control) => (
        <textarea
          {...control}
          className={`input textarea${code ? ' input--code' : ''}`}
          rows={rows}
          value={String(form.value(path) ?? '')}
          placeholder={placeholder}
          spellCheck={code ? false : undefined}
          onChange={(e) => form.set(path, e.target.value)}
          onBlur={() => form.touch(path)}
        />
      )}
    </FormField>
  );
}

/** A select over `options` ([value, label] pairs). */
export function SelectInput({
  form,
  path,
  label,
  help,
  warning,
  options,
}: BoundProps & { options: ReadonlyArray<readonly [string, string]> }) {
  return (
    <FormField
      id={fieldId(path)}
      label={label ?? fieldLabel(path)}
      help={help}
      warning={warning}
      error={form.errorFor(path)}
    >
      {(control) => (
        <select
          {...control}
          className="input select"
          value={String(form.value(path))}
          onChange={(e) => form.set(path, e.target.value)}
        >
          {options.map(([value, text]) => (
            <option key={value} value={value}>
              {text}
            </option>
          ))}
        </select>
      )}
    </FormField>
  );
}

/** An on/off switch (a checkbox with the switch role) with its label beside it. */
export function Toggle({ form, path, label, help, warning }: Omit<BoundProps, 'required'>) {
  const id = fieldId(path);
  const helpId = help ? `${id}-help` : undefined;
  const warningId = warning ? `${id}-warning` : undefined;
  const error = form.errorFor(path);
  return (
    <div className="toggle-field">
      <div className="toggle-field__row">
        <input
          id={id}
          type="checkbox"
          role="switch"
          className="switch"
          checked={Boolean(form.value(path))}
          aria-describedby={[warningId, helpId].filter(Boolean).join(' ') || undefined}
          onChange={(e) => form.set(path, e.target.checked)}
        />
        <label htmlFor={id} className="form-field__label">
          {label ?? fieldLabel(path)}
        </label>
      </div>
      <FieldMessages ids={{ warningId, helpId }} error={error} warning={warning} help={help} />
    </div>
  );
}
