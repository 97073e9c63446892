/**
 * The demo IdP's client metadata and what it needs for the client authentication methods beyond the client secret:
 * private_key_jwt / client_secret_jwt (RFC 7523 §2.2, oidc-provider's own), mTLS (RFC 8705 §2: an https server that
 * asks for client certificates, and oidc-provider's `features.mTLS` hooks), and the JWT bearer grant (RFC 7523
 * §2.1), registered with `registerGrantType`: the assertion is verified with jose against the client's registered
 * JWKS and a ClientCredentials access token is issued, as oidc-provider's own client_credentials grant does.
 */
import type { IncomingMessage } from 'node:http';
import type { TLSSocket } from 'node:tls';

/** The `grant_type` of RFC 7523 §2.1. */
export const JWT_BEARER = 'urn:ietf:params:oauth:grant-type:jwt-bearer';

/** One registered client (RFC 7591 metadata names); defaults: client_credentials, `client_secret_basic` when a secret is set. */
export interface IdpClient {
  client_id: string;
  client_secret?: string;
  token_endpoint_auth_method?:
    | 'client_secret_basic'
    | 'client_secret_post'
    | 'client_secret_jwt'
    | 'private_key_jwt'
    | 'tls_client_auth'
    | 'self_signed_tls_client_auth'
    | 'none';
  /** The alg the client must sign its client assertion with (RFC 7591 §2). */
  token_endpoint_auth_signing_alg?: string;
  /** The client's public keys (RFC 7591 §2): private_key_jwt, the JWT bearer grant, self_signed_tls_client_auth (`x5c`). */
  jwks?: { keys: Record<string, unknown>[] };
  /** The certificate subject tls_client_auth expects (RFC 8705 §2.1.2), e.g. `CN=authbench-client`. */
  tls_client_auth_subject_dn?: string;
  grant_types?: string[];
  redirect_uris?: string[];
  /** Space-separated scopes this client may request. */
  scope?: string;
  /** `native` lets a loopback redirect URI match any port (RFC 8252 §7.3). */
  application_type?: 'web' | 'native';
  /** RFC 9126 §6: this client's authorization requests must be pushed. */
  require_pushed_authorization_requests?: boolean;
}

/** oidc-provider's client metadata for `c`. */
export function toClientMetadata(c: IdpClient): Record<string, unknown> {
  const grantTypes = c.grant_types ?? ['client_credentials'];
  const { client_id, client_secret, jwks, tls_client_auth_subject_dn, token_endpoint_auth_signing_alg } = c;
  return {
    client_id,
    ...(client_secret !== undefined ? { client_secret } : {}),
    token_endpoint_auth_method:
      c.token_endpoint_auth_method ?? (client_secret !== undefined ? 'client_secret_basic' : 'none'),
    grant_types: grantTypes,
    response_types: grantTypes.includes('authorization_code') ? ['code'] : [],
    redirect_uris: c.redirect_uris ?? [],
    ...(c.scope !== undefined ? { scope: c.scope } : {}),
    ...(c.application_type ? { application_type: c.application_type } : {}),
    ...(jwks ? { jwks } : {}),
    ...(tls_client_auth_subject_dn ? { tls_client_auth_subject_dn } : {}),
    ...(token_endpoint_auth_signing_alg ? { token_endpoint_auth_signing_alg } : {}),
    ...(c.require_pushed_authorization_requests ? { require_pushed_authorization_requests: true } : {}),
  };
}

type Ctx = { req: IncomingMessage; socket?: TLSSocket };

/** The peer's TLS socket, when the request came over TLS with a certificate. */
function tlsSocket(ctx: Ctx): TLSSocket | undefined {
  const socket = ctx.req.socket as TLSSocket;
  return typeof socket.getPeerX509Certificate === 'function' ? socket : undefined;
}

/** `features.mTLS` for oidc-provider: certificates come from the https server's socket (RFC 8705 §2). */
export function mtlsFeature(): Record<string, unknown> {
  return {
    enabled: true,
    tlsClientAuth: true,
    selfSignedTlsClientAuth: true,
    getCertificate: (ctx: Ctx) => tlsSocket(ctx)?.getPeerX509Certificate()?.toString(),
    certificateAuthorized: (ctx: Ctx) => tlsSocket(ctx)?.authorized === true,
    certificateSubjectMatches: (ctx: Ctx, property: string, expected: string) => {
      const subject = tlsSocket(ctx)?.getPeerX509Certificate()?.subject ?? '';
      const dn = subject.split('\n').filter(Boolean).reverse().join(',');
      return property === 'tls_client_auth_subject_dn' && dn === expected;
    },
  };
}

/** The slice of oidc-provider used by the JWT bearer grant. */
interface GrantProvider {
  issuer: string;
  registerGrantType(name: string, handler: (ctx: GrantCtx) => Promise<void>, params: string[]): void;
  ClientCredentials: new (init: { client: unknown; scope?: string }) => {
    save(): Promise<string>;
    expiration: number;
    tokenType: string;
  };
}
type GrantCtx = {
  oidc: { client: { clientId: string; scope?: string }; params: Record<string, string | undefined> };
  body: unknown;
};

/**
 * Registers the JWT bearer grant (RFC 7523 §2.1) on `provider`: the `assertion` must be signed by a key in the
 * client's registered `jwks`, have `iss` = the client_id, `aud` = the token endpoint or the issuer, and be unexpired;
 * otherwise `invalid_grant` (§3.1). The granted scope is the assertion's `scope` within the client's.
 */
export function registerJwtBearer(
  provider: GrantProvider,
  clients: readonly IdpClient[],
  InvalidGrant: new (description: string) => Error,
): void {
  provider.registerGrantType(
    JWT_BEARER,
    async (ctx) => {
      const { createLocalJWKSet, jwtVerify } = await import('jose');
      const client = clients.find((c) => c.client_id === ctx.oidc.client.clientId);
      const assertion = ctx.oidc.params.assertion;
      if (!assertion) throw new InvalidGrant('assertion is required');
      let claims: Record<string, unknown>;
      try {
        ({ payload: claims } = await jwtVerify(
          assertion,
          createLocalJWKSet({ keys: (client?.jwks?.keys ?? []) as never }),
          {
            issuer: ctx.oidc.client.clientId,
            audience: [`${provider.issuer}/token`, provider.issuer],
            requiredClaims: ['exp', 'sub'],
          },
        ));
      } catch (err) {
        throw new InvalidGrant(`assertion rejected: ${err instanceof Error ? err.message : String(err)}`);
      }
      const allowed = new Set((client?.scope ?? '').split(' '));
      const asked = String(claims.scope ?? ctx.oidc.params.scope ?? '')
        .split(' ')
        .filter(Boolean);
      const token = new provider.ClientCredentials({
        client: ctx.oidc.client,
        scope: asked.filter((s) => allowed.has(s)).join(' ') || undefined,
      });
      const value = await token.save();
      ctx.body = {
        access_token: value,
        token_type: token.tokenType,
        expires_in: token.expiration,
        scope: asked.join(' ') || undefined,
      };
    },
    ['assertion', 'scope'],
  );
}
