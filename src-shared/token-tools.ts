/**
 * Token tools on a profile's held token (docs/architecture.md, "Token tools"): introspection (RFC 7662),
 * revocation (RFC 7009) and UserInfo (OIDC Core §5.3). The profile's three optional endpoint fields, the
 * tool names, and what a tool run shows beside its exchange (never a token value).
 */
import { optionalUrl } from './profile-fields';

/** The profile fields of the token tools, each an optional http(s) URL with `{tenant}` / `{{field}}` templates. */
export const tokenToolFields = {
  /** RFC 8414 `introspection_endpoint` (RFC 7662 §2). */
  introspectionUrl: optionalUrl,
  /** RFC 8414 `revocation_endpoint` (RFC 7009 §2). */
  revocationUrl: optionalUrl,
  /** OIDC Discovery `userinfo_endpoint` (OIDC Core §5.3). */
  userinfoUrl: optionalUrl,
};

/** The names of the token tools' URL fields. */
export const TOKEN_TOOL_URL_FIELDS = ['introspectionUrl', 'revocationUrl', 'userinfoUrl'] as const;
export type TokenToolUrlField = (typeof TOKEN_TOOL_URL_FIELDS)[number];

/** The three tools. */
export const TOKEN_TOOLS = ['introspect', 'revoke', 'userinfo'] as const;
export type TokenTool = (typeof TOKEN_TOOLS)[number];

/** Which held token a tool sends (RFC 7662 §2.1 / RFC 7009 §2.1 `token_type_hint`); UserInfo takes the access token. */
export const TOKEN_HINTS = ['access_token', 'refresh_token'] as const;
export type TokenHint = (typeof TOKEN_HINTS)[number];

/** Each tool's URL field, its Kore-style label and the exchange step its call is recorded as. */
export const TOKEN_TOOL_INFO = {
  introspect: { field: 'introspectionUrl', label: 'Introspection URL', step: 'introspection', title: 'Introspect' },
  revoke: { field: 'revocationUrl', label: 'Revocation URL', step: 'revocation', title: 'Revoke' },
  userinfo: { field: 'userinfoUrl', label: 'UserInfo URL', step: 'userinfo', title: 'UserInfo' },
} as const satisfies Record<TokenTool, { field: TokenToolUrlField; label: string; step: string; title: string }>;

/**
 * What a tool run found, shown beside its exchange: the introspection's `active`, `exp` (s since epoch),
 * `scope`, `client_id`, `sub` (RFC 7662 §2.2) and a DPoP-bound token's `cnf.jkt` (RFC 9449 §6.2); a revocation's outcome and what happened to the held token;
 * the UserInfo claims (OIDC Core §5.3.2). Already redacted like the rest of the run.
 */
export interface TokenToolResult {
  tool: TokenTool;
  /** Which held token was sent. */
  which: TokenHint;
  active?: boolean;
  exp?: number;
  scope?: string;
  clientId?: string;
  sub?: string;
  /** RFC 9449 §6.2: the DPoP key thumbprint (`cnf.jkt`) the introspected token is bound to. */
  cnfJkt?: string;
  /** The thumbprint of the profile's DPoP key the held token was obtained with, when it is DPoP-bound. */
  heldJkt?: string;
  /** Revocation: true on HTTP 200 (RFC 7009 §2.2). */
  revoked?: boolean;
  /** Revocation: what the app did with the held token afterwards (`marked_unusable`). */
  heldToken?: 'marked_unusable';
  /** UserInfo claims as returned. */
  claims?: Record<string, unknown>;
}
