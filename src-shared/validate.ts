import type { z } from 'zod';
import { AppError, type FieldIssue } from './errors';

/** Longest path or message kept in an issue (characters): a hostile key or value is not echoed in full. */
const MAX_ISSUE_TEXT = 200;

const clip = (text: string) => (text.length > MAX_ISSUE_TEXT ? `${text.slice(0, MAX_ISSUE_TEXT)}…` : text);

/**
 * Field issues of a zod error, with dotted paths (`scopes.0.key`); `(root)` for the whole value. Paths and
 * messages are clipped to 200 characters, so an unknown 1 MB key does not come back in the error.
 */
export function fieldIssues(error: z.ZodError): FieldIssue[] {
  return error.issues.map((i) => ({ path: clip(i.path.map(String).join('.') || '(root)'), message: clip(i.message) }));
}

/** Parses `value` with `schema`, or throws AppError('invalid_request') naming every failing field. */
export function parseOrThrow<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issues = fieldIssues(result.error);
  throw new AppError('invalid_request', `Invalid ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`, {
    issues,
  });
}
