/**
 * Kore's UI labels per profile field, used in every message so the user finds the field
 * (docs/architecture.md, "Data model"). profile.ts checks at compile time that every profile and secret
 * field has a label here.
 */

/** Field (or secret) name -> Kore's label, e.g. `tokenUrl` -> "Token Request URL". */
export const FIELD_LABEL_TABLE = {
  name: 'Name',
  grantType: 'Authorization Type',
  identityProviderName: 'Identity Provider Name',
  description: 'Description',
  clientId: 'Client ID',
  clientSecret: 'Client Secret',
  clientAuthMethod: 'Client Authentication',
  clientAssertion: 'Client Assertion',
  jwtSigningKey: 'JWT Signing Key',
  jwtBearer: 'JWT Bearer Assertion',
  authorizationUrl: 'Authorization URL',
  deviceAuthorizationUrl: 'Device Authorization URL',
  tokenUrl: 'Token Request URL',
  refreshTokenUrl: 'Refresh Token URL',
  issuer: 'Issuer',
  callbackPort: 'Callback Port',
  callbackHost: 'Callback Host',
  callbackPath: 'Callback Path',
  responseMode: 'Response Mode',
  scopes: 'Scope',
  tenancy: 'Tenancy',
  additionalFields: 'Additional Fields',
  idpFormFields: 'IDP Form Fields',
  username: 'Username',
  password: 'Password',
  authorizationFields: 'Authorization Fields',
  requestHeaders: 'Request Headers',
  applyHeadersToRefresh: 'Apply these headers to the refresh token call',
  tokenRequest: 'Token URL Method and Content Type',
  checkUrl: 'Authorization Check URL',
  introspectionUrl: 'Introspection URL',
  revocationUrl: 'Revocation URL',
  userinfoUrl: 'UserInfo URL',
  authErrorStatusCodes: 'Auth Error Status Codes',
  authorizationMode: 'Authorization Mode',
  autoRefresh: 'Auto-refresh token',
  pkce: 'PKCE',
  clientCertificate: 'Client Certificate Exchange',
  clientPrivateKey: 'Client Private Key',
  clientCertificatePassphrase: 'Certificate Passphrase',
  clientPfx: 'Client Certificate (PFX)',
  caBundle: 'CA Bundle',
  proxyUrl: 'Proxy URL',
  dpop: 'DPoP',
  dpopPrivateKey: 'DPoP Key',
} as const satisfies Readonly<Record<string, string>>;

/** The singular name of a table's row, as in "Scope 3, key" or the cell "Scope key 3". */
export const ROW_LABEL_TABLE = {
  scopes: 'Scope',
  additionalFields: 'Additional field',
  idpFormFields: 'IDP form field',
  authorizationFields: 'Authorization field',
  requestHeaders: 'Request header',
} as const satisfies Readonly<Record<string, string>>;

/** Names of the parts of a table row (`key`, `value`, `helpHint`, …). */
export const PART_LABEL_TABLE = {
  key: 'key',
  value: 'value',
  type: 'type',
  title: 'title',
  helpHint: 'help hint',
  fieldType: 'type',
  mandatory: 'mandatory',
  dataType: 'data type',
  visibility: 'visibility',
  defaultValue: 'default value',
} as const satisfies Readonly<Record<string, string>>;

/** Labels of the parts of grouped fields (`tokenRequest.method`). */
export const NESTED_LABEL_TABLE = {
  'tenancy.enabled': 'Tenancy',
  'tokenRequest.method': 'Token URL Method',
  'tokenRequest.contentType': 'Token URL Content Type',
  'pkce.enabled': 'PKCE',
  'pkce.method': 'PKCE Method',
  'dpop.enabled': 'DPoP',
  'dpop.alg': 'DPoP Signing Algorithm',
  'clientCertificate.enabled': 'Client Certificate Exchange',
  'clientCertificate.format': 'Certificate Format',
  'clientCertificate.certificate': 'Certificate',
  'clientAssertion.alg': 'Signing Algorithm',
  'clientAssertion.kid': 'Key ID (kid)',
  'clientAssertion.audience': 'Assertion Audience',
  'clientAssertion.audienceUrl': 'Assertion Audience URL',
  'jwtBearer.issuer': 'Assertion Issuer (iss)',
  'jwtBearer.subject': 'Assertion Subject (sub)',
  'jwtBearer.audience': 'Assertion Audience (aud)',
  'jwtBearer.claims': 'Extra Claims',
  'jwtBearer.alg': 'Signing Algorithm',
  'jwtBearer.kid': 'Key ID (kid)',
} as const satisfies Readonly<Record<string, string>>;
