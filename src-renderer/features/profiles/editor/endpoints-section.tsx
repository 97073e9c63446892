/**
 * Endpoints: Authorization URL and Issuer (authorization code), Token Request URL, Refresh Token URL,
 * and the loopback Callback URL. URLs may contain `{tenant}` when Tenancy is on.
 */
import { has } from '../form/grant-forms';
import type { ProfileForm } from '../form/use-profile-form';
import { UrlInput } from './bound-fields';
import { CallbackUrl } from './callback-url';
import { Section } from './section';

/** The Endpoints section. */
export function EndpointsSection({ form }: { form: ProfileForm }) {
  const { draft } = form;
  const authCode = has(draft, 'authorizationUrl');
  return (
    <Section id="section-endpoints" title="Endpoints">
      {authCode ? (
        <UrlInput form={form} path="authorizationUrl" required placeholder="https://idp.example.com/oauth2/authorize" />
      ) : null}
      <UrlInput form={form} path="tokenUrl" required placeholder="https://idp.example.com/oauth2/token" />
      <UrlInput
        form={form}
        path="refreshTokenUrl"
        placeholder="Same as the Token Request URL"
        help="Optional: where refresh requests go (RFC 6749 §6); the Token Request URL when empty."
      />
      {authCode ? (
        <>
          <UrlInput
            form={form}
            path="issuer"
            placeholder="The Authorization URL's origin"
            help={
              <>
                Optional: the <code>iss</code> the IdP&apos;s callback must carry (RFC 9207 mix-up defence); the
                Authorization URL&apos;s origin when empty.
              </>
            }
          />
          <CallbackUrl form={form} />
        </>
      ) : null}
    </Section>
  );
}
