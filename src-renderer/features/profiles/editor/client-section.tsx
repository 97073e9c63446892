/**
 * Client: the Client ID, the Client Secret (a keychain secret) and how the client authenticates to the
 * token and refresh endpoints (RFC 6749 §2.3.1, RFC 7523 §2.2, RFC 8705 §2).
 */
import { CLIENT_AUTH_METHODS, type ClientAuthMethod } from '../../../../src-shared/profile';
import { JWT_CLIENT_AUTH_METHODS, TLS_CLIENT_AUTH_METHODS } from '../../../../src-shared/client-auth';
import type { ProfileForm } from '../form/use-profile-form';
import { SelectInput, TextInput } from './bound-fields';
import { ClientAssertionFields } from './client-assertion-fields';
import { SecretField } from './secret-field';
import { Section } from './section';

const AUTH_METHOD_LABELS: Record<ClientAuthMethod, string> = {
  client_secret_basic: 'client_secret_basic — HTTP Basic header',
  client_secret_post: 'client_secret_post — in the request body',
  client_secret_jwt: 'client_secret_jwt — JWT signed with the Client Secret',
  private_key_jwt: 'private_key_jwt — JWT signed with a private key',
  tls_client_auth: 'tls_client_auth — CA-issued client certificate',
  self_signed_tls_client_auth: 'self_signed_tls_client_auth — self-signed client certificate',
  none: 'none — public client, no secret',
};

const SECRET_METHODS: ReadonlySet<ClientAuthMethod> = new Set([
  'client_secret_basic',
  'client_secret_post',
  'client_secret_jwt',
]);

/** The Client section. */
export function ClientSection({ form }: { form: ProfileForm }) {
  const method = form.draft.clientAuthMethod;
  return (
    <Section id="section-client" title="Client">
      <TextInput form={form} path="clientId" required code />
      <SecretField
        form={form}
        field="clientSecret"
        needed={SECRET_METHODS.has(method)}
        unusedHelp={`Not used: Client Authentication is ${method}${method === 'none' ? ' (a public client)' : ''}.`}
      />
      <SelectInput
        form={form}
        path="clientAuthMethod"
        help="How the client proves its identity to the token and refresh endpoints (RFC 6749 §2.3.1, RFC 7523, RFC 8705)."
        options={CLIENT_AUTH_METHODS.map((m) => [m, AUTH_METHOD_LABELS[m]] as const)}
      />
      {JWT_CLIENT_AUTH_METHODS.has(method) ? <ClientAssertionFields form={form} /> : null}
      {TLS_CLIENT_AUTH_METHODS.has(method) ? (
        <p className="muted" id="client-tls-auth-note">
          The client certificate of TLS and network authenticates the client; only the Client ID is sent in the body
          {form.draft.clientCertificate.enabled ? '.' : '. Turn Client Certificate Exchange on there.'}
        </p>
      ) : null}
    </Section>
  );
}
