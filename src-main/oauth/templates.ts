/**
 * Templates in profile values (DESIGN.md §5.2): `{tenant}` in URLs and values, `{{name}}` for values known
 * at Test time (tokens, form fields). Rendering is strict: an unknown name or a tenant that would change
 * a URL's host or path is an error, never a silent empty string.
 */
import { AppError } from '../../src-shared/errors';
import { FIELD_LABELS, TENANT_PATTERN, TENANT_PLACEHOLDER } from '../../src-shared/profile';

/** Values a `{{name}}` may refer to (e.g. access_token, token_type, username, a form field key). */
export type TemplateVars = Readonly<Record<string, string | undefined>>;

const PROBE = 'authbench-tenant-probe';

/** Checks a tenant against TENANT_PATTERN (and refuses `.` / `..`). Throws AppError('invalid_request'). */
export function validateTenant(tenant: string | undefined): string {
  if (tenant === undefined || tenant === '') throw new AppError('invalid_request', 'This profile uses {tenant}: enter the tenant to test with', { issues: [{ path: 'tenant', message: 'Required' }] });
  if (!TENANT_PATTERN.test(tenant) || /^\.+$/.test(tenant)) {
    throw new AppError('invalid_request', 'A tenant may contain only letters, digits, ".", "_" and "-" (1–128 characters)', { issues: [{ path: 'tenant', message: 'Not a valid tenant' }] });
  }
  return tenant;
}

/**
 * Renders `{tenant}` in a URL field, then re-parses the result and checks that the tenant changed only
 * what the placeholder stood for: scheme, host, port, path and query must match the template's
 * (SECURITY.md: tenant values that would change the host or path are refused).
 * Throws AppError('invalid_request') naming `field`.
 */
export function renderUrl(template: string, tenant: string | undefined, field: string): string {
  if (!template.includes(TENANT_PLACEHOLDER)) return template;
  const value = validateTenant(tenant);
  const rendered = template.split(TENANT_PLACEHOLDER).join(value);
  const expected = new URL(template.split(TENANT_PLACEHOLDER).join(PROBE));
  let actual: URL;
  try {
    actual = new URL(rendered);
  } catch {
    throw tenantError(field);
  }
  const swap = (s: string, lower = false) => s.split(PROBE).join(lower ? value.toLowerCase() : value);
  const same =
    actual.protocol === expected.protocol &&
    actual.port === expected.port &&
    actual.hostname === swap(expected.hostname, true) &&
    actual.pathname === swap(expected.pathname) &&
    actual.search === swap(expected.search) &&
    actual.username === '' &&
    actual.password === '';
  if (!same) throw tenantError(field);
  return actual.toString();
}

function tenantError(field: string): AppError {
  const label = FIELD_LABELS[field] ?? field;
  return new AppError('invalid_request', `The tenant would change the host or path of the ${label}; it was refused`, { issues: [{ path: 'tenant', message: 'Changes the URL' }] });
}

/**
 * Renders `{{name}}` from `vars` and `{tenant}` in a value (a header, parameter or authorization field).
 * Throws AppError('invalid_request') for an unknown name or a missing value, naming `where`.
 */
export function renderValue(template: string, vars: TemplateVars, tenant: string | undefined, where: string): string {
  let out = template.replace(/\{\{\s*([A-Za-z0-9_.-]+)\s*\}\}/g, (_m, name: string) => {
    const v = vars[name];
    if (v === undefined) throw new AppError('invalid_request', `${where} uses {{${name}}}, which has no value in this Test`, { issues: [{ path: where, message: `Unknown {{${name}}}` }] });
    return v;
  });
  if (out.includes(TENANT_PLACEHOLDER)) out = out.split(TENANT_PLACEHOLDER).join(validateTenant(tenant));
  return out;
}
