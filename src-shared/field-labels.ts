/**
 * Kore's UI labels per profile field, used in every message so the user finds the field
 * (docs/architecture.md, "Data model"). Keyed by the fields themselves: a new profile or secret field does
 * not compile until it has a label here.
 */
import type { ProfileInput, SecretField } from './profile';

type KeysOfUnion<T> = T extends unknown ? keyof T : never;

/** Every top-level key of any grant's profile, every secret field, and the CA bundle (a nested field). */
type LabelledField = KeysOfUnion<ProfileInput> | SecretField | 'caBundle';

const LABELS = {
  name: 'Name',
  grantType: 'Authorization Type',
  identityProviderName: 'Identity Provider Name',
  description: 'Description',
  clientId: 'Client ID',
  clientSecret: 'Client Secret',
  clientAuthMethod: 'Client Authentication',
  authorizationUrl: 'Authorization URL',
  tokenUrl: 'Token Request URL',
  refreshTokenUrl: 'Refresh Token URL',
  issuer: 'Issuer',
  callbackPort: 'Callback Port',
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
  authErrorStatusCodes: 'Auth Error Status Codes',
  authorizationMode: 'Authorization Mode',
  autoRefresh: 'Auto-refresh token',
  pkce: 'PKCE',
  clientCertificate: 'Client Certificate Exchange',
  clientPrivateKey: 'Client Private Key',
  clientCertificatePassphrase: 'Certificate Passphrase',
  caBundle: 'CA Bundle',
  proxyUrl: 'Proxy URL',
} satisfies Record<LabelledField, string>;

/** Field (or secret) name -> Kore's label, e.g. `tokenUrl` -> "Token Request URL". */
export const FIELD_LABELS: Readonly<Record<string, string>> = LABELS;
