/**
 * Using the token: Authorization Fields (how the token is attached to API calls; values are templates
 * such as `Bearer {{access_token}}`), the Authorization Check URL with its Auth Error Status Codes, and
 * consent to refresh tokens automatically.
 */
import { useEffect, useRef } from 'react';
import { fieldId } from '../../../components/form-field';
import { AUTHORIZATION_FIELD_TYPES } from '../../../../src-shared/profile-fields';
import { authFieldRow } from '../form/profile-draft';
import type { ProfileForm } from '../form/use-profile-form';
import { TextInput, Toggle, UrlInput } from './bound-fields';
import { DpopFields } from './dpop-fields';
import { RowTable } from './row-table';
import { Section } from './section';
import { autoRefreshHelp } from './token-help';

const TYPE_LABELS: Record<(typeof AUTHORIZATION_FIELD_TYPES)[number], string> = {
  header: 'Header',
  payload: 'Payload',
  query: 'Query string',
  path: 'Path param',
};

/** The "Using the token" section. */
export function TokenUseSection({ form }: { form: ProfileForm }) {
  const hasBearer = form.draft.authorizationFields.some(
    (f) => f.type === 'header' && f.key.toLowerCase() === 'authorization',
  );
  // The quick-add disappears once used: focus moves to the value of the row it added, not to the page.
  const addedRow = useRef<number | null>(null);
  useEffect(() => {
    if (addedRow.current === null) return;
    document.getElementById(fieldId(`authorizationFields.${addedRow.current}.value`))?.focus();
    addedRow.current = null;
  });
  return (
    <Section
      id="section-token-use"
      title="Using the token"
      intro="How an obtained token is attached to API calls, and how Authbench checks that it works."
    >
      <RowTable
        form={form}
        table="authorizationFields"
        legend="Authorization Fields"
        help={
          <>
            Values are templates: <code>{'{{access_token}}'}</code>, <code>{'{{token_type}}'}</code>,{' '}
            <code>{'{{refresh_token}}'}</code> (when the IdP returned one) and any <code>{'{{field}}'}</code> typed at
            Test time. A path param replaces <code>{'{key}'}</code> in the Authorization Check URL.
          </>
        }
        empty="No authorization fields."
        addLabel="Add authorization field"
        extra={
          hasBearer ? null : (
            <button
              type="button"
              className="button button--small quick-add"
              onClick={() => {
                addedRow.current = form.draft.authorizationFields.length;
                form.addRow('authorizationFields', authFieldRow('header', 'Authorization', 'Bearer {{access_token}}'));
              }}
            >
              Add “Authorization: Bearer {'{{access_token}}'}”
            </button>
          )
        }
        columns={[
          {
            part: 'type',
            header: 'Type',
            kind: 'select',
            options: AUTHORIZATION_FIELD_TYPES.map((t) => [t, TYPE_LABELS[t]] as const),
          },
          { part: 'key', header: 'Key', code: true, placeholder: 'Authorization' },
          { part: 'value', header: 'Value', code: true, placeholder: 'Bearer {{access_token}}' },
        ]}
      />
      <UrlInput
        form={form}
        path="checkUrl"
        placeholder="https://api.example.com/me"
        help="Optional: an API called with the new token to prove it works."
      />
      <TextInput
        form={form}
        path="authErrorStatusCodes"
        inputMode="numeric"
        code
        placeholder="401, 403"
        help="Comma-separated. A check response with one of these means the token was rejected: Authbench refreshes once and retries."
      />
      <Toggle form={form} path="autoRefresh" label="Auto-refresh token" help={autoRefreshHelp(form.draft)} />
      <DpopFields form={form} />
    </Section>
  );
}
