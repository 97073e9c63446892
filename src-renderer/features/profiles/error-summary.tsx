/**
 * The summary shown after a failed save: the server's message and every field error, each a link that
 * moves focus to its field. It takes focus when it appears so keyboard and screen-reader users hear it.
 */
import { focusElement } from '../../components/focus';
import { useEffect, useRef } from 'react';
import { fieldId } from '../../components/form-field';
import { fieldLabel } from './form/field-labels';
import type { FieldErrors } from './form/profile-draft';

interface ErrorSummaryProps {
  message: string | null;
  errors: FieldErrors;
  /** Changes on every save attempt, so the summary re-takes focus. */
  attempt: number;
}

/** A list of what blocks the save; renders nothing when there is nothing to say. */
export function ErrorSummary({ message, errors, attempt }: ErrorSummaryProps) {
  const ref = useRef<HTMLDivElement>(null);
  const entries = Object.entries(errors);
  const visible = message !== null || entries.length > 0;

  useEffect(() => {
    if (visible && attempt > 0) ref.current?.focus();
  }, [visible, attempt]);

  if (!visible) return null;
  return (
    <div ref={ref} className="error-summary" role="alert" tabIndex={-1} aria-labelledby="error-summary-title">
      <h3 id="error-summary-title" className="error-summary__title">
        {entries.length > 0
          ? `The profile was not saved: ${entries.length === 1 ? '1 field needs' : `${entries.length} fields need`} attention`
          : 'The profile was not saved'}
      </h3>
      {message ? <p className="error-summary__message">{message}</p> : null}
      {entries.length > 0 ? (
        <ul className="error-summary__list">
          {entries.map(([path, text]) => (
            <li key={path}>
              <a
                href={`#${fieldId(path)}`}
                onClick={(e) => {
                  e.preventDefault();
                  focusElement(fieldId(path));
                }}
              >
                {fieldLabel(path)}: {text}
              </a>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
