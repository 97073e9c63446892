/**
 * The authorization server metadata Authbench reads (OIDC Discovery 1.0 §3, RFC 8414 §2) and its validation
 * (docs/architecture.md, "A Test, step by step"): endpoints are https, or http to a loopback host; the value
 * lists are arrays of strings; members not listed here are ignored.
 */
import { z } from 'zod';

/** An endpoint URL in metadata: https, or http only to a loopback host (127.0.0.1, [::1], localhost). */
const endpoint = z
  .string()
  .max(3000)
  .refine((value) => isAllowedEndpoint(value), 'Not an https URL (http only to a loopback host)');

const strings = z.array(z.string().max(500)).max(500);

/** The metadata members the editor and the lint use; every other member of the document is dropped. */
export const discoveryMetadata = z.object({
  issuer: endpoint,
  authorization_endpoint: endpoint.optional(),
  token_endpoint: endpoint.optional(),
  /** RFC 8628 §4. */
  device_authorization_endpoint: endpoint.optional(),
  /** RFC 9126 §5. */
  pushed_authorization_request_endpoint: endpoint.optional(),
  require_pushed_authorization_requests: z.boolean().optional().catch(undefined),
  jwks_uri: endpoint.optional(),
  userinfo_endpoint: endpoint.optional(),
  revocation_endpoint: endpoint.optional(),
  introspection_endpoint: endpoint.optional(),
  scopes_supported: strings.optional(),
  response_types_supported: strings.optional(),
  response_modes_supported: strings.optional(),
  grant_types_supported: strings.optional(),
  token_endpoint_auth_methods_supported: strings.optional(),
  /**
   * The JWS algs of a client assertion (private_key_jwt, client_secret_jwt); no default when absent (RFC 8414 §2).
   * Only the lint reads it, so a malformed value is dropped rather than failing the whole document.
   */
  token_endpoint_auth_signing_alg_values_supported: strings.optional().catch(undefined),
  code_challenge_methods_supported: strings.optional(),
  id_token_signing_alg_values_supported: strings.optional(),
});

/** Validated metadata (snake_case members as in RFC 8414 §2). */
export type DiscoveryMetadata = z.infer<typeof discoveryMetadata>;

/** Where the metadata came from: OIDC Discovery's `openid-configuration` or RFC 8414's `oauth-authorization-server`. */
export type DiscoverySource = 'openid-configuration' | 'oauth-authorization-server';

/** What `profiles:discover` and `authbench discover` return: the issuer, the document's URL and its metadata. */
export interface DiscoveryResult {
  issuer: string;
  /** The well-known URL the metadata was read from. */
  url: string;
  source: DiscoverySource;
  /** The metadata's `authorization_endpoint` and `token_endpoint`, as the profile's Authorization URL and Token Request URL. */
  authorizationUrl?: string;
  tokenUrl?: string;
  /** The metadata's `device_authorization_endpoint` (RFC 8628 §4), as the Device Authorization URL. */
  deviceAuthorizationUrl?: string;
  /** The metadata's `pushed_authorization_request_endpoint` (RFC 9126 §5), as the Pushed Authorization Request URL. */
  pushedAuthorizationRequestUrl?: string;
  /** `introspection_endpoint`, `revocation_endpoint` and `userinfo_endpoint`, as the token tools' URLs (src-shared/token-tools.ts). */
  introspectionUrl?: string;
  revocationUrl?: string;
  userinfoUrl?: string;
  metadata: DiscoveryMetadata;
}

/** RFC 8414 §2 default of `grant_types_supported` when the member is absent. */
export const DEFAULT_GRANT_TYPES = ['authorization_code', 'implicit'];
/** RFC 8414 §2 default of `token_endpoint_auth_methods_supported` when the member is absent. */
export const DEFAULT_AUTH_METHODS = ['client_secret_basic'];

/** True for an https URL, or an http URL whose host is loopback (RFC 8252 §8.3); false for anything else. */
export function isAllowedEndpoint(value: string): boolean {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return false;
  }
  if (url.username || url.password) return false;
  if (url.protocol === 'https:') return true;
  return url.protocol === 'http:' && ['127.0.0.1', '[::1]', 'localhost'].includes(url.hostname);
}

/** What the IdP's metadata says of PAR (RFC 9126 §5), handed to the flow by discovery (FlowContext.pushedAuthorization). */
export interface ParMetadata {
  /** `require_pushed_authorization_requests`: the IdP accepts only pushed authorization requests. */
  required: boolean;
  /** `pushed_authorization_request_endpoint`, when the metadata names it. */
  endpoint?: string;
}

/** The PAR facts of validated metadata. */
export function parMetadata(metadata: DiscoveryMetadata): ParMetadata {
  return {
    required: metadata.require_pushed_authorization_requests === true,
    ...(metadata.pushed_authorization_request_endpoint
      ? { endpoint: metadata.pushed_authorization_request_endpoint }
      : {}),
  };
}
