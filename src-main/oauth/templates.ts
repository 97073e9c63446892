/**
 * Templates in profile values (docs/architecture.md, "A Test, step by step"): `{tenant}` in URLs and values, `{{name}}` for values known
 * at Test time (tokens, form fields). Rendering is strict: an unknown name or a tenant that would change
 * a URL's host or path is an error, never a silent empty string.
 *
 * The tenancy rule (docs/security.md, "Hostile input"). A tenant matches TENANT_PATTERN and is not made of
 * dots only. In a URL it may replace only what `{tenant}` stood for: the rendered URL is re-parsed and its
 * scheme, port, host, path, query and fragment must equal the template's with the tenant in place, so
 * `/`, `?`, `#`, `@`, `:` or `..` can never restructure it. In the host, a tenant may contain dots (it
 * then adds subdomains) only when the fixed text after `{tenant}` holds a parent domain of at least two
 * labels (`https://{tenant}.okta.com`): the request stays under okta.com. Where the host has no such
 * parent (`https://{tenant}`, `https://{tenant}.com`, `https://login.{tenant}.com`) only a single-label
 * tenant is accepted, because a dotted one would pick the registrable domain; empty labels (`a.`, `.a`,
 * `a..b`) are refused in a host, and so is a tenant the URL parser would rewrite (`2130706433` read as
 * the IPv4 address 127.0.0.1).
 */
import { AppError } from '../../src-shared/errors';
import { FIELD_LABELS, TENANT_PATTERN, TENANT_PLACEHOLDER } from '../../src-shared/profile';

/** Values a `{{name}}` may refer to (e.g. access_token, token_type, username, a form field key). */
export type TemplateVars = Readonly<Record<string, string | undefined>>;

const PROBE = 'authbench-tenant-probe';
const VALUE_TEMPLATE = /\{\{\s*([A-Za-z0-9_.-]+)\s*\}\}|\{tenant\}/g;

/** Checks a tenant against TENANT_PATTERN (and refuses `.` / `..`). Throws AppError('invalid_request'). */
export function validateTenant(tenant: string | undefined): string {
  if (tenant === undefined || tenant === '')
    throw new AppError('invalid_request', 'This profile uses {tenant}: enter the tenant to test with', {
      issues: [{ path: 'tenant', message: 'Required' }],
    });
  if (!TENANT_PATTERN.test(tenant) || /^\.+$/.test(tenant)) {
    throw new AppError(
      'invalid_request',
      'A tenant may contain only letters, digits, ".", "_" and "-" (1–128 characters)',
      { issues: [{ path: 'tenant', message: 'Not a valid tenant' }] },
    );
  }
  return tenant;
}

/**
 * Renders `{tenant}` in a URL field under the tenancy rule above and returns the re-serialised URL.
 * Throws AppError('invalid_request') naming `field` (by its Kore label) when the tenant is refused.
 */
export function renderUrl(template: string, tenant: string | undefined, field: string): string {
  if (!template.includes(TENANT_PLACEHOLDER)) return template;
  const value = validateTenant(tenant);
  const label = FIELD_LABELS[field] ?? field;
  let expected: URL;
  try {
    expected = new URL(template.split(TENANT_PLACEHOLDER).join(PROBE));
  } catch {
    throw new AppError('invalid_request', `The ${label} is not a valid URL template`, {
      issues: [{ path: field, message: 'Not a valid URL' }],
    });
  }
  if (expected.hostname.includes(PROBE)) checkHostTenant(expected.hostname, value, label);
  let actual: URL;
  try {
    actual = new URL(template.split(TENANT_PLACEHOLDER).join(value));
  } catch {
    throw tenantError(label);
  }
  const swap = (s: string, lower = false) => s.split(PROBE).join(lower ? value.toLowerCase() : value);
  const same =
    actual.protocol === expected.protocol &&
    actual.port === expected.port &&
    actual.hostname === swap(expected.hostname, true) &&
    actual.pathname === swap(expected.pathname) &&
    actual.search === swap(expected.search) &&
    actual.hash === swap(expected.hash) &&
    actual.username === '' &&
    actual.password === '';
  if (!same) throw tenantError(label);
  return actual.toString();
}

/** The host part of the rule: dots only under a fixed parent domain, never empty labels. */
function checkHostTenant(probeHost: string, tenant: string, label: string): void {
  if (!tenant.includes('.')) return;
  if (tenant.startsWith('.') || tenant.endsWith('.') || tenant.includes('..')) throw tenantError(label);
  const fixedAfter = probeHost.slice(probeHost.lastIndexOf(PROBE) + PROBE.length);
  if (!/\.[^.]+\.[^.]+/.test(fixedAfter)) {
    throw new AppError(
      'invalid_request',
      `The tenant contains "." but the ${label} has no fixed parent domain after {tenant} (as in https://{tenant}.example.com), so a dotted tenant could move the request to another domain; it was refused`,
      { issues: [{ path: 'tenant', message: 'Changes the domain' }] },
    );
  }
}

function tenantError(label: string): AppError {
  return new AppError('invalid_request', `The tenant would change the host or path of the ${label}; it was refused`, {
    issues: [{ path: 'tenant', message: 'Changes the URL' }],
  });
}

/**
 * Renders `{{name}}` from `vars` and `{tenant}` in a value (a header, parameter or authorization field) in
 * one pass, so a substituted value is never rendered again. Throws AppError('invalid_request') for an
 * unknown name, a missing value or a missing tenant, naming `where`.
 */
export function renderValue(template: string, vars: TemplateVars, tenant: string | undefined, where: string): string {
  return template.replace(VALUE_TEMPLATE, (_match, name: string | undefined) => {
    if (name === undefined) return validateTenant(tenant);
    // hasOwn: `{{constructor}}` or `{{__proto__}}` must not reach Object.prototype.
    const v = Object.hasOwn(vars, name) ? vars[name] : undefined;
    if (typeof v !== 'string')
      throw new AppError('invalid_request', `${where} uses {{${name}}}, which has no value in this Test`, {
        issues: [{ path: where, message: `Unknown {{${name}}}` }],
      });
    return v;
  });
}
