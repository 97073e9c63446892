/**
 * A client-credentials token request built by the engine's own builder (buildTokenRequest), exactly as
 * runClientCredentials builds it, from the few fields a request-level test varies.
 */
import { profileInput, type ClientAuthMethod, type ScopeEntry } from '../../src-shared/profile';
import { buildTokenRequest, type TokenRequest } from '../../src-main/oauth/token-request';

export interface ClientCredentialsFields {
  tokenUrl: string;
  clientId: string;
  clientSecret: string | null;
  clientAuthMethod: ClientAuthMethod;
  scopes: readonly ScopeEntry[];
}

export function clientCredentialsRequest({
  tokenUrl,
  clientSecret,
  ...fields
}: ClientCredentialsFields): Promise<TokenRequest> {
  const profile = profileInput.parse({
    grantType: 'client_credentials',
    name: 'request under test',
    identityProviderName: 'test',
    tokenUrl,
    ...fields,
  });
  return buildTokenRequest({
    profile,
    url: tokenUrl,
    grant: [['grant_type', 'client_credentials']],
    clientSecret,
    include: { scopes: true, headers: true },
    vars: {},
  });
}
