/**
 * The "Token tools" group of the Endpoints section: the Introspection URL (RFC 7662), Revocation URL (RFC 7009) and
 * UserInfo URL (OIDC Core §5.3) the token view's Introspect, Revoke and UserInfo buttons call with the held token.
 */
import type { ProfileForm } from '../form/use-profile-form';
import { UrlInput } from './bound-fields';
import './token-tools-urls.css';

/** The three optional token-tool URLs, under a small heading. */
export function TokenToolsUrls({ form }: { form: ProfileForm }) {
  return (
    <div className="field-group" role="group" aria-labelledby="token-tools-urls-title">
      <div id="token-tools-urls-title" className="field-group__title">
        Token tools
      </div>
      <UrlInput
        form={form}
        path="introspectionUrl"
        placeholder="https://idp.example.com/oauth2/introspect"
        help="Optional: where Introspect asks whether the held token is active (RFC 7662: introspection_endpoint)."
      />
      <UrlInput
        form={form}
        path="revocationUrl"
        placeholder="https://idp.example.com/oauth2/revoke"
        help="Optional: where Revoke revokes the held token (RFC 7009: revocation_endpoint)."
      />
      <UrlInput
        form={form}
        path="userinfoUrl"
        placeholder="https://idp.example.com/userinfo"
        help="Optional: where UserInfo reads the signed-in user's claims with the access token (OIDC Core §5.3: userinfo_endpoint)."
      />
    </div>
  );
}
