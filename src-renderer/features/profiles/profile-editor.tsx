/**
 * The editor of a client-credentials profile (Kore's field set): inline validation with the shared
 * schema, server field errors mapped onto fields, a summary on a failed save, Save and Delete.
 * Name and Authorization Type are read-only once the profile exists (Kore's rule).
 */
import { useState, type FormEvent } from 'react';
import { FormField, fieldId } from '../../components/form-field';
import { CLIENT_AUTH_METHODS, FIELD_LABELS, GRANT_TYPE_LABELS, insecureUrlWarning, type ClientAuthMethod, type ProfileView } from '../../../src-shared/profile';
import { DeleteProfile } from './delete-profile';
import { ErrorSummary } from './error-summary';
import { ScopeTable } from './scope-table';
import { SecretField } from './secret-field';
import type { ProfileForm } from './use-profile-form';

const AUTH_METHOD_LABELS: Record<ClientAuthMethod, string> = {
  client_secret_basic: 'client_secret_basic — HTTP Basic header',
  client_secret_post: 'client_secret_post — in the request body',
  none: 'none — public client, no secret',
};

interface ProfileEditorProps {
  form: ProfileForm;
  /** The stored profile, or null while creating one. */
  view: ProfileView | null;
}

/** The profile form. */
export function ProfileEditor({ form, view }: ProfileEditorProps) {
  const [attempt, setAttempt] = useState(0);
  const { draft } = form;
  const label = (path: string) => FIELD_LABELS[path] ?? path;

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setAttempt((n) => n + 1);
    void form.submit();
  };

  /** Props for a plain text input bound to a draft field. */
  const text = (field: 'name' | 'identityProviderName' | 'clientId' | 'tokenUrl') => ({
    className: 'input',
    value: draft[field],
    onChange: (e: { target: { value: string } }) => form.setField(field, e.target.value),
    onBlur: () => form.touch(field),
  });

  return (
    <form className="editor" onSubmit={onSubmit} noValidate aria-labelledby="editor-title">
      <h2 id="editor-title" className="section-title">
        Profile
      </h2>
      <ErrorSummary message={form.formError} errors={form.visibleErrors()} attempt={attempt} />

      <FormField
        id={fieldId('name')}
        label={label('name')}
        required={!view}
        help={view ? 'Cannot be changed after the profile is created.' : 'Unique; cannot be changed later.'}
        error={form.errorFor('name')}
      >
        {(control) => <input {...control} {...text('name')} readOnly={!!view} autoComplete="off" />}
      </FormField>

      <FormField id={fieldId('grantType')} label={label('grantType')}>
        {(control) => <input {...control} className="input" value={GRANT_TYPE_LABELS.client_credentials} readOnly />}
      </FormField>

      <FormField id={fieldId('identityProviderName')} label={label('identityProviderName')} required help="e.g. Okta, Auth0, Keycloak" error={form.errorFor('identityProviderName')}>
        {(control) => <input {...control} {...text('identityProviderName')} autoComplete="off" />}
      </FormField>

      <FormField id={fieldId('description')} label={label('description')} error={form.errorFor('description')}>
        {(control) => (
          <textarea
            {...control}
            className="input textarea"
            rows={2}
            value={draft.description}
            onChange={(e) => form.setField('description', e.target.value)}
            onBlur={() => form.touch('description')}
          />
        )}
      </FormField>

      <FormField id={fieldId('clientId')} label={label('clientId')} required error={form.errorFor('clientId')}>
        {(control) => <input {...control} {...text('clientId')} autoComplete="off" spellCheck={false} />}
      </FormField>

      <SecretField form={form} stored={!!view?.secrets.clientSecret} needed={draft.clientAuthMethod !== 'none'} />

      <FormField id={fieldId('clientAuthMethod')} label={label('clientAuthMethod')} help="How the client proves its identity to the token endpoint (RFC 6749 §2.3.1)." error={form.errorFor('clientAuthMethod')}>
        {(control) => (
          <select {...control} className="input select" value={draft.clientAuthMethod} onChange={(e) => form.setField('clientAuthMethod', e.target.value)}>
            {CLIENT_AUTH_METHODS.map((method) => (
              <option key={method} value={method}>
                {AUTH_METHOD_LABELS[method]}
              </option>
            ))}
          </select>
        )}
      </FormField>

      <FormField
        id={fieldId('tokenUrl')}
        label={label('tokenUrl')}
        required
        warning={insecureUrlWarning(draft.tokenUrl)}
        error={form.errorFor('tokenUrl')}
      >
        {(control) => <input {...control} {...text('tokenUrl')} type="url" inputMode="url" placeholder="https://idp.example.com/oauth2/token" spellCheck={false} autoComplete="off" />}
      </FormField>

      <ScopeTable form={form} />

      <div className="editor__actions">
        <button type="submit" className="button button--primary" disabled={form.saving}>
          {form.saving ? 'Saving…' : 'Save'}
        </button>
        {form.dirty && view ? <span className="editor__dirty">Unsaved changes</span> : null}
        <span className="spacer" />
        {view ? <DeleteProfile id={view.id} name={view.name} /> : null}
      </div>
    </form>
  );
}
