/**
 * Checks of what is typed in the Test dialog, the same rules main enforces (TENANT_PATTERN and the
 * shared data-type checks), so a mistake is named at the field before anything is sent.
 */
import { DATA_TYPE_EXPECTS, fitsDataType } from '../../../../src-shared/form-values';
import { TENANT_PATTERN, type IdpFormField } from '../../../../src-shared/profile';

/** What the help text says a tenant may be (mirrors TENANT_PATTERN). */
export const TENANT_RULE = 'Letters, digits, ".", "_" and "-" only, 1–128 characters (no "/", "?", "#" or spaces).';

/** What is wrong with a tenant, naming the characters that are not allowed; null when it is valid. */
export function tenantProblem(value: string): string | null {
  if (TENANT_PATTERN.test(value) && !/^\.+$/.test(value)) return null;
  if (value.length > 128) return 'Not a valid tenant: at most 128 characters';
  const bad = [...new Set(value.replace(/[A-Za-z0-9._-]/g, ''))].map((c) => (c === ' ' ? 'spaces' : `“${c}”`));
  if (bad.length === 0) return 'Not a valid tenant: “.” and “..” would change the path';
  return `Not a valid tenant: ${bad.join(', ')} ${bad.length === 1 && bad[0] !== 'spaces' ? 'is' : 'are'} not allowed`;
}

/** What is wrong with a non-empty value of data type `dataType`; null when it fits. */
export function dataTypeProblem(dataType: IdpFormField['dataType'], value: string): string | null {
  return fitsDataType(dataType, value) ? null : `Enter ${DATA_TYPE_EXPECTS[dataType]}`;
}
