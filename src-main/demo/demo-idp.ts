/**
 * The embedded demo IdP (docs/architecture.md, "How it is tested"): a real oidc-provider on 127.0.0.1, used by `authbench demo`
 * and by the integration tests. Client-credentials access tokens are JWTs (RFC 9068) for the demo API,
 * so a Test can show their claims. oidc-provider is loaded only when an IdP starts.
 */
import { generateKeyPair, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { strictClientAuth } from './strict-client-auth';
import { DEMO_DEVICE_FLOW, DEVICE_GRANT, INTERACTIVE_GRANTS } from './device-pages';
import { createServer as createHttpsServer } from 'node:https';
import { mtlsFeature, registerJwtBearer, toClientMetadata, type IdpClient } from './idp-client-auth';
export type { IdpClient } from './idp-client-auth';
import { promisify } from 'node:util';
import { TOKEN_TOOL_FEATURES } from './token-tool-features';
import { parFeature } from './par-feature';
import { signingKey } from './signing-key';
import { createMemoryAdapter } from './memory-adapter';
import { registerTokenExchange, TOKEN_EXCHANGE } from './token-exchange-grant';
import { dpopFeature, type DpopIdpOptions } from './dpop-feature';

export { DEVICE_GRANT } from './device-pages';

/**
 * What to start: the port (0 = OS-chosen, the default), the clients, and the API scopes the IdP knows.
 * Refresh tokens go to every client allowed the `refresh_token` grant (no `offline_access` + consent dance),
 * live `refreshTokenTtlSeconds` (default 1 day) and are rotated on each use unless `rotateRefreshTokens` is
 * false (RFC 9700 §4.14.2); a rotated-out token presented again gives `invalid_grant`.
 */
export interface IdpOptions {
  port?: number;
  clients: IdpClient[];
  scopes?: string[];
  refreshTokenTtlSeconds?: number;
  rotateRefreshTokens?: boolean;
  /** Accept only each client's registered method: Basic from a client_secret_post client is `invalid_client`. */
  strictClientAuth?: boolean;
  /** How long a device code lives (s; RFC 8628 §3.2 `expires_in`), default 600. */
  deviceCodeTtlSeconds?: number;
  /** Serve https with this certificate, asking for (not requiring) client certificates, with mTLS on (RFC 8705 §2). */
  tls?: { cert: string; key: string; ca: string };
  /** RFC 9126 §5: every client must push its authorization requests (the PAR endpoint is on either way). */
  requirePar?: boolean;
  /** DPoP (RFC 9449; dpop-feature.ts): on in every IdP; `requireNonce` asks every proof for a server nonce (§8). */
  dpop?: DpopIdpOptions;
  /** The client assertion algs accepted (RFC 8414 §2 token_endpoint_auth_signing_alg_values_supported); default all. */
  clientAuthSigningAlgs?: string[];
}

/** A started IdP; `close` stops it and ends open connections. */
export interface RunningIdp {
  /** `http://127.0.0.1:<port>` */
  issuer: string;
  tokenEndpoint: string;
  port: number;
  /** The resource indicator (RFC 8707) of the demo API: the `aud` of client-credentials JWTs. */
  apiResource: string;
  close(): Promise<void>;
}

/** The client id of the demo IdP's client-credentials client. */
export const DEMO_CLIENT_ID = 'authbench-demo';
/** The client id of the demo IdP's browser sign-in client (public, PKCE, any loopback port). */
export const DEMO_BROWSER_CLIENT_ID = 'authbench-demo-browser';
/** The client id of the demo IdP's device-code client (public, RFC 8628). */
export const DEMO_DEVICE_CLIENT_ID = 'authbench-demo-device';
/** The client id of the demo IdP's private_key_jwt client (RFC 7523 §2.2). */
export const DEMO_JWT_CLIENT_ID = 'authbench-demo-jwt';
/** The API scopes the demo IdP knows. */
export const DEMO_SCOPES = ['api:read', 'api:write'];

/** A started demo IdP and the credentials of its client (the secret is random per start). */
export interface DemoIdp {
  idp: RunningIdp;
  clientId: string;
  clientSecret: string;
  /** The private_key_jwt client (RFC 7523 §2.2) and its private key (PEM, fresh per start). */
  jwtClient: { clientId: string; privateKeyPem: string };
}

const ACCESS_TOKEN_TTL_S = 3600;
const OIDC_SCOPES = ['openid', 'offline_access', 'profile', 'email'];

/** The slice of oidc-provider's API used here (the package ships no type declarations). */
interface OidcModule {
  Provider: new (
    issuer: string,
    configuration: Record<string, unknown>,
  ) => { callback(): (req: IncomingMessage, res: ServerResponse) => void; use(middleware: object): void };
  errors: {
    InvalidGrant: new (description: string) => Error;
    InvalidScope: new (description: string, scope: string) => Error;
    InvalidTarget: new (description?: string) => Error;
  };
}

/**
 * Starts an oidc-provider IdP on 127.0.0.1 with `options.clients` registered and client credentials enabled.
 * On the client-credentials grant an unknown scope gives `invalid_scope` (HTTP 400), a wrong secret
 * `invalid_client` (HTTP 401), and the access token is a JWT for `apiResource`.
 * Rejects when the port is taken (EADDRINUSE) or a client's metadata is invalid.
 */
export async function startOidcIdp(options: IdpOptions): Promise<RunningIdp> {
  // @ts-expect-error oidc-provider ships no type declarations; OidcModule types the part used here.
  const { Provider, errors } = (await import('oidc-provider')) as OidcModule;
  let handler: ((req: IncomingMessage, res: ServerResponse) => void) | undefined;
  const serve = (req: IncomingMessage, res: ServerResponse) => (handler ? handler(req, res) : res.writeHead(503).end());
  const t = options.tls;
  const server = t
    ? createHttpsServer({ ...t, requestCert: true, rejectUnauthorized: false }, serve)
    : createServer(serve);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });

  try {
    const port = (server.address() as AddressInfo).port;
    const issuer = `${t ? 'https' : 'http'}://127.0.0.1:${port}`;
    const apiResource = `${issuer}/api`;
    const apiScopes = options.scopes ?? [];
    const known = new Set([...OIDC_SCOPES, ...apiScopes]);
    const interactive = options.clients.some((c) => c.grant_types?.some((g) => INTERACTIVE_GRANTS.includes(g)));

    const signing = await signingKey();
    const provider = quietly(
      () =>
        new Provider(issuer, {
          clients: options.clients.map((c) => toClientMetadata(c)),
          scopes: [...known],
          jwks: { keys: [signing] },
          adapter: createMemoryAdapter(),
          findAccount: (_ctx: unknown, sub: string) => ({ accountId: sub, claims: () => ({ sub }) }),
          features: {
            clientCredentials: { enabled: true },
            pushedAuthorizationRequests: parFeature(options.requirePar),
            dPoP: dpopFeature(options.dpop),
            ...TOKEN_TOOL_FEATURES, // RFC 7662, RFC 7009 (own tokens only); UserInfo (OIDC Core §5.3) is on by default
            // RFC 8628: on with the dev login/consent pages that approve a user code.
            deviceFlow: interactive ? DEMO_DEVICE_FLOW : { enabled: false },
            ...(t ? { mTLS: mtlsFeature() } : {}),
            // The dev login/consent pages exist only for auth-code clients (they warn on stderr when enabled).
            devInteractions: { enabled: interactive },
            resourceIndicators: {
              enabled: true,
              defaultResource: (ctx: OidcCtx) =>
                ctx.oidc.params?.grant_type === 'client_credentials' ? apiResource : undefined,
              getResourceServerInfo: (ctx: OidcCtx, resource: string) => {
                if (resource !== apiResource) throw new errors.InvalidTarget(`unknown resource ${resource}`);
                // Strict like most hosted IdPs: oidc-provider alone would silently drop a scope it does not know.
                const unknown = String(ctx.oidc.params?.scope ?? '')
                  .split(' ')
                  .find((s) => s && !known.has(s));
                if (unknown) throw new errors.InvalidScope('requested scope is not allowed', unknown);
                return {
                  scope: apiScopes.join(' '),
                  audience: apiResource,
                  accessTokenFormat: 'jwt',
                  accessTokenTTL: ACCESS_TOKEN_TTL_S,
                };
              },
            },
          },
          // Explicit values and hooks keep oidc-provider's "you SHOULD change this" notices off stdout.
          ttl: {
            AccessToken: ACCESS_TOKEN_TTL_S,
            ClientCredentials: ACCESS_TOKEN_TTL_S,
            AuthorizationCode: 60,
            DeviceCode: options.deviceCodeTtlSeconds ?? 600,
            IdToken: 3600,
            RefreshToken: options.refreshTokenTtlSeconds ?? 86_400,
            Interaction: 600,
            Session: 86_400,
            Grant: 86_400,
          },
          issueRefreshToken: (_ctx: unknown, client: { grantTypeAllowed(grant: string): boolean }) =>
            client.grantTypeAllowed('refresh_token'),
          rotateRefreshToken: () => options.rotateRefreshTokens ?? true,
          clientBasedCORS: () => false,
          clientAuthMethods: [
            ...['client_secret_basic', 'client_secret_post', 'client_secret_jwt', 'private_key_jwt', 'none'],
            ...(t ? ['tls_client_auth', 'self_signed_tls_client_auth'] : []),
          ],
          ...(options.clientAuthSigningAlgs
            ? { enabledJWA: { clientAuthSigningAlgValues: [...options.clientAuthSigningAlgs] } }
            : {}),
          renderError: (ctx: { type: string; body: string }, out: Record<string, string>) => {
            ctx.type = 'html';
            ctx.body = `<!doctype html><title>Error</title><h1>${escapeHtml(out.error ?? 'error')}</h1><p>${escapeHtml(out.error_description ?? '')}</p>`;
          },
        }),
    );
    if (options.strictClientAuth) provider.use(strictClientAuth(options.clients));
    registerJwtBearer(provider as never, options.clients, errors.InvalidGrant);
    registerTokenExchange(provider as never, errors as never, { audiences: [apiResource], signingKey: signing });
    handler = provider.callback();
    return { issuer, tokenEndpoint: `${issuer}/token`, port, apiResource, close: () => closeServer(server) };
  } catch (err) {
    await closeServer(server);
    throw err;
  }
}

