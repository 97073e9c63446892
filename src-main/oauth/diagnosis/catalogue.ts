/**
 * Known IdP error phrasings and codes, as data: each entry matches the IdP's own words (an RFC 6749 §5.2
 * `error_description`, an Okta `errorCode`/`errorSummary`) and names a Cause (causes.ts), with the public page
 * the code or phrasing comes from. Vendor codes (AADSTS…, E0000…) match anywhere in the text; phrasings
 * match case-insensitively.
 */

/** What went wrong, independent of the vendor's words; causes.ts turns each into a diagnosis and a hint. */
export type Cause =
  | 'secret_wrong'
  | 'secret_expired'
  | 'client_unknown'
  | 'tenant_unknown'
  | 'grant_not_enabled'
  | 'redirect_uri'
  | 'auth_method'
  | 'secret_missing'
  | 'scope'
  | 'consent'
  | 'user_locked'
  | 'mfa'
  | 'credentials'
  | 'code_expired'
  | 'pkce'
  | 'refresh_expired'
  | 'audience'
  | 'rate_limited';

/** One catalogue row: `match` is tested against the IdP's text; `source` is where the wording is documented. */
export interface CatalogueEntry {
  vendor: string;
  match: RegExp;
  cause: Cause;
  source: string;
}

const ENTRA = 'https://learn.microsoft.com/en-us/entra/identity-platform/reference-error-codes';
const OKTA = 'https://developer.okta.com/docs/reference/error-codes/';
const OKTA_OAUTH = 'https://developer.okta.com/docs/reference/api/oidc/#possible-errors';
const AUTH0 = 'https://auth0.com/docs/secure/tokens/access-tokens/get-access-tokens#troubleshooting';
const KEYCLOAK = 'https://www.keycloak.org/docs/latest/server_admin/#troubleshooting';
const GOOGLE = 'https://developers.google.com/identity/protocols/oauth2/web-server#exchange-errors';
const SALESFORCE = 'https://help.salesforce.com/s/articleView?id=sf.remoteaccess_oauth_flow_errors.htm';
const NODE_OAUTH2_SERVER =
  'https://github.com/node-oauth/node-oauth2-server/blob/master/lib/grant-types/password-grant-type.js';
const OIDC_PROVIDER = 'https://github.com/panva/node-oidc-provider/blob/main/lib/helpers/errors.js';

const code = (c: string) => new RegExp(`\\b${c}\\b`);

