/**
 * Pushed authorization requests (RFC 9126) for the OAuth v2 profile, in the Endpoints section under the Authorization
 * URL: when a Test pushes the authorization request (Auto, Always, Never) and where (the Pushed Authorization Request
 * URL, filled from the issuer's `pushed_authorization_request_endpoint`).
 */
import { PAR_MODES, PAR_MODE_LABELS } from '../../../../src-shared/par-profile';
import type { ProfileForm } from '../form/use-profile-form';
import { SelectInput, UrlInput } from './bound-fields';

const MODE_HELP = {
  auto: 'A Test pushes the authorization request only when the IdP’s metadata (read from the Issuer) says require_pushed_authorization_requests.',
  always:
    'A Test first POSTs the authorization request, with the client authentication, to the Pushed Authorization Request URL; the browser then gets only a request_uri (RFC 9126).',
  never: 'The browser gets the whole authorization request in its URL; an IdP that requires PAR refuses it.',
} as const;

/** The PAR choice and, unless Never, its URL. */
export function ParFields({ form }: { form: ProfileForm }) {
  const mode = form.draft.pushedAuthorization ?? 'auto';
  return (
    <div className="field-group">
      <SelectInput
        form={form}
        path="pushedAuthorization"
        help={MODE_HELP[mode]}
        options={PAR_MODES.map((m) => [m, PAR_MODE_LABELS[m]] as const)}
      />
      {mode === 'never' ? null : (
        <UrlInput
          form={form}
          path="pushedAuthorizationRequestUrl"
          required={mode === 'always' && !String(form.value('issuer') ?? '').trim()}
          placeholder="https://idp.example.com/oauth2/par"
          help="Optional with an Issuer: its metadata's pushed_authorization_request_endpoint is used when this is empty (RFC 9126 §5). It receives the client secret or assertion, like the Token Request URL."
        />
      )}
    </div>
  );
}
