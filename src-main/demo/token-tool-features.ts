/**
 * oidc-provider's introspection (RFC 7662) and revocation (RFC 7009) for the demo IdP and the tests' IdPs: on, and a
 * client may ask about or revoke only tokens issued to itself (RFC 7662 §4, RFC 7009 §2.1).
 */

/** oidc-provider's `allowedPolicy`: true when `token` was issued to the calling `client`. */
function ownTokenOnly(_ctx: unknown, client: { clientId: string }, token: { clientId?: string }): boolean {
  return token.clientId === client.clientId;
}

/** The `features` members that turn the token tools' endpoints on. */
export const TOKEN_TOOL_FEATURES = {
  introspection: { enabled: true, allowedPolicy: ownTokenOnly },
  revocation: { enabled: true, allowedPolicy: ownTokenOnly },
};
