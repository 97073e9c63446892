/**
 * The secrets as edited. A stored secret is known only as "set" (docs/security.md, "Where each secret
 * lives"): `stored` keeps it, `new` sends the typed value on save (nothing when left empty), `remove`
 * deletes it. Values typed here go to main once, in the save's `secrets` patch, and are never read back.
 */
import {
  requiredSecrets,
  SECRET_FIELDS,
  type ProfileView,
  type SecretField,
  type SecretsPatch,
} from '../../../../src-shared/profile';
import type { ProfileDraft } from './profile-draft';

/** One secret field as edited. */
export interface SecretDraft {
  mode: 'stored' | 'new' | 'remove';
  value: string;
}

/** Every secret field as edited. */
export type SecretDrafts = Record<SecretField, SecretDraft>;

/** Every secret `stored` when the keychain holds it, else `new` and empty. */
export function initialSecrets(view: ProfileView | null): SecretDrafts {
  return Object.fromEntries(
    SECRET_FIELDS.map((f) => [f, { mode: view?.secrets[f] ? 'stored' : 'new', value: '' }]),
  ) as SecretDrafts;
}

/**
 * True when the profile keeps a username and password (the shared `requiredSecrets` rule: a password
 * grant in pre-authorize mode; docs/architecture.md, "Data model").
 */
export function keepsUserCredentials(draft: ProfileDraft): boolean {
  return requiredSecrets(draft).includes('username');
}

/** The secret fields the editor shows for `draft`. */
export function visibleSecrets(draft: ProfileDraft): SecretField[] {
  const fields: SecretField[] = ['clientSecret'];
  if (keepsUserCredentials(draft)) fields.push('username', 'password');
  // private_key_jwt and the JWT bearer grant sign with the JWT Signing Key (RFC 7523).
  if (requiredSecrets(draft).includes('jwtSigningKey')) fields.push('jwtSigningKey');
  // A token exchange's pasted subject / actor token (RFC 8693 §2.1).
  for (const f of ['subjectToken', 'actorToken'] as const) if (requiredSecrets(draft).includes(f)) fields.push(f);
  if (draft.clientCertificate.enabled) {
    fields.push(draft.clientCertificate.format === 'pem' ? 'clientPrivateKey' : 'clientPfx');
    fields.push('clientCertificatePassphrase');
  }
  return fields;
}

/** Typed values of the shown secrets, for validation. */
export function typedSecrets(draft: ProfileDraft, secrets: SecretDrafts): Partial<Record<SecretField, string>> {
  return Object.fromEntries(
    visibleSecrets(draft)
      .filter((f) => secrets[f].mode === 'new')
      .map((f) => [f, secrets[f].value]),
  );
}

/**
 * The save's `secrets` patch. A stored username / password is removed when the profile no longer keeps
 * them (user-authorize mode); other hidden secrets (e.g. a key while mTLS is off) are kept as they are.
 */
export function secretsPatchFor(
  draft: ProfileDraft,
  secrets: SecretDrafts,
  stored: ProfileView['secrets'] | null,
): SecretsPatch {
  const patch: SecretsPatch = {};
  const shown = new Set(visibleSecrets(draft));
  for (const field of SECRET_FIELDS) {
    const secret = secrets[field];
    if ((field === 'username' || field === 'password') && !keepsUserCredentials(draft)) {
      if (stored?.[field]) patch[field] = null;
      continue;
    }
    if (!shown.has(field)) continue;
    if (secret.mode === 'remove') patch[field] = null;
    else if (secret.mode === 'new' && secret.value !== '') patch[field] = secret.value;
  }
  return patch;
}
