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
 *
 * A `{{name}}` in a URL follows the same re-parse rule (renderUrl): its value is percent-encoded where it lands
 * (path segment, query, fragment), is one label in a host, and never stands in the scheme, user info or port.
 */
import { AppError } from '../../src-shared/errors';
import { FIELD_LABELS, TENANT_PATTERN, TENANT_PLACEHOLDER } from '../../src-shared/profile';
import { FIELD_TEMPLATE, fieldNames } from '../../src-shared/dynamic-fields';

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

/** The `{{name}}` values of a flow's URLs: the Test's typed values and, with Tenancy, `tenant`. */
export function urlVars(ctx: { formValues: TemplateVars; tenant?: string }): TemplateVars {
  return { ...ctx.formValues, ...(ctx.tenant ? { tenant: ctx.tenant } : {}) };
}

/** A field occurrence's stand-in while a template is parsed: lowercase letters and digits, unchanged in every part. */
const fieldProbe = (i: number) => `authbenchfield${i}probe`;
/** Where in a parsed URL a stand-in landed. */
type Part = 'hostname' | 'pathname' | 'search' | 'hash';
const PARTS: readonly Part[] = ['hostname', 'pathname', 'search', 'hash'];
/** What a field's value may be in a host: one DNS-like label, so it can add no domain, port or user info. */
const HOST_LABEL = /^[A-Za-z0-9_-]{1,63}$/;

/**
 * Percent-encodes everything but RFC 3986 §2.3 unreserved characters, so a value stays inside the one path
 * segment, query value or fragment it replaces (`/`, `?`, `#`, `&`, `=`, `%`, CR, LF and non-ASCII are encoded).
 */
export function encodeFieldValue(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/**
 * Renders `{tenant}` (under the tenancy rule above) and each `{{name}}` from `vars` in URL field `field` and
 * returns the re-serialised URL. A `{{name}}` value is percent-encoded (encodeFieldValue) in the path, query or
 * fragment, must be one label (letters, digits, "-", "_") in the host, and may stand nowhere else; the rendered
 * URL is re-parsed and compared like a tenant's, so no value changes the scheme, host, port, or adds a path
 * segment or query parameter. Throws AppError('invalid_request') naming the field by its Kore label: an
 * unresolved name ("Token Request URL uses {{tokenId}}, which has no value"), a refused value or tenant.
 */
export function renderUrl(
  template: string,
  tenant: string | undefined,
  field: string,
  vars: TemplateVars = {},
): string {
  const names = fieldNames(template);
  // `{{tenant}}` is a field (its value from `vars`), not the `{tenant}` placeholder it contains.
  const hasTenant = template.replace(FIELD_TEMPLATE, '').includes(TENANT_PLACEHOLDER);
  if (!hasTenant && names.length === 0) return template;
  const label = FIELD_LABELS[field] ?? field;
  const values = names.map((name) => fieldValue(vars, name, label));
  const tenantValue = hasTenant ? validateTenant(tenant) : '';
  let i = 0;
  const probed = template
    .replace(FIELD_TEMPLATE, () => fieldProbe(i++))
    .split(TENANT_PLACEHOLDER)
    .join(PROBE);
  let expected: URL;
  try {
    expected = new URL(probed);
  } catch {
    throw new AppError('invalid_request', `The ${label} is not a valid URL template`, {
      issues: [{ path: field, message: 'Not a valid URL' }],
    });
  }
  if (expected.hostname.includes(PROBE)) checkHostTenant(expected.hostname, tenantValue, label);
  const shown = names.map((name, n) => placeValue(expected, fieldProbe(n), name, values[n] ?? '', label, field));
  let actual: URL;
  try {
    i = 0;
    actual = new URL(
      template
        .replace(FIELD_TEMPLATE, () => shown[i++] ?? '')
        .split(TENANT_PLACEHOLDER)
        .join(tenantValue),
    );
  } catch {
    throw names.length > 0 ? fieldError(label, field, names) : tenantError(label);
  }
  const swap = (s: string, lower = false) => {
    let out = s.split(PROBE).join(lower ? tenantValue.toLowerCase() : tenantValue);
    shown.forEach((v, n) => (out = out.split(fieldProbe(n)).join(lower ? v.toLowerCase() : v)));
    return out;
  };
  const same =
    actual.protocol === expected.protocol &&
    actual.port === expected.port &&
    actual.hostname === swap(expected.hostname, true) &&
    actual.pathname === swap(expected.pathname) &&
    actual.search === bare(swap(expected.search)) &&
    actual.hash === bare(swap(expected.hash)) &&
    actual.username === '' &&
    actual.password === '';
  if (!same) throw names.length > 0 ? fieldError(label, field, names) : tenantError(label);
  return actual.toString();
}

/** A UTF-16 surrogate not in a pair (\p{Cs} with the u flag): no UTF-8 encoding exists for it. */
const LONE_SURROGATE = /\p{Cs}/u;

/** A URL parser serialises an empty query or fragment as "": `?` or `#` alone is no part. */
const bare = (part: string) => (part === '?' || part === '#' ? '' : part);

/** The value of `{{name}}` in `vars`; throws the "has no value" error naming `label`. */
function fieldValue(vars: TemplateVars, name: string, label: string): string {
  // hasOwn: `{{constructor}}` or `{{__proto__}}` must not reach Object.prototype.
  const v = Object.hasOwn(vars, name) ? vars[name] : undefined;
  if (typeof v !== 'string')
    throw new AppError('invalid_request', `${label} uses {{${name}}}, which has no value`, {
      issues: [{ path: `formValues.${name}`, message: `Required: ${label} uses it` }],
    });
  return v;
}

/** The text that replaces one `{{name}}`, by the part of `expected` its stand-in landed in. */
function placeValue(expected: URL, probe: string, name: string, value: string, label: string, field: string): string {
  const part = PARTS.find((p) => expected[p].includes(probe));
  if (part === undefined)
    throw new AppError(
      'invalid_request',
      `${label} has {{${name}}} in its scheme, user info or port, where no value may stand`,
      { issues: [{ path: field, message: 'Field in scheme, user info or port' }] },
    );
  if (LONE_SURROGATE.test(value))
    throw new AppError('invalid_request', `The value of {{${name}}} is not well-formed Unicode: it was refused`, {
      issues: [{ path: `formValues.${name}`, message: 'Not well-formed Unicode' }],
    });
  if (part !== 'hostname') return encodeFieldValue(value);
  if (!HOST_LABEL.test(value))
    throw new AppError(
      'invalid_request',
      `{{${name}}} is in the host of the ${label}, so its value must be one label of letters, digits, "-" and "_" (1–63 characters, no dots): it was refused`,
      { issues: [{ path: `formValues.${name}`, message: 'Not one host label' }] },
    );
  return value;
}

function fieldError(label: string, field: string, names: string[]): AppError {
  const list = [...new Set(names)].map((n) => `{{${n}}}`).join(', ');
  return new AppError(
    'invalid_request',
    `The value of ${list} would change the host or path of the ${label}; it was refused`,
    {
      issues: [{ path: field, message: 'Changes the URL' }],
    },
  );
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
