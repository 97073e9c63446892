/**
 * Endpoints: the Issuer with "Fill from issuer" (OIDC Discovery 1.0 §4, RFC 8414 §3), the Authorization URL
 * (authorization code), the Device Authorization URL (device code, RFC 8628 §3.1), Token Request URL, Refresh Token URL, the loopback Callback URL, and the Token tools URLs. URLs may contain
 * `{tenant}` when Tenancy is on, and `{{field}}`s typed at Test time (src-shared/dynamic-fields.ts).
 */
import { has } from '../form/grant-forms';
import type { ProfileForm } from '../form/use-profile-form';
import { UrlInput } from './bound-fields';
import { CallbackUrl } from './callback-url';
import { FillFromIssuer } from './fill-from-issuer';
import { ParFields } from './par-fields';
import { Section } from './section';
import { TokenToolsUrls } from './token-tools-urls';

/** The Endpoints section; `profileId` is the stored profile's (its CA bundle and proxy apply to discovery). */
export function EndpointsSection({ form, profileId }: { form: ProfileForm; profileId?: string }) {
  const { draft } = form;
  const authCode = has(draft, 'authorizationUrl');
  return (
    <Section id="section-endpoints" title="Endpoints">
      <UrlInput
        form={form}
        path="issuer"
        placeholder="https://idp.example.com"
        help={
          <>
            Optional: the IdP&apos;s issuer. A Test first reads its metadata (<code>.well-known</code>) and warns where
            this profile differs.
            {authCode ? (
              <>
                {' '}
                It is also the <code>iss</code> the callback must carry (RFC 9207); the Authorization URL&apos;s origin
                when empty.
              </>
            ) : null}
          </>
        }
      />
      <FillFromIssuer form={form} profileId={profileId} />
      {authCode ? (
        <UrlInput form={form} path="authorizationUrl" required placeholder="https://idp.example.com/oauth2/authorize" />
      ) : null}
      {has(draft, 'pushedAuthorization') ? <ParFields form={form} /> : null}
      {has(draft, 'deviceAuthorizationUrl') ? (
        <UrlInput
          form={form}
          path="deviceAuthorizationUrl"
          required
          placeholder="https://idp.example.com/oauth2/device/authorize"
          help="Where a Test asks for the device code and the user code to show (RFC 8628 §3.1: device_authorization_endpoint)."
        />
      ) : null}
      <UrlInput
        form={form}
        path="tokenUrl"
        required
        placeholder="https://idp.example.com/oauth2/token"
        help={
          <>
            Every URL here may use <code>{'{{field}}'}</code>s, asked for when you press Test: a value is
            percent-encoded so it stays in its path segment, query or fragment, or must be one label in a host; never in
            the scheme, user info or port.
          </>
        }
      />
      <UrlInput
        form={form}
        path="refreshTokenUrl"
        placeholder="Same as the Token Request URL"
        help="Optional: where refresh requests go (RFC 6749 §6); the Token Request URL when empty."
      />
      {authCode ? <CallbackUrl form={form} /> : null}
      <TokenToolsUrls form={form} />
    </Section>
  );
}