/**
 * Starts the demo IdP: a client-credentials client `authbench-demo` (registered as client_secret_basic;
 * oidc-provider accepts client_secret_post for it too) with a fresh random secret, allowed the scopes
 * api:read and api:write; a public browser sign-in client `authbench-demo-browser` (authorization
 * code + PKCE, refresh); and a public device-code client `authbench-demo-device` (RFC 8628, refresh). Rejects like {@link startOidcIdp}.
 */
export async function startDemoIdp(options: { port?: number } = {}): Promise<DemoIdp> {
  const clientSecret = randomBytes(24).toString('base64url');
  const jwtKey = await promisify(generateKeyPair)('ec', { namedCurve: 'P-256' });
  const idp = await startOidcIdp({
    port: options.port ?? 0,
    scopes: DEMO_SCOPES,
    clients: [
      {
        client_id: DEMO_CLIENT_ID,
        client_secret: clientSecret,
        token_endpoint_auth_method: 'client_secret_basic',
        grant_types: ['client_credentials', TOKEN_EXCHANGE],
        scope: DEMO_SCOPES.join(' '),
      },
      {
        client_id: DEMO_JWT_CLIENT_ID,
        token_endpoint_auth_method: 'private_key_jwt',
        jwks: { keys: [{ ...jwtKey.publicKey.export({ format: 'jwk' }), kid: 'demo-1', use: 'sig' }] },
        scope: DEMO_SCOPES.join(' '),
      },
      // Any login and password sign in at the demo's dev login page.
      {
        client_id: DEMO_BROWSER_CLIENT_ID,
        token_endpoint_auth_method: 'none',
        grant_types: ['authorization_code', 'refresh_token'],
        redirect_uris: ['http://127.0.0.1/callback'],
        application_type: 'native',
        scope: 'openid offline_access',
      },
      {
        client_id: DEMO_DEVICE_CLIENT_ID,
        grant_types: [DEVICE_GRANT, 'refresh_token'],
        scope: 'openid offline_access',
      },
    ],
  });
  const privateKeyPem = jwtKey.privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
  return { idp, clientId: DEMO_CLIENT_ID, clientSecret, jwtClient: { clientId: DEMO_JWT_CLIENT_ID, privateKeyPem } };
}

type OidcCtx = { oidc: { params?: Record<string, unknown> } };

function closeServer(server: { close(cb: () => void): void; closeAllConnections(): void }): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}

function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/**
 * Runs `create` without oidc-provider's devInteractions warning: the demo IdP uses its dev login pages on
 * purpose (any login signs in), and the warning would read as a fault in `authbench demo`'s output.
 */
function quietly<T>(create: () => T): T {
  const warn = console.warn;
  console.warn = (...args: unknown[]) => {
    if (!String(args[0]).includes('devInteractions is enabled')) warn(...args);
  };
  try {
    return create();
  } finally {
    console.warn = warn;
  }
}
