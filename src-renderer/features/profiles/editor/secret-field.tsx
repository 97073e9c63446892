/**
 * A secret field (client secret, username, password, private key, PFX, passphrase). A stored secret is shown
 * only as "Set" with Replace / Remove: its value never comes back from main (docs/security.md, "Where each
 * secret lives"). A typed value stays out of the DOM's attributes (uncontrolled input) and is sent once,
 * in the save's patch.
 */
import { useEffect, useRef } from 'react';
import { FormField, fieldId } from '../../../components/form-field';
import { FileTextButton } from '../../../components/file-text-button';
import { LIMITS, type SecretField as SecretName } from '../../../../src-shared/profile';
import { fieldLabel } from '../form/field-labels';
import type { ProfileForm } from '../form/use-profile-form';

interface SecretFieldProps {
  form: ProfileForm;
  field: SecretName;
  /** False when the current settings do not use it (e.g. Client Authentication `none`). */
  needed?: boolean;
  /** Why it is not needed. */
  unusedHelp?: string;
  /** A PEM key: a multi-line box with "Load from file…". */
  multiline?: boolean;
  /** A binary file (a PFX) loaded as base64 into the multi-line box. */
  binary?: boolean;
  /** Not a password (e.g. a username): typed text is visible while typing. */
  plain?: boolean;
}

/** A write-only secret input, or "Set" with Replace / Remove when the keychain holds one. */
export function SecretField({ form, field, needed = true, unusedHelp, multiline, binary, plain }: SecretFieldProps) {
  const id = fieldId(field);
  const label = fieldLabel(field);
  const inputRef = useRef<HTMLInputElement & HTMLTextAreaElement>(null);
  const { mode } = form.secrets[field];
  const stored = !!form.stored?.[field];
  const replacing = stored && mode === 'new';
  const setValue = (value: string) => form.setSecret(field, { mode: 'new', value });

  // Replace moves focus to the new input so keyboard users land where they type.
  useEffect(() => {
    if (replacing) inputRef.current?.focus();
  }, [replacing]);

  const help = !needed
    ? unusedHelp
    : mode === 'new' && !stored
      ? 'Stored in the OS keychain, never in the profile database. Needed before the profile can be tested.'
      : mode === 'new'
        ? 'The new value replaces the stored one when you save.'
        : null;

  const input = (control: object) =>
    multiline ? (
      <textarea
        {...control}
        ref={inputRef}
        className="input textarea input--code"
        rows={4}
        spellCheck={false}
        placeholder={binary ? 'The PFX file as base64' : '-----BEGIN PRIVATE KEY-----'}
        onChange={(e) => setValue(e.target.value)}
        onBlur={() => form.touch(field)}
      />
    ) : (
      <input
        {...control}
        ref={inputRef}
        type={plain ? 'text' : 'password'}
        className="input"
        autoComplete="off"
        spellCheck={false}
        onChange={(e) => setValue(e.target.value)}
        onBlur={() => form.touch(field)}
      />
    );

  return (
    <FormField
      id={id}
      label={label}
      help={help}
      error={form.errorFor(field)}
      aside={
        multiline && mode === 'new' ? (
          <FileTextButton
            label={`Load ${label} from a file`}
            encoding={binary ? 'base64' : 'text'}
            accept={binary ? '.pfx,.p12' : '.pem,.key,.txt'}
            maxBytes={binary ? Math.floor((LIMITS.certificate * 3) / 4) : LIMITS.certificate}
            onLoad={(text) => {
              if (inputRef.current) inputRef.current.value = text;
              setValue(text);
            }}
          />
        ) : null
      }
    >
      {(control) =>
        mode === 'new' ? (
          <div className={`secret-field${multiline ? ' secret-field--multiline' : ''}`}>
            {input(control)}
            {stored ? (
              <button
                type="button"
                className="button button--ghost"
                onClick={() => form.setSecret(field, { mode: 'stored', value: '' })}
              >
                Keep current
              </button>
            ) : null}
          </div>
        ) : (
          <div
            className="secret-field"
            id={control.id}
            role="group"
            aria-label={label}
            tabIndex={-1}
            aria-describedby={control['aria-describedby']}
          >
            {mode === 'stored' ? (
              <span className="badge badge--ok">Set</span>
            ) : (
              <span className="badge badge--warn">Will be removed on save</span>
            )}
            {mode === 'stored' ? (
              <>
                <button
                  type="button"
                  className="button"
                  aria-label={`Replace ${label}`}
                  onClick={() => form.setSecret(field, { mode: 'new', value: '' })}
                >
                  Replace
                </button>
                <button
                  type="button"
                  className="button button--ghost"
                  aria-label={`Remove ${label}`}
                  onClick={() => form.setSecret(field, { mode: 'remove', value: '' })}
                >
                  Remove
                </button>
              </>
            ) : (
              <button
                type="button"
                className="button button--ghost"
                onClick={() => form.setSecret(field, { mode: 'stored', value: '' })}
              >
                Undo
              </button>
            )}
          </div>
        )
      }
    </FormField>
  );
}
