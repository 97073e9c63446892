/**
 * The typed `{{field}}`s of a Test, checked before its first request (docs/architecture.md, "A Test, step by
 * step"): an unresolved, refused or ill-typed field stops the Test up front, naming the field and where it is used.
 */
import { AppError } from '../../src-shared/errors';
import { fieldProblems, type FieldSource } from '../../src-shared/dynamic-fields';

/**
 * Throws AppError('invalid_request') with one issue per problem (path `formValues.KEY`) when a typed field of
 * `profile` has no usable value in `formValues` (src-shared/dynamic-fields.ts fieldProblems).
 */
export function requireFieldValues(profile: FieldSource, formValues: Readonly<Record<string, string>>): void {
  const problems = fieldProblems(profile, formValues);
  if (problems.length === 0) return;
  throw new AppError('invalid_request', problems.map((p) => p.message).join('; '), {
    issues: problems.map((p) => ({ path: `formValues.${p.key}`, message: p.issue })),
  });
}
