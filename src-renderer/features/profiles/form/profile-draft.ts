/**
 * The editor's form model: every field of every grant type as the user types it (text stays text until
 * save), with the key/value tables as rows carrying a stable React key. One draft holds the fields of
 * all three types, so switching the type of a new profile keeps what was typed; `draftToInput` sends
 * only the fields of the chosen type.
 */
import type { AuthorizationMode, ClientAuthMethod, GrantType } from '../../../../src-shared/profile';
import type {
  AUTHORIZATION_FIELD_TYPES,
  FORM_DATA_TYPES,
  FORM_FIELD_TYPES,
  FORM_VISIBILITIES,
  TOKEN_CONTENT_TYPES,
  TOKEN_METHODS,
} from '../../../../src-shared/profile-fields';

type AuthorizationFieldType = (typeof AUTHORIZATION_FIELD_TYPES)[number];

/** A key/value row (scopes, additional fields, request headers); `rowId` is a React key, never sent. */
export interface KvRow {
  rowId: string;
  key: string;
  value: string;
}

/** An Authorization Fields row: where the token goes on API calls. */
export interface AuthFieldRow extends KvRow {
  type: AuthorizationFieldType;
}

/** An IDP Form Fields row (password grant): a field the person running Test fills in. */
export interface IdpFormRow {
  rowId: string;
  title: string;
  key: string;
  helpHint: string;
  fieldType: (typeof FORM_FIELD_TYPES)[number];
  mandatory: boolean;
  dataType: (typeof FORM_DATA_TYPES)[number];
  visibility: (typeof FORM_VISIBILITIES)[number];
  defaultValue: string;
}

/** Every editable field; numbers (callback port, status codes) are kept as typed text. */
export interface ProfileDraft {
  grantType: GrantType;
  name: string;
  identityProviderName: string;
  description: string;
  clientId: string;
  clientAuthMethod: ClientAuthMethod;
  authorizationUrl: string;
  tokenUrl: string;
  refreshTokenUrl: string;
  issuer: string;
  callbackPort: string;
  scopes: KvRow[];
  tenancy: { enabled: boolean };
  additionalFields: KvRow[];
  idpFormFields: IdpFormRow[];
  authorizationFields: AuthFieldRow[];
  requestHeaders: KvRow[];
  applyHeadersToRefresh: boolean;
  tokenRequest: { method: (typeof TOKEN_METHODS)[number]; contentType: (typeof TOKEN_CONTENT_TYPES)[number] };
  checkUrl: string;
  /** Comma-separated HTTP status codes, e.g. "401, 403". */
  authErrorStatusCodes: string;
  authorizationMode: AuthorizationMode;
  autoRefresh: boolean;
  pkce: { enabled: boolean; method: 'S256' | 'plain' };
  clientCertificate: { enabled: boolean; format: 'pem' | 'pfx'; certificate: string };
  caBundle: string;
  proxyUrl: string;
}

/** The draft's tables, by field name. */
export type TableName = 'scopes' | 'additionalFields' | 'idpFormFields' | 'authorizationFields' | 'requestHeaders';
/** The row type of each table. */
export type RowOf<T extends TableName> = ProfileDraft[T][number];

/** Field path (`tokenUrl`, `scopes.0.key`, `pkce.method`) -> the first message for it. */
export type FieldErrors = Record<string, string>;

let nextRowId = 0;
function rowId(): string {
  nextRowId += 1;
  return `row-${nextRowId}`;
}

/** A new key/value row. */
export function kvRow(key = '', value = ''): KvRow {
  return { rowId: rowId(), key, value };
}

/** A new Authorization Fields row (a header unless said otherwise). */
export function authFieldRow(type: AuthorizationFieldType = 'header', key = '', value = ''): AuthFieldRow {
  return { rowId: rowId(), type, key, value };
}

/** A new IDP Form Fields row with the schema's defaults. */
export function idpFormRow(fields: Partial<Omit<IdpFormRow, 'rowId'>> = {}): IdpFormRow {
  return {
    rowId: rowId(),
    title: '',
    key: '',
    helpHint: '',
    fieldType: 'textbox',
    mandatory: false,
    dataType: 'string',
    visibility: 'visible',
    defaultValue: '',
    ...fields,
  };
}

/** A new row for `table`. */
export function newRow<T extends TableName>(table: T): RowOf<T> {
  if (table === 'idpFormFields') return idpFormRow() as RowOf<T>;
  if (table === 'authorizationFields') return authFieldRow() as RowOf<T>;
  return kvRow(table === 'scopes' ? 'scope' : '') as RowOf<T>;
}

/** The draft of a new profile of `grantType`: the schema's defaults and one `scope` row to show where scopes go. */
export function emptyDraft(grantType: GrantType): ProfileDraft {
  return {
    grantType,
    name: '',
    identityProviderName: '',
    description: '',
    clientId: '',
    clientAuthMethod: 'client_secret_basic',
    authorizationUrl: '',
    tokenUrl: '',
    refreshTokenUrl: '',
    issuer: '',
    callbackPort: '',
    scopes: [kvRow('scope')],
    tenancy: { enabled: false },
    additionalFields: [],
    idpFormFields: [],
    authorizationFields: [],
    requestHeaders: [],
    applyHeadersToRefresh: false,
    tokenRequest: { method: 'POST', contentType: 'form' },
    checkUrl: '',
    authErrorStatusCodes: '401',
    authorizationMode: 'user',
    autoRefresh: false,
    pkce: { enabled: true, method: 'S256' },
    clientCertificate: { enabled: false, format: 'pem', certificate: '' },
    caBundle: '',
    proxyUrl: '',
  };
}
