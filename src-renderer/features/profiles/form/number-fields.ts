/**
 * The profile fields the schema takes as numbers, which the editor keeps as the text typed: how each is
 * shown from a stored value, read back for the request, and what to say when the text is not a number.
 * A new number field is a compile error here until it has its row.
 */
import type { NumberField, SchemaValue } from './profile-draft';

/** How one number field's text is written and read. */
interface NumberText<V> {
  /** The stored value as text. */
  toText(value: V): string;
  /** The value to send, or undefined to leave the field out. */
  toInput(text: string): V | undefined;
  /** What is wrong with the text, in words a person can act on; null when it reads as numbers. */
  problem(text: string): string | null;
}

/** "401, 403" -> [401, 403]; a part that is not a number becomes NaN. */
export function parseStatusCodes(text: string): number[] {
  return text
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean)
    .map((part) => (/^\d+$/.test(part) ? Number(part) : Number.NaN));
}

/** The typed port, undefined when the field is empty (an OS-chosen port), NaN when it is not a number. */
export function parsePort(text: string): number | undefined {
  const trimmed = text.trim();
  if (trimmed === '') return undefined;
  return /^\d+$/.test(trimmed) ? Number(trimmed) : Number.NaN;
}

/** Each number field's conversions; the schema checks the ranges once the text reads as numbers. */
export const NUMBER_FIELDS: { [K in NumberField]: NumberText<SchemaValue<K>> } = {
  callbackPort: {
    toText: (port) => String(port),
    toInput(text) {
      const port = parsePort(text);
      return port === undefined || Number.isNaN(port) ? undefined : port;
    },
    problem: (text) =>
      Number.isNaN(parsePort(text)) ? 'Enter a port number from 1024 to 65535, or leave empty' : null,
  },
  authErrorStatusCodes: {
    toText: (codes) => codes.join(', '),
    // Parts that are not numbers are reported by `problem`; left out here, they would make zod skip the
    // cross-field rules (a `{tenant}` with Tenancy off) until they were fixed.
    toInput: (text) => parseStatusCodes(text).filter(Number.isFinite),
    problem: (text) =>
      parseStatusCodes(text).some((c) => Number.isNaN(c) || c < 100 || c > 599)
        ? 'Comma-separated HTTP status codes from 100 to 599, e.g. 401, 403'
        : null,
  },
};

/** True when `field` is typed as text but sent as a number. */
export function isNumberField(field: string): field is NumberField {
  return Object.hasOwn(NUMBER_FIELDS, field);
}
