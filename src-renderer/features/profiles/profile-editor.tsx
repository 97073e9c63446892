/**
 * The profile editor: sections that show only the fields of the profile's Authorization Type, inline
 * validation with the shared schema, server field errors mapped onto fields, a summary on a failed
 * save, section chips that stay at the top while the form scrolls, and a sticky bar with Save, Duplicate as…
 * and Delete. Name and Authorization Type are read-only once the profile exists (Kore's rule).
 */
import { useShortcut } from '../../components/use-shortcut';
import { useRef, useState, type FormEvent } from 'react';
import type { ProfileView } from '../../../src-shared/profile';
import { DeleteProfile } from './delete-profile';
import { DuplicateProfile } from './duplicate-profile';
import { AuthorizationSection } from './editor/authorization-section';
import { ClientSection } from './editor/client-section';
import { EndpointsSection } from './editor/endpoints-section';
import { GeneralSection } from './editor/general-section';
import { JwtBearerSection } from './editor/jwt-bearer-section';
import { ScopeSection } from './editor/scope-section';
import { TlsSection } from './editor/tls-section';
import { TokenExchangeSection } from './editor/token-exchange-section';
import { TokenRequestSection } from './editor/token-request-section';
import { TokenUseSection } from './editor/token-use-section';
import { SectionIndex } from './editor/section-index';
import { ErrorSummary } from './error-summary';
import { OriginChangeConfirm } from './origin-change-confirm';
import type { ProfileForm } from './form/use-profile-form';
import { has } from './form/grant-forms';

interface ProfileEditorProps {
  form: ProfileForm;
  /** The stored profile, or null while creating one. */
  view: ProfileView | null;
}

/** The profile form. */
export function ProfileEditor({ form, view }: ProfileEditorProps) {
  const [attempt, setAttempt] = useState(0);

  const formRef = useRef<HTMLFormElement>(null);
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setAttempt((n) => n + 1);
    void form.submit();
  };
  // Ctrl/⌘+S saves, as in any editor.
  useShortcut('s', () => formRef.current?.requestSubmit());

  return (
    <form ref={formRef} className="editor" onSubmit={onSubmit} noValidate aria-labelledby="editor-title">
      <h2 id="editor-title" className="section-title">
        Profile
      </h2>
      <SectionIndex form={form} />
      <ErrorSummary message={form.formError} errors={form.visibleErrors()} attempt={attempt} />
      <GeneralSection form={form} />
      <ClientSection form={form} />
      {has(form.draft, 'jwtBearer') ? <JwtBearerSection form={form} /> : null}
      {has(form.draft, 'tokenExchange') ? <TokenExchangeSection form={form} /> : null}
      <EndpointsSection form={form} profileId={view?.id} />
      <ScopeSection form={form} />
      <AuthorizationSection form={form} />
      <TokenRequestSection form={form} />
      <TokenUseSection form={form} />
      <TlsSection form={form} />
      <OriginChangeConfirm form={form} />

      <div className="editor__actions">
        <button
          type="submit"
          className="button button--primary"
          disabled={form.saving}
          title="Save (Ctrl+S)"
          aria-keyshortcuts="Control+S Meta+S"
        >
          {form.saving ? 'Saving…' : 'Save'}
        </button>
        {form.dirty && view ? <span className="editor__dirty">Unsaved changes</span> : null}
        <span className="spacer" />
        {view ? <DuplicateProfile view={view} dirty={form.dirty} /> : null}
        {view ? <DeleteProfile id={view.id} name={view.name} /> : null}
      </div>
    </form>
  );
}
