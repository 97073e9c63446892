/**
 * The Client Secret field. A stored secret is shown only as "Set" with Replace / Remove: its value
 * never comes back from main (SECURITY.md S3). A typed value is kept out of the DOM's attributes
 * (uncontrolled input) and sent once, in `secrets.clientSecret`, on save.
 */
import { useEffect, useRef } from 'react';
import { FormField, fieldId } from '../../components/form-field';
import { FIELD_LABELS } from '../../../src-shared/profile';
import type { ProfileForm } from './use-profile-form';

interface SecretFieldProps {
  form: ProfileForm;
  /** Whether the keychain holds a secret for this profile. */
  stored: boolean;
  /** False for a public client (Client Authentication `none`). */
  needed: boolean;
}

/** Client Secret: a password input, or "Set" with Replace / Remove when one is stored. */
export function SecretField({ form, stored, needed }: SecretFieldProps) {
  const id = fieldId('clientSecret');
  const inputRef = useRef<HTMLInputElement>(null);
  const { mode } = form.secret;
  const replacing = stored && mode === 'new';

  // Replace moves focus to the new input so keyboard users land where they type.
  useEffect(() => {
    if (replacing) inputRef.current?.focus();
  }, [replacing]);

  const help = !needed
    ? 'Not used: Client Authentication is none (a public client).'
    : mode === 'new' && !stored
      ? 'Stored in the OS keychain, never in the profile database. Needed before the profile can be tested.'
      : mode === 'new'
        ? 'The new value replaces the stored one when you save.'
        : null;

  return (
    <FormField id={id} label={FIELD_LABELS.clientSecret ?? 'Client Secret'} help={help} error={form.errorFor('clientSecret')}>
      {(control) =>
        mode === 'new' ? (
          <div className="secret-field">
            <input
              {...control}
              ref={inputRef}
              type="password"
              className="input"
              autoComplete="off"
              spellCheck={false}
              onChange={(e) => form.setSecret({ mode: 'new', value: e.target.value })}
              onBlur={() => form.touch('clientSecret')}
            />
            {stored ? (
              <button type="button" className="button button--ghost" onClick={() => form.setSecret({ mode: 'stored', value: '' })}>
                Keep current
              </button>
            ) : null}
          </div>
        ) : (
          <div className="secret-field" id={control.id} role="group" aria-label="Client Secret" tabIndex={-1} aria-describedby={control['aria-describedby']}>
            {mode === 'stored' ? (
              <span className="badge badge--ok">Set</span>
            ) : (
              <span className="badge badge--warn">Will be removed on save</span>
            )}
            {mode === 'stored' ? (
              <>
                <button type="button" className="button" aria-label="Replace Client Secret" onClick={() => form.setSecret({ mode: 'new', value: '' })}>
                  Replace
                </button>
                <button type="button" className="button button--ghost" aria-label="Remove Client Secret" onClick={() => form.setSecret({ mode: 'remove', value: '' })}>
                  Remove
                </button>
              </>
            ) : (
              <button type="button" className="button button--ghost" onClick={() => form.setSecret({ mode: 'stored', value: '' })}>
                Undo
              </button>
            )}
          </div>
        )
      }
    </FormField>
  );
}
