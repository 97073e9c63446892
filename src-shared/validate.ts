import type { z } from 'zod';
import { AppError, type FieldIssue } from './errors';

/** Field issues of a zod error, with dotted paths (`scopes.0.key`); `(root)` for the whole value. */
export function fieldIssues(error: z.ZodError): FieldIssue[] {
  return error.issues.map((i) => ({ path: i.path.map(String).join('.') || '(root)', message: i.message }));
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
