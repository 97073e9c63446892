/**
 * Text headed for a log or a terminal (docs/security.md, "The redactor"): control characters and bidi
 * overrides out, length clipped. Kept apart from the redactor so the CLI's error printing loads nothing else
 * at start-up.
 */

/** Control characters (C0, DEL, C1) and bidirectional overrides, which a terminal or log would act on. */
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

/** Strips CR, LF, terminal escapes (C0, C1) and bidi overrides from a string headed for a log or terminal. */
export function sanitizeForLog(value: string): string {
  return value.replace(CONTROL, ' ');
}

/** sanitizeForLog, then clipped to `max` characters (default 2000) with `…` when cut. */
export function forTerminal(value: string, max = 2000): string {
  const clean = sanitizeForLog(value);
  return clean.length > max ? `${clean.slice(0, max - 1)}…` : clean;
}
