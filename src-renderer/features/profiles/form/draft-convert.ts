/**
 * Converting between a stored profile, the editor's draft, and the `profileInput` the contract takes.
 * Only the fields of the draft's grant type are sent (DESIGN.md §3, "types" column).
 */
import type { ProfileView } from '../../../../src-shared/profile';
import type { RequestOf } from '../../../../src-shared/ipc';
import { authFieldRow, emptyDraft, idpFormRow, kvRow, type KvRow, type ProfileDraft } from './profile-draft';

/** The `profile` of a `profiles:create` / `profiles:update` request. */
export type ProfileRequest = RequestOf<'profiles:create'>['profile'];

/** Grant types that have each grant-specific field. */
export const HAS = {
  authorizationUrl: ['authorization_code'],
  issuer: ['authorization_code'],
  callbackPort: ['authorization_code'],
  pkce: ['authorization_code'],
  additionalFields: ['authorization_code', 'password'],
  authorizationMode: ['authorization_code', 'password'],
  idpFormFields: ['password'],
} as const;

/** True when the draft's grant type has `field`. */
export function has(draft: Pick<ProfileDraft, 'grantType'>, field: keyof typeof HAS): boolean {
  return (HAS[field] as readonly string[]).includes(draft.grantType);
}

const kv = (rows: ReadonlyArray<{ key: string; value: string }>): KvRow[] => rows.map((r) => kvRow(r.key, r.value));

/** The draft of a stored profile. */
export function draftFromView(view: ProfileView): ProfileDraft {
  const base: ProfileDraft = {
    ...emptyDraft(view.grantType),
    name: view.name,
    identityProviderName: view.identityProviderName,
    description: view.description,
    clientId: view.clientId,
    clientAuthMethod: view.clientAuthMethod,
    tokenUrl: view.tokenUrl,
    refreshTokenUrl: view.refreshTokenUrl ?? '',
    scopes: kv(view.scopes),
    tenancy: { ...view.tenancy },
    authorizationFields: view.authorizationFields.map((f) => authFieldRow(f.type, f.key, f.value)),
    requestHeaders: kv(view.requestHeaders),
    applyHeadersToRefresh: view.applyHeadersToRefresh,
    tokenRequest: { ...view.tokenRequest },
    checkUrl: view.checkUrl ?? '',
    authErrorStatusCodes: view.authErrorStatusCodes.join(', '),
    autoRefresh: view.autoRefresh,
    clientCertificate: { ...view.clientCertificate },
    caBundle: view.caBundle,
    proxyUrl: view.proxyUrl ?? '',
  };
  if (view.grantType === 'authorization_code') {
    return {
      ...base,
      authorizationUrl: view.authorizationUrl,
      issuer: view.issuer ?? '',
      callbackPort: view.callbackPort === undefined ? '' : String(view.callbackPort),
      additionalFields: kv(view.additionalFields),
      authorizationMode: view.authorizationMode,
      pkce: { ...view.pkce },
    };
  }
  if (view.grantType === 'password') {
    return {
      ...base,
      additionalFields: kv(view.additionalFields),
      idpFormFields: view.idpFormFields.map(({ ...field }) => idpFormRow(field)),
      authorizationMode: view.authorizationMode,
    };
  }
  return base;
}

/** "401, 403" -> [401, 403]; a part that is not a number becomes NaN (reported by `localErrors`). */
export function parseStatusCodes(text: string): number[] {
  return text
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean)
    .map((part) => (/^\d+$/.test(part) ? Number(part) : Number.NaN));
}

/** The typed port, or undefined when the field is empty (an OS-chosen port). */
export function parsePort(text: string): number | undefined {
  const trimmed = text.trim();
  if (trimmed === '') return undefined;
  return /^\d+$/.test(trimmed) ? Number(trimmed) : Number.NaN;
}

const stripRowIds = <T extends { rowId: string }>(rows: T[]): Array<Omit<T, 'rowId'>> => rows.map(({ rowId: _id, ...row }) => row);

/** The request body for `profiles:create|update`: the fields of the draft's grant type, without row ids. */
export function draftToInput(draft: ProfileDraft): ProfileRequest {
  const common = {
    name: draft.name,
    identityProviderName: draft.identityProviderName,
    description: draft.description,
    clientId: draft.clientId,
    clientAuthMethod: draft.clientAuthMethod,
    tokenUrl: draft.tokenUrl,
    refreshTokenUrl: draft.refreshTokenUrl,
    scopes: stripRowIds(draft.scopes),
    tenancy: draft.tenancy,
    authorizationFields: stripRowIds(draft.authorizationFields),
    requestHeaders: stripRowIds(draft.requestHeaders),
    applyHeadersToRefresh: draft.applyHeadersToRefresh,
    tokenRequest: draft.tokenRequest,
    checkUrl: draft.checkUrl,
    // Parts that are not numbers are reported by `localErrors`; left out here, they would make zod skip
    // the cross-field rules (a `{tenant}` with Tenancy off) until they were fixed.
    authErrorStatusCodes: parseStatusCodes(draft.authErrorStatusCodes).filter(Number.isFinite),
    autoRefresh: draft.autoRefresh,
    clientCertificate: draft.clientCertificate,
    caBundle: draft.caBundle,
    proxyUrl: draft.proxyUrl,
  };
  switch (draft.grantType) {
    case 'authorization_code': {
      const port = parsePort(draft.callbackPort);
      return {
        grantType: 'authorization_code',
        ...common,
        authorizationUrl: draft.authorizationUrl,
        issuer: draft.issuer,
        ...(port === undefined || Number.isNaN(port) ? {} : { callbackPort: port }),
        additionalFields: stripRowIds(draft.additionalFields),
        authorizationMode: draft.authorizationMode,
        pkce: draft.pkce,
      };
    }
    case 'password':
      return {
        grantType: 'password',
        ...common,
        additionalFields: stripRowIds(draft.additionalFields),
        idpFormFields: stripRowIds(draft.idpFormFields),
        authorizationMode: draft.authorizationMode,
      };
    default:
      return { grantType: 'client_credentials', ...common };
  }
}
