/**
 * "Fill from issuer": reads the IdP's metadata at the Issuer (OIDC Discovery 1.0 §4, RFC 8414 §3, in main) and
 * sets the Authorization URL, Device Authorization URL, Token Request URL and Refresh Token URL from its
 * `authorization_endpoint`, `pushed_authorization_request_endpoint` (RFC 9126 §5), `device_authorization_endpoint` (RFC 8628 §4) and `token_endpoint`, and the token tools
 * URLs from `introspection_endpoint`, `revocation_endpoint` and `userinfo_endpoint`. Shows progress while it reads, then what it filled or why it could not (with the IdP's words).
 */
import { useState } from 'react';
import { TENANT_PLACEHOLDER } from '../../../../src-shared/profile';
import { TOKEN_TOOL_URL_FIELDS } from '../../../../src-shared/token-tools';
import { toClientError } from '../../../api/client';
import { useProfilesStore } from '../profiles-store';
import { fieldLabel } from '../form/field-labels';
import { has } from '../form/grant-forms';
import type { ProfileForm } from '../form/use-profile-form';

/** What the button did last, for the issuer it read (an outcome for another issuer is not shown). */
type State =
  { kind: 'idle' } | { kind: 'reading'; issuer: string } | { kind: 'filled' | 'error'; issuer: string; text: string };

/**
 * The button, the tenant to read a `{tenant}` issuer with, and the outcome line; `profileId` is the stored
 * profile, whose CA bundle, client certificate and proxy apply.
 */
export function FillFromIssuer({ form, profileId }: { form: ProfileForm; profileId?: string }) {
  const discover = useProfilesStore((s) => s.discover);
  const [last, setState] = useState<State>({ kind: 'idle' });
  const [tenant, setTenant] = useState('');
  const issuer = String(form.value('issuer') ?? '').trim();
  const templated = issuer.includes(TENANT_PLACEHOLDER);
  const state: State = last.kind !== 'idle' && last.issuer === issuer ? last : { kind: 'idle' };

  const fill = async () => {
    setState({ kind: 'reading', issuer });
    try {
      const result = await discover({
        issuer,
        ...(templated && tenant ? { tenant } : {}),
        ...(profileId ? { profileId } : {}),
      });
      const filled: string[] = [];
      if (result.authorizationUrl && has(form.draft, 'authorizationUrl')) {
        form.set('authorizationUrl', result.authorizationUrl);
        filled.push(fieldLabel('authorizationUrl'));
      }
      if (result.pushedAuthorizationRequestUrl && has(form.draft, 'pushedAuthorizationRequestUrl')) {
        form.set('pushedAuthorizationRequestUrl', result.pushedAuthorizationRequestUrl);
        filled.push(fieldLabel('pushedAuthorizationRequestUrl'));
      }
      if (result.deviceAuthorizationUrl && has(form.draft, 'deviceAuthorizationUrl')) {
        form.set('deviceAuthorizationUrl', result.deviceAuthorizationUrl);
        filled.push(fieldLabel('deviceAuthorizationUrl'));
      }
      if (result.tokenUrl) {
        form.set('tokenUrl', result.tokenUrl);
        form.set('refreshTokenUrl', result.tokenUrl);
        filled.push(fieldLabel('tokenUrl'), fieldLabel('refreshTokenUrl'));
      }
      // The token tools' endpoints (RFC 7662, RFC 7009, OIDC Core §5.3), when the metadata names them.
      for (const field of TOKEN_TOOL_URL_FIELDS) {
        const url = result[field];
        if (!url) continue;
        form.set(field, url);
        filled.push(fieldLabel(field));
      }
      setState(
        filled.length
          ? { kind: 'filled', issuer, text: `Filled ${filled.join(', ')} from ${result.url}` }
          : { kind: 'error', issuer, text: `The metadata at ${result.url} names no authorization or token endpoint` },
      );
    } catch (err) {
      setState({ kind: 'error', issuer, text: `Could not read the IdP’s metadata: ${toClientError(err).message}` });
    }
  };

  return (
    <div className="fill-from-issuer">
      <div className="fill-from-issuer__row">
        {templated ? (
          <input
            className="input fill-from-issuer__tenant"
            aria-label="Tenant to read the issuer with"
            placeholder="Tenant"
            value={tenant}
            onChange={(e) => setTenant(e.target.value)}
          />
        ) : null}
        <button
          type="button"
          className="button button--small"
          disabled={!issuer || state.kind === 'reading' || (templated && !tenant)}
          onClick={() => void fill()}
        >
          Fill from issuer
        </button>
        {state.kind === 'reading' ? <span className="spinner" aria-hidden="true" /> : null}
        <span role="status" className="fill-from-issuer__status">
          {state.kind === 'reading' ? 'Reading the IdP’s metadata…' : state.kind === 'filled' ? state.text : ''}
        </span>
      </div>
      {state.kind === 'error' ? (
        <p role="alert" className="fill-from-issuer__error">
          {state.text}
        </p>
      ) : null}
    </div>
  );
}
