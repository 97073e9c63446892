/**
 * The typed `{{field}}`s of a Test, checked before its first request (docs/architecture.md, "A Test, step by
 * step"): an unresolved, refused or ill-typed field stops the Test up front, naming the field and where it is used,
 * and so does a value the URL rules refuse (templates.ts renderUrl) — before discovery or a sign-in starts.
 */
import { AppError } from '../../src-shared/errors';
import { fieldNames, fieldProblems, withFieldDefaults, type FieldSource } from '../../src-shared/dynamic-fields';
import { renderUrl } from './templates';

/** The URL fields a Test renders before it has a token; the check URL is checked with stand-in tokens (check.ts). */
const URL_FIELDS = [
  'issuer',
  'authorizationUrl',
  'pushedAuthorizationRequestUrl',
  'deviceAuthorizationUrl',
  'tokenUrl',
  'refreshTokenUrl',
] as const;
/** What an engine-provided name (a stored username, …) stands for while the URLs are checked. */
const STAND_IN = 'authbench-preflight';

/**
 * Throws AppError('invalid_request') with one issue per problem (path `formValues.KEY`) when a typed field of
 * `profile` has no usable value in `formValues` (src-shared/dynamic-fields.ts fieldProblems), or when a URL
 * field rendered with those values and `tenant` is refused (the renderUrl error).
 */
export function requireFieldValues(
  profile: FieldSource,
  formValues: Readonly<Record<string, string>>,
  tenant?: string,
): void {
  const problems = fieldProblems(profile, formValues);
  if (problems.length > 0)
    throw new AppError('invalid_request', problems.map((p) => p.message).join('; '), {
      issues: problems.map((p) => ({ path: `formValues.${p.key}`, message: p.issue })),
    });
  const values = { ...withFieldDefaults(profile, formValues), ...(tenant ? { tenant } : {}) };
  for (const field of URL_FIELDS) {
    const template = profile[field]?.trim();
    if (!template) continue;
    const standIns = Object.fromEntries(fieldNames(template).map((name) => [name, STAND_IN]));
    renderUrl(template, tenant, field, { ...standIns, ...values });
  }
}
