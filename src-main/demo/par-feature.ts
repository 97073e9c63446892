/**
 * oidc-provider's pushed authorization requests (RFC 9126) for the demo IdP and the tests' IdPs: the PAR endpoint
 * is on (`pushed_authorization_request_endpoint` in the metadata); `required` makes every client push its
 * authorization requests (`require_pushed_authorization_requests: true` in the metadata, RFC 9126 §5). A single
 * client can require it too, with its own `require_pushed_authorization_requests` (IdpClient).
 */

/** The `features.pushedAuthorizationRequests` member for oidc-provider. */
export function parFeature(required = false): Record<string, unknown> {
  return { enabled: true, requirePushedAuthorizationRequests: required, allowUnregisteredRedirectUris: false };
}
