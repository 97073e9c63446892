/**
 * PKCE for the authorization-code flow (RFC 7636): on by default with S256; `plain` and "off" are
 * allowed for IdPs that need them, each with a warning (docs/security.md, "OAuth defences").
 */
import type { ProfileForm } from '../form/use-profile-form';
import { SelectInput, Toggle } from './bound-fields';

/** The PKCE switch and method. */
export function PkceFields({ form }: { form: ProfileForm }) {
  const { pkce } = form.draft;
  return (
    <div className="field-group">
      <Toggle
        form={form}
        path="pkce.enabled"
        label="PKCE"
        help="Proof Key for Code Exchange (RFC 7636): binds the code to this app. Keep it on unless the IdP rejects it."
        warning={
          pkce.enabled
            ? null
            : 'Without PKCE an intercepted authorization code can be redeemed by anyone (RFC 9700 §2.1.1).'
        }
      />
      {pkce.enabled ? (
        <SelectInput
          form={form}
          path="pkce.method"
          label="PKCE Method"
          options={[
            ['S256', 'S256 — SHA-256 of the verifier (recommended)'],
            ['plain', 'plain — the verifier itself'],
          ]}
          warning={
            pkce.method === 'plain'
              ? 'plain sends the verifier itself in the authorization request: anyone who sees that request can redeem the code. Use S256 unless the IdP cannot (RFC 7636 §4.2).'
              : null
          }
        />
      ) : null}
    </div>
  );
}
