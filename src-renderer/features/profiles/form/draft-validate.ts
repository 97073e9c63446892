/**
 * Validation of the draft with the same zod schemas main applies (`profileInput`, `secretsPatch`), plus
 * the check only text input needs (number fields typed as text, number-fields.ts), and the mapping of
 * the server's `details.issues` onto editor fields.
 */
import { fieldIssues } from '../../../../src-shared/validate';
import { profileInput, secretsPatch, type SecretField } from '../../../../src-shared/profile';
import { draftToInput } from './draft-convert';
import { grantFields } from './grant-forms';
import { isNumberField, NUMBER_FIELDS } from './number-fields';
import type { FieldErrors, ProfileDraft } from './profile-draft';

/**
 * Paths whose issues are shown on the whole field rather than on a part: a number list is one text box
 * (`authErrorStatusCodes.1` -> `authErrorStatusCodes`).
 */
const WHOLE_FIELDS = Object.keys(NUMBER_FIELDS);

/** The editor field a schema or server issue path belongs to. */
export function editorPath(path: string): string {
  const bare = path.replace(/^(profile|secrets)\./, '');
  const whole = WHOLE_FIELDS.find((f) => bare.startsWith(`${f}.`));
  return whole ?? bare;
}

function firstPerPath(issues: ReadonlyArray<{ path: string; message: string }>): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of issues) errors[editorPath(issue.path)] ??= issue.message;
  return errors;
}

/** Errors of the grant's number fields typed as text, in words a person can act on. */
function localErrors(draft: ProfileDraft): FieldErrors {
  const errors: FieldErrors = {};
  for (const field of grantFields(draft.grantType).filter(isNumberField)) {
    const problem = NUMBER_FIELDS[field].problem(draft[field]);
    if (problem) errors[field] = problem;
  }
  return errors;
}

/** Validates the draft; an empty object when it can be saved. */
export function validateDraft(draft: ProfileDraft): FieldErrors {
  const local = localErrors(draft);
  const result = profileInput.safeParse(draftToInput(draft));
  const schema = result.success ? {} : firstPerPath(fieldIssues(result.error));
  return { ...schema, ...local };
}

/** Validates newly typed secret values with the shared `secretsPatch` schema (empty values are not sent). */
export function validateSecrets(values: Partial<Record<SecretField, string>>): FieldErrors {
  const typed = Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined && v !== ''));
  const result = secretsPatch.safeParse(typed);
  return result.success ? {} : firstPerPath(fieldIssues(result.error));
}

/**
 * Server issues mapped onto editor fields: the router reports `profile.tokenUrl` / `secrets.clientSecret`,
 * services report `tokenUrl`; both land on the field's own path.
 */
export function serverFieldErrors(issues: ReadonlyArray<{ path: string; message: string }>): FieldErrors {
  return firstPerPath(issues);
}
