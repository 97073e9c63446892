/**
 * Checks of what is typed in the Test dialog, matching what main enforces (TENANT_PATTERN and the
 * password flow's data-type checks), so a mistake is named at the field before anything is sent.
 */
import { TENANT_PATTERN, type IdpFormField } from '../../../src-shared/profile';

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

// The WHATWG HTML "valid e-mail address" (what <input type=email> and main's password flow accept).
const EMAIL = /^[a-zA-Z0-9.!#$%&'*+/=?^_`{|}~-]+@[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)*$/;
const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)$/;

function isDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
}

/** What is wrong with a non-empty value of data type `dataType`; null when it fits. */
export function dataTypeProblem(dataType: IdpFormField['dataType'], value: string): string | null {
  if (dataType === 'number' && !NUMBER.test(value.trim())) return 'Enter a number';
  if (dataType === 'email' && !EMAIL.test(value)) return 'Enter an e-mail address (name@example.com)';
  if (dataType === 'date' && !isDate(value)) return 'Enter a date (YYYY-MM-DD)';
  return null;
}
