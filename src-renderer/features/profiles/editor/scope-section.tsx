/**
 * Scope and tenancy: Kore's Scope key/value pairs (values of `scope` keys are joined with spaces into
 * the `scope` parameter, RFC 6749 §3.3; other keys are sent as extra parameters) and the Tenancy switch
 * that allows `{tenant}` in URLs.
 */
import { TENANT_PLACEHOLDER } from '../../../../src-shared/profile';
import type { ProfileForm } from '../form/use-profile-form';
import { Toggle } from './bound-fields';
import { RowTable } from './row-table';
import { Section } from './section';

/** The Scope table and the Tenancy switch. */
export function ScopeSection({ form }: { form: ProfileForm }) {
  return (
    <Section id="section-scope" title="Scope and tenancy">
      <RowTable
        form={form}
        table="scopes"
        legend="Scope"
        help={
          <>
            Values of <code>scope</code> keys are joined with spaces into the <code>scope</code> parameter; other keys
            are sent as extra parameters.
          </>
        }
        empty="No scope parameters: the IdP grants its default scope."
        addLabel="Add scope"
        columns={[
          { part: 'key', header: 'Key', code: true, placeholder: 'scope' },
          { part: 'value', header: 'Value', code: true, placeholder: 'e.g. openid api:read' },
        ]}
      />
      <Toggle
        form={form}
        path="tenancy.enabled"
        label="Tenancy"
        help={
          <>
            When on, URLs may contain <code>{TENANT_PLACEHOLDER}</code> — e.g.{' '}
            <code>https://{TENANT_PLACEHOLDER}.okta.com/oauth2/v1/token</code> — and Test asks for the tenant (letters,
            digits, <code>.</code> <code>_</code> <code>-</code>).
          </>
        }
      />
    </Section>
  );
}
