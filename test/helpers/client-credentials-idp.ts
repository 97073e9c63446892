/**
 * Real oidc-provider IdPs on loopback that most end-to-end tests run their Tests against: one confidential
 * client for the client-credentials grant (RFC 6749 §4.4), the same with the token exchange grant (RFC 8693),
 * or the public native client of the authorization-code grant.
 */
import { afterAll, beforeAll } from 'vitest';
import { startOidcIdp, type RunningIdp } from '../../src-main/demo/demo-idp';
import { TOKEN_EXCHANGE } from '../../src-main/demo/token-exchange-grant';
import { launchLoginBrowser, type LoginBrowser } from './browser-login';

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

/**
 * Starts oidc-provider (src-main/demo/token-exchange-grant.ts registers the grant) with one confidential client,
 * `clientId` / `clientSecret`, allowed the client-credentials and token exchange grants (RFC 8693 §2.1) and the
 * scope `api:read`; `close()` it when done.
 */
export function startTokenExchangeIdp(clientId: string, clientSecret: string): Promise<RunningIdp> {
  return startOidcIdp({
    scopes: ['api:read'],
    clients: [
      {
        client_id: clientId,
        client_secret: clientSecret,
        grant_types: ['client_credentials', TOKEN_EXCHANGE],
        scope: 'api:read',
      },
    ],
  });
}

/**
 * A real oidc-provider on loopback with the public native client `native-app` (no secret, RFC 8252): the
 * authorization-code grant with PKCE and refresh tokens, a loopback redirect on any port, scopes `openid
 * offline_access`. `close()` it when done.
 */
export function startNativeAppIdp(): Promise<RunningIdp> {
  return startOidcIdp({
    clients: [
      {
        client_id: 'native-app',
        token_endpoint_auth_method: 'none',
        grant_types: ['authorization_code', 'refresh_token'],
        redirect_uris: ['http://127.0.0.1/callback'],
        application_type: 'native',
        scope: 'openid offline_access',
      },
    ],
  });
}

/** The native-app IdP and the Chromium that signs in to it, shared by every test of a file. */
export interface NativeAppSignIn {
  /** The IdP of startNativeAppIdp, set once the file's beforeAll ran. */
  idp: RunningIdp;
  /** The browser that completes its sign-ins (test/helpers/browser-login.ts). */
  login: LoginBrowser;
}

/**
 * Registers a beforeAll that starts the native-app IdP and the login browser, and an afterAll that stops both;
 * returns the object whose `idp` and `login` they fill (read them inside tests and hooks, not at import time).
 */
export function useNativeAppSignIn(): NativeAppSignIn {
  const shared = {} as NativeAppSignIn;
  beforeAll(async () => {
    shared.idp = await startNativeAppIdp();
    shared.login = await launchLoginBrowser();
  });
  afterAll(async () => {
    await shared.login?.close();
    await shared.idp?.close();
  });
  return shared;
}