/** Vendor codes first (exact), then phrasings; the first match wins. */
export const CATALOGUE: readonly CatalogueEntry[] = [
  // Microsoft Entra ID: "AADSTS<n>: <text>" in error_description.
  { vendor: 'Microsoft Entra ID', match: code('AADSTS7000215'), cause: 'secret_wrong', source: ENTRA },
  { vendor: 'Microsoft Entra ID', match: code('AADSTS7000222'), cause: 'secret_expired', source: ENTRA },
  { vendor: 'Microsoft Entra ID', match: code('AADSTS700016'), cause: 'client_unknown', source: ENTRA },
  { vendor: 'Microsoft Entra ID', match: code('AADSTS50011'), cause: 'redirect_uri', source: ENTRA },
  { vendor: 'Microsoft Entra ID', match: code('AADSTS65001'), cause: 'consent', source: ENTRA },
  { vendor: 'Microsoft Entra ID', match: code('AADSTS7000218'), cause: 'secret_missing', source: ENTRA },
  { vendor: 'Microsoft Entra ID', match: code('AADSTS70011'), cause: 'scope', source: ENTRA },
  { vendor: 'Microsoft Entra ID', match: code('AADSTS50126'), cause: 'credentials', source: ENTRA },
  { vendor: 'Microsoft Entra ID', match: code('AADSTS5007[69]'), cause: 'mfa', source: ENTRA },
  { vendor: 'Microsoft Entra ID', match: code('AADSTS50053'), cause: 'user_locked', source: ENTRA },
  { vendor: 'Microsoft Entra ID', match: code('AADSTS700082'), cause: 'refresh_expired', source: ENTRA },
  { vendor: 'Microsoft Entra ID', match: code('AADSTS70008'), cause: 'code_expired', source: ENTRA },
  { vendor: 'Microsoft Entra ID', match: code('AADSTS501481'), cause: 'pkce', source: ENTRA },
  { vendor: 'Microsoft Entra ID', match: code('AADSTS90002'), cause: 'tenant_unknown', source: ENTRA },
  // Okta management-style errors ({"errorCode":"E0000…","errorSummary":…}) seen on its endpoints.
  { vendor: 'Okta', match: code('E0000004'), cause: 'credentials', source: OKTA },
  { vendor: 'Okta', match: code('E0000011'), cause: 'secret_wrong', source: OKTA },
  { vendor: 'Okta', match: code('E0000047'), cause: 'rate_limited', source: OKTA },
  { vendor: 'Okta', match: code('E0000069'), cause: 'user_locked', source: OKTA },
  { vendor: 'Okta', match: code('E0000015'), cause: 'grant_not_enabled', source: OKTA },
  // Phrasings in error_description (case-insensitive).
  {
    vendor: 'Okta',
    match: /client secret supplied for a confidential client is invalid/i,
    cause: 'secret_wrong',
    source: OKTA_OAUTH,
  },
  {
    vendor: 'Okta',
    match: /not authorized to use the provided grant type/i,
    cause: 'grant_not_enabled',
    source: OKTA_OAUTH,
  },
  { vendor: 'Okta', match: /must be a login redirect uri/i, cause: 'redirect_uri', source: OKTA_OAUTH },
  { vendor: 'Okta', match: /pkce verification failed/i, cause: 'pkce', source: OKTA_OAUTH },
  { vendor: 'Okta', match: /authorization code is invalid or has expired/i, cause: 'code_expired', source: OKTA_OAUTH },
  {
    vendor: 'Okta',
    match: /client_secret_(basic|post|jwt)'? is not (a )?(supported|allowed)|token_endpoint_auth_method/i,
    cause: 'auth_method',
    source: OKTA_OAUTH,
  },
  {
    vendor: 'Auth0',
    match: /grant type '[^']+' not allowed for the client/i,
    cause: 'grant_not_enabled',
    source: AUTH0,
  },
  { vendor: 'Auth0', match: /callback url mismatch/i, cause: 'redirect_uri', source: AUTH0 },
  { vendor: 'Auth0', match: /wrong (email|username) or password/i, cause: 'credentials', source: AUTH0 },
  { vendor: 'Auth0', match: /multifactor authentication required/i, cause: 'mfa', source: AUTH0 },
  { vendor: 'Auth0', match: /user is blocked|too many failed login attempts/i, cause: 'user_locked', source: AUTH0 },
  {
    vendor: 'Auth0',
    match: /service not found|you need to create a "client-grant"/i,
    cause: 'audience',
    source: AUTH0,
  },
  { vendor: 'Auth0', match: /invalid authorization code/i, cause: 'code_expired', source: AUTH0 },
  {
    vendor: 'Keycloak',
    match: /invalid client( or invalid client)? credentials/i,
    cause: 'secret_wrong',
    source: KEYCLOAK,
  },
  { vendor: 'Keycloak', match: /client secret not provided in request/i, cause: 'secret_missing', source: KEYCLOAK },
  {
    vendor: 'Keycloak',
    match: /client not enabled to retrieve service account|client not allowed for direct access grants/i,
    cause: 'grant_not_enabled',
    source: KEYCLOAK,
  },
  {
    vendor: 'Keycloak',
    match: /invalid parameter: redirect_uri|invalid redirect uri/i,
    cause: 'redirect_uri',
    source: KEYCLOAK,
  },
  { vendor: 'Keycloak', match: /invalid user credentials/i, cause: 'credentials', source: KEYCLOAK },
  { vendor: 'Keycloak', match: /account (is )?(temporarily )?disabled/i, cause: 'user_locked', source: KEYCLOAK },
  { vendor: 'Keycloak', match: /code not valid/i, cause: 'code_expired', source: KEYCLOAK },
  { vendor: 'Keycloak', match: /invalid scopes?:/i, cause: 'scope', source: KEYCLOAK },
  { vendor: 'Google', match: /oauth client was not found/i, cause: 'client_unknown', source: GOOGLE },
  { vendor: 'Google', match: /redirect_uri_mismatch/i, cause: 'redirect_uri', source: GOOGLE },
  { vendor: 'Google', match: /token has been expired or revoked/i, cause: 'refresh_expired', source: GOOGLE },
  { vendor: 'Google', match: /malformed auth code/i, cause: 'code_expired', source: GOOGLE },
  { vendor: 'Google', match: /missing code verifier|invalid code verifier/i, cause: 'pkce', source: GOOGLE },
  { vendor: 'Salesforce', match: /client identifier invalid/i, cause: 'client_unknown', source: SALESFORCE },
  { vendor: 'Salesforce', match: /invalid client credentials/i, cause: 'secret_wrong', source: SALESFORCE },
  { vendor: 'Salesforce', match: /redirect_uri must match configuration/i, cause: 'redirect_uri', source: SALESFORCE },
  { vendor: 'Salesforce', match: /expired authorization code/i, cause: 'code_expired', source: SALESFORCE },
  { vendor: 'Salesforce', match: /^authentication failure$/i, cause: 'credentials', source: SALESFORCE },
  {
    vendor: 'oidc-provider',
    match: /requested grant type is not allowed for this client/i,
    cause: 'grant_not_enabled',
    source: OIDC_PROVIDER,
  },
  {
    vendor: 'oidc-provider',
    match: /redirect_uri did not match any of the client's registered redirect_uris/i,
    cause: 'redirect_uri',
    source: OIDC_PROVIDER,
  },
  {
    vendor: 'oidc-provider',
    match: /requested scope is not (allowed|whitelisted)|scope .*not allowed/i,
    cause: 'scope',
    source: OIDC_PROVIDER,
  },
  { vendor: 'oidc-provider', match: /pkce verification failed|code_verifier/i, cause: 'pkce', source: OIDC_PROVIDER },
  {
    vendor: 'oidc-provider',
    match: /authorization code (is )?(expired|already used|consumed)/i,
    cause: 'code_expired',
    source: OIDC_PROVIDER,
  },
  {
    vendor: '@node-oauth/oauth2-server',
    match: /user credentials are invalid/i,
    cause: 'credentials',
    source: NODE_OAUTH2_SERVER,
  },
  {
    vendor: 'generic',
    match: /client authentication method .*not (allowed|supported)|unsupported client authentication/i,
    cause: 'auth_method',
    source: 'https://www.rfc-editor.org/rfc/rfc6749#section-5.2',
  },
  {
    vendor: 'generic',
    match: /client not found|unknown client|client (is )?invalid|invalid client_id/i,
    cause: 'client_unknown',
    source: 'https://www.rfc-editor.org/rfc/rfc6749#section-5.2',
  },
];

/** The first catalogue entry whose pattern matches one of `texts` (an IdP description, summary or code), or undefined. */
export function matchCatalogue(...texts: (string | undefined)[]): CatalogueEntry | undefined {
  const present = texts.filter((t): t is string => typeof t === 'string' && t.length > 0).map((t) => t.slice(0, 2000));
  if (present.length === 0) return undefined;
  return CATALOGUE.find((entry) => present.some((t) => entry.match.test(t)));
}
