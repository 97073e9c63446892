/**
 * The client assertion of private_key_jwt and client_secret_jwt (RFC 7523 §2.2, OIDC Core §9): the JWT Signing
 * Key (a keychain secret, PEM or JWK), the signing algorithm, the Key ID and the assertion's audience.
 */
import { KEY_SIGNING_ALGS, SECRET_SIGNING_ALGS } from '../../../../src-shared/client-auth';
import type { ProfileForm } from '../form/use-profile-form';
import { SelectInput, TextInput, UrlInput } from './bound-fields';
import { SecretField } from './secret-field';

/** "From the key" and the algorithms that fit: HS* for a secret, RS/PS/ES/EdDSA for a private key. */
export function algOptions(secret: boolean): Array<readonly [string, string]> {
  const algs: readonly string[] = secret ? SECRET_SIGNING_ALGS : KEY_SIGNING_ALGS;
  return [['', secret ? 'HS256 (default)' : 'From the key'], ...algs.map((a) => [a, a] as const)];
}

/** The JWT Signing Key input shared by private_key_jwt and the JWT bearer grant. */
export function SigningKeyField({ form }: { form: ProfileForm }) {
  return <SecretField form={form} field="jwtSigningKey" multiline />;
}

/** The client-assertion fields, shown only for the JWT client authentication methods. */
export function ClientAssertionFields({ form }: { form: ProfileForm }) {
  const method = form.draft.clientAuthMethod;
  const secret = method === 'client_secret_jwt';
  const jwtBearer = form.draft.grantType === 'jwt_bearer';
  return (
    <div className="field-group" id="client-assertion-fields">
      {!secret && !jwtBearer ? <SigningKeyField form={form} /> : null}
      {!secret && jwtBearer ? (
        <p className="muted">Signed with the JWT Signing Key of the JWT bearer assertion below.</p>
      ) : null}
      <SelectInput
        form={form}
        path="clientAssertion.alg"
        help={
          secret
            ? 'Signed with the Client Secret (RFC 7518 §3.2).'
            : 'From the key: RSA → RS256, P-256 → ES256, Ed25519 → EdDSA. The IdP may allow only the registered one.'
        }
        options={algOptions(secret)}
      />
      <TextInput
        form={form}
        path="clientAssertion.kid"
        code
        help="The kid header: the ID of the key registered at the IdP. Empty: the JWK's own kid, or none."
      />
      <SelectInput
        form={form}
        path="clientAssertion.audience"
        help="The aud claim (RFC 7523 §3): most IdPs expect the token endpoint URL; some expect their issuer."
        options={[
          ['token_endpoint', 'Token Request URL (the endpoint called)'],
          ['issuer', 'Issuer'],
          ['custom', 'Another URL'],
        ]}
      />
      {form.draft.clientAssertion.audience === 'custom' ? (
        <UrlInput form={form} path="clientAssertion.audienceUrl" required />
      ) : null}
    </div>
  );
}
