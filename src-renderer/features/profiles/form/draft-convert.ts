/**
 * Converting between a stored profile, the editor's draft and the `profileInput` the contract takes,
 * field by field from the grant's schema (grant-forms.ts): a new draft starts from the schema's
 * defaults, tables gain and lose their row ids, number fields are typed text (number-fields.ts) and an
 * absent optional value is empty text. Only the fields of the draft's grant type are sent.
 */
import type { GrantType, ProfileView } from '../../../../src-shared/profile';
import type { RequestOf } from '../../../../src-shared/ipc';
import { allFieldSchemas, grantFields } from './grant-forms';
import { NUMBER_FIELDS, isNumberField } from './number-fields';
import { kvRow, nextRowId, type ProfileDraft } from './profile-draft';

/** The `profile` of a `profiles:create` / `profiles:update` request. */
export type ProfileRequest = RequestOf<'profiles:create'>['profile'];

type Field = keyof ProfileDraft;

/** A stored (or default) value of `field` as the editor holds it. */
function toDraftValue(field: Field, value: unknown): unknown {
  if (value === undefined || value === null) return '';
  if (isNumberField(field)) return NUMBER_FIELDS[field].toText(value as never);
  if (Array.isArray(value)) return value.map((row: object) => ({ ...row, rowId: nextRowId() }));
  if (typeof value === 'object') return { ...value };
  return value;
}

/** A drafted value of `field` as the request takes it; undefined leaves the field out. */
function toInputValue(field: Field, value: unknown): unknown {
  if (isNumberField(field)) return NUMBER_FIELDS[field].toInput(value as string);
  if (Array.isArray(value)) return value.map(({ rowId: _id, ...row }: { rowId: string }) => row);
  return value;
}

/**
 * The draft of a new profile of `grantType`: each field's schema default (a required field without one
 * starts as empty text), and one `scope` row to show where scopes go.
 */
export function emptyDraft(grantType: GrantType): ProfileDraft {
  const draft: Record<string, unknown> = {};
  for (const [field, schema] of allFieldSchemas()) {
    const parsed = schema.safeParse(undefined);
    draft[field] = toDraftValue(field, parsed.success ? parsed.data : undefined);
  }
  return { ...(draft as ProfileDraft), grantType, scopes: [kvRow('scope')] };
}

/** The draft of a stored profile; the fields of other grant types keep their defaults. */
export function draftFromView(view: ProfileView): ProfileDraft {
  const draft: Record<string, unknown> = { ...emptyDraft(view.grantType) };
  const stored = view as unknown as Record<string, unknown>;
  for (const field of grantFields(view.grantType)) draft[field] = toDraftValue(field, stored[field]);
  return draft as ProfileDraft;
}

/**
 * The request body for `profiles:create|update`: the fields of the draft's grant type, without row ids, and no
 * certificate text for a PFX (it is a secret).
 */
export function draftToInput(draft: ProfileDraft): ProfileRequest {
  const input: Record<string, unknown> = {};
  for (const field of grantFields(draft.grantType)) {
    const value = toInputValue(field, draft[field]);
    if (value !== undefined) input[field] = value;
  }
  // A PFX is the secret clientPfx: PEM text typed before switching to PFX is not sent.
  const cert = input.clientCertificate as ProfileDraft['clientCertificate'] | undefined;
  if (cert?.format === 'pfx') input.clientCertificate = { ...cert, certificate: '' };
  return input as ProfileRequest;
}
