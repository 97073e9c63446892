/**
 * Validation of the draft with the same zod schemas main applies (`profileInput`, `secretsPatch`), plus
 * the two checks only text input needs (a port and a status-code list typed as text), and the mapping
 * of the server's `details.issues` onto editor fields.
 */
import { fieldIssues } from '../../../../src-shared/validate';
import { profileInput, secretsPatch, type SecretField } from '../../../../src-shared/profile';
import { draftToInput, has, parsePort, parseStatusCodes } from './draft-convert';
import type { FieldErrors, ProfileDraft } from './profile-draft';

/** Paths whose issues are shown on the whole field rather than on a part (`authErrorStatusCodes.1` -> `authErrorStatusCodes`). */
const WHOLE_FIELDS = ['authErrorStatusCodes'];

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

/** Errors of the text-typed number fields, in words a person can act on. */
function localErrors(draft: ProfileDraft): FieldErrors {
  const errors: FieldErrors = {};
  if (has(draft, 'callbackPort') && Number.isNaN(parsePort(draft.callbackPort))) {
    errors.callbackPort = 'Enter a port number from 1024 to 65535, or leave empty';
  }
  const codes = parseStatusCodes(draft.authErrorStatusCodes);
  if (codes.some((c) => Number.isNaN(c) || c < 100 || c > 599)) {
    errors.authErrorStatusCodes = 'Comma-separated HTTP status codes from 100 to 599, e.g. 401, 403';
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
