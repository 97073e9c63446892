/**
 * How a user authorizes (authorization code and password grant): Authorization Mode, the stored
 * username and password (password grant, pre-authorize), PKCE (authorization code), Additional Fields
 * and IDP Form Fields (every grant: how a typed `{{field}}` is asked for; client credentials show only these).
 */
import { GRANT_INFO } from '../../../../src-shared/grants';
import { AUTHORIZATION_MODES, type AuthorizationMode } from '../../../../src-shared/profile';
import { has } from '../form/grant-forms';
import { keepsUserCredentials } from '../form/secrets-draft';
import type { ProfileForm } from '../form/use-profile-form';
import { SelectInput } from './bound-fields';
import { signInModeHelp } from './token-help';
import { IdpFormFields } from './idp-form-fields';
import { PkceFields } from './pkce-fields';
import { RowTable } from './row-table';
import { SecretField } from './secret-field';
import { Section } from './section';

const MODE_LABELS: Record<AuthorizationMode, string> = { user: 'User authorize', pre_authorize: 'Pre-authorize' };

function modeHelp(form: ProfileForm): string {
  const { draft } = form;
  const { authorizationMode } = draft;
  // A grant with user credentials asks for them at Test time; the others sign in in the browser.
  if (GRANT_INFO[draft.grantType].userSecrets.length > 0) {
    if (authorizationMode === 'pre_authorize')
      return 'The username and password below are kept in the OS keychain and used for every Test.';
    const stored = form.stored?.username || form.stored?.password;
    return `The person running Test types the username and password; nothing is stored.${stored ? ' The stored username and password are removed when you save.' : ''}`;
  }
  return signInModeHelp(draft);
}

/** The Authorization section; for client credentials, only its IDP Form Fields. */
export function AuthorizationSection({ form }: { form: ProfileForm }) {
  const { draft } = form;
  if (!has(draft, 'authorizationMode'))
    return (
      <Section id="section-authorization" title="Test-time fields">
        <IdpFormFields form={form} />
      </Section>
    );
  // Where there is an authorization request (the browser sign-in), additional fields go on it too.
  const requests = has(draft, 'authorizationUrl') ? 'authorization and token' : 'token';
  return (
    <Section id="section-authorization" title="User authorization">
      <SelectInput
        form={form}
        path="authorizationMode"
        help={modeHelp(form)}
        options={AUTHORIZATION_MODES.map((m) => [m, MODE_LABELS[m]] as const)}
      />
      {keepsUserCredentials(draft) ? (
        <div className="field-pair">
          <SecretField form={form} field="username" plain />
          <SecretField form={form} field="password" />
        </div>
      ) : null}
      {has(draft, 'pkce') ? <PkceFields form={form} /> : null}
      <RowTable
        form={form}
        table="additionalFields"
        legend="Additional Fields"
        help={
          <>
            Extra parameters sent with the {requests} requests (e.g. <code>audience</code> or a PIN); values may use{' '}
            <code>{'{{field}}'}</code> templates.
          </>
        }
        empty="No additional fields."
        addLabel="Add additional field"
        columns={[
          { part: 'key', header: 'Key', code: true },
          { part: 'value', header: 'Value', code: true },
        ]}
      />
      <IdpFormFields form={form} />
    </Section>
  );
}
