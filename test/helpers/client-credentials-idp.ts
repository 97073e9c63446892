/**
 * A real oidc-provider on loopback with one confidential client that may use the client-credentials grant
 * (RFC 6749 §4.4) with `client_secret_basic` and the scope `api:read`: the IdP most end-to-end tests run
 * their Tests against.
 */
import { startOidcIdp, type RunningIdp } from '../../src-main/demo/demo-idp';

/** Starts the IdP on an OS-chosen port with `clientId` / `clientSecret`; `close()` it when done. */
export function startClientCredentialsIdp(clientId: string, clientSecret: string): Promise<RunningIdp> {
  return startOidcIdp({
    port: 0,
    clients: [
      {
        client_id: clientId,
        client_secret: clientSecret,
        token_endpoint_auth_method: 'client_secret_basic',
        grant_types: ['client_credentials'],
        redirect_uris: [],
        scope: 'api:read',
      },
    ],
    scopes: ['api:read'],
  });
}
