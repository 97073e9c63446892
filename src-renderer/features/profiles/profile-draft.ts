/**
 * The editor's form model: a draft of a client-credentials profile as the user types it, its conversion
 * to the contract's `profileInput`, and validation with the same zod schemas main applies.
 */
import { fieldIssues } from '../../../src-shared/validate';
import { profileInput, secretsPatch, type ClientAuthMethod, type ProfileView } from '../../../src-shared/profile';

/** One row of the Scope key/value table; `rowId` is a stable React key, never sent. */
export interface ScopeRow {
  rowId: string;
  key: string;
  value: string;
}

/** Every editable field as text, exactly as typed. */
export interface ProfileDraft {
  name: string;
  identityProviderName: string;
  description: string;
  clientId: string;
  clientAuthMethod: ClientAuthMethod;
  tokenUrl: string;
  scopes: ScopeRow[];
}

/** Field path (`tokenUrl`, `scopes.0.key`) -> the first message for it. */
export type FieldErrors = Record<string, string>;

let nextRowId = 0;

/** A new Scope row; the key defaults to `scope`, the standard parameter (RFC 6749 §3.3). */
export function scopeRow(key = 'scope', value = ''): ScopeRow {
  nextRowId += 1;
  return { rowId: `scope-${nextRowId}`, key, value };
}

/** The draft of a new profile: one empty `scope` row to show where scopes go. */
export function emptyDraft(): ProfileDraft {
  return {
    name: '',
    identityProviderName: '',
    description: '',
    clientId: '',
    clientAuthMethod: 'client_secret_basic',
    tokenUrl: '',
    scopes: [scopeRow()],
  };
}

/** The draft of a stored profile. */
export function draftFromView(view: ProfileView): ProfileDraft {
  return {
    name: view.name,
    identityProviderName: view.identityProviderName,
    description: view.description,
    clientId: view.clientId,
    clientAuthMethod: view.clientAuthMethod,
    tokenUrl: view.tokenUrl,
    scopes: view.scopes.map((s) => scopeRow(s.key, s.value)),
  };
}

/** The request body for `profiles:create|update`: the draft without row ids, with its grant type. */
export function draftToInput(draft: ProfileDraft) {
  return {
    grantType: 'client_credentials' as const,
    name: draft.name,
    identityProviderName: draft.identityProviderName,
    description: draft.description,
    clientId: draft.clientId,
    clientAuthMethod: draft.clientAuthMethod,
    tokenUrl: draft.tokenUrl,
    scopes: draft.scopes.map(({ key, value }) => ({ key, value })),
  };
}

/** Validates the draft with the shared `profileInput` schema; an empty object when valid. */
export function validateDraft(draft: ProfileDraft): FieldErrors {
  const result = profileInput.safeParse(draftToInput(draft));
  return result.success ? {} : firstPerPath(fieldIssues(result.error));
}

/** Validates a newly typed client secret with the shared `secretsPatch` schema; null when valid. */
export function validateSecret(value: string): string | null {
  const result = secretsPatch.safeParse({ clientSecret: value });
  return result.success ? null : (result.error.issues[0]?.message ?? 'Invalid');
}

/**
 * Server issues mapped onto editor fields: the router reports `profile.tokenUrl` / `secrets.clientSecret`,
 * services report `tokenUrl`; both land on the field's own path.
 */
export function serverFieldErrors(issues: ReadonlyArray<{ path: string; message: string }>): FieldErrors {
  return firstPerPath(issues.map((i) => ({ path: i.path.replace(/^(profile|secrets)\./, ''), message: i.message })));
}

function firstPerPath(issues: ReadonlyArray<{ path: string; message: string }>): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of issues) errors[issue.path] ??= issue.message;
  return errors;
}
