/**
 * Checks of values typed at Test time, shared by the Test dialog (to name a mistake at the field) and the
 * password flow in main (which enforces them whatever the dialog did).
 */
import type { IdpFormField } from './profile-fields';

// The WHATWG HTML "valid e-mail address", as <input type=email> checks it.
const EMAIL =
  /^[a-zA-Z0-9.!#$%&'*+/=?^_`{|}~-]+@[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)*$/;
const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)$/;

/** A calendar date as YYYY-MM-DD (what <input type=date> sends). */
function isDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
}

/** What a data type expects, in words ("a number", "an e-mail address", …). */
export const DATA_TYPE_EXPECTS: Record<IdpFormField['dataType'], string> = {
  string: 'text',
  number: 'a number',
  email: 'an e-mail address (name@example.com)',
  date: 'a date (YYYY-MM-DD)',
};

/** True when a non-empty `value` fits `dataType` (numbers may carry surrounding spaces). */
export function fitsDataType(dataType: IdpFormField['dataType'], value: string): boolean {
  switch (dataType) {
    case 'number':
      return NUMBER.test(value.trim());
    case 'email':
      return EMAIL.test(value);
    case 'date':
      return isDate(value);
    default:
      return true;
  }
}
