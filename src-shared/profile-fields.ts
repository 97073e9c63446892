/**
 * The building blocks of the profile model (docs/architecture.md, "Data model"): field limits, URL and header rules, and the
 * key/value tables (scopes, additional fields, authorization fields, headers, IDP form fields).
 * Pure zod: the renderer validates as the user types with exactly what main enforces.
 */
import { z } from 'zod';
import { GRANT_INFO, GRANT_TYPES } from './grants';
import { tokenContentType } from './token-content-types';
import { fieldPlacementProblem } from './url-field-placement';

export const LIMITS = {
  name: 100,
  identityProviderName: 255,
  description: 1000,
  clientId: 255,
  clientSecret: 255,
  username: 255,
  password: 1024,
  url: 3000,
  key: 255,
  value: 2000,
  rows: 50,
  helpHint: 500,
  /** PEM text, or a base64 PFX (characters). */
  certificate: 64 * 1024,
  caBundle: 512 * 1024,
} as const;

const FORBIDDEN_SCHEMES = new Set(['javascript:', 'file:', 'data:', 'vbscript:', 'blob:']);

/** The tenancy placeholder (Kore's `{tenant}`), replaced at Test time with a validated tenant. */
export const TENANT_PLACEHOLDER = '{tenant}';
/** What a tenant may be (docs/security.md, "Hostile input"): letters, digits, `.`, `_`, `-`, 1–128 characters. */
export const TENANT_PATTERN = /^[A-Za-z0-9._-]{1,128}$/;

/** True for a host on the loopback interface (127.0.0.0/8, ::1, localhost). */
export function isLoopbackHost(hostname: string): boolean {
  const h = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  return h === 'localhost' || h === '::1' || /^127(\.\d{1,3}){3}$/.test(h);
}

/**
 * True when `url` may be opened in the system browser (docs/security.md, "Electron settings"): https://
 * (RFC 6749 §3.1 asks TLS of the authorization endpoint), or http:// to a loopback host — never `file:` or
 * a custom scheme that would launch a local program. The app's opener and the flows share this rule.
 */
export function isBrowsableUrl(url: string): boolean {
  try {
    const u = new URL(url);
    return u.protocol === 'https:' || (u.protocol === 'http:' && isLoopbackHost(u.hostname));
  } catch {
    return false;
  }
}

/**
 * An absolute http(s) URL without embedded credentials, at most 3000 characters. `{tenant}` may appear
 * (checked against the tenancy switch by the profile); it is parsed as if it were a plain label.
 */
export const httpUrl = z
  .string()
  .trim()
  .min(1, 'Required')
  .max(LIMITS.url, `At most ${LIMITS.url} characters`)
  .superRefine((value, ctx) => {
    const placement = fieldPlacementProblem(value);
    if (placement) return void ctx.addIssue({ code: 'custom', message: placement });
    let url: URL;
    try {
      url = new URL(value.split(TENANT_PLACEHOLDER).join('tenant'));
    } catch {
      ctx.addIssue({ code: 'custom', message: 'Not a valid URL (expected https://host/path)' });
      return;
    }
    if (FORBIDDEN_SCHEMES.has(url.protocol)) {
      ctx.addIssue({ code: 'custom', message: `${url.protocol} URLs are not allowed` });
    } else if (url.protocol !== 'https:' && url.protocol !== 'http:') {
      ctx.addIssue({ code: 'custom', message: 'Only http:// and https:// URLs are allowed' });
    } else if (url.username || url.password) {
      ctx.addIssue({ code: 'custom', message: 'Credentials in the URL (user:password@) are not allowed' });
    }
  });

/** An optional URL: empty text counts as absent. */
export const optionalUrl = z.preprocess(
  (v) => (typeof v === 'string' && v.trim() === '' ? undefined : v),
  httpUrl.optional(),
);

/**
 * A warning (not an error) for a URL that works but deserves a second look: plain http to a non-loopback
 * host (secrets would cross the network in clear), or an internationalised host, shown in punycode so a
 * look-alike (homoglyph) name is visible.
 */
export function insecureUrlWarning(value: string): string | null {
  try {
    const url = new URL(value.split(TENANT_PLACEHOLDER).join('tenant'));
    if (url.protocol === 'http:' && !isLoopbackHost(url.hostname))
      return 'http:// sends secrets unencrypted; use https://';
    if (url.hostname.split('.').some((label) => label.startsWith('xn--'))) {
      return `The host is an internationalised name (${url.hostname}): check it is the IdP you expect and not a look-alike`;
    }
    return null;
  } catch {
    return null;
  }
}

/** RFC 9110 §5.6.2 `token`: a valid header field name. */
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
/** RFC 9110 §5.5: no CR, LF or NUL (or other controls but tab) in a field value. */
// eslint-disable-next-line no-control-regex
const HEADER_VALUE = /^[^\u0000-\u0008\u000a-\u001f\u007f]*$/;

const rowKey = z.string().trim().min(1, 'Required').max(LIMITS.key, `At most ${LIMITS.key} characters`);
const rowValue = z.string().max(LIMITS.value, `At most ${LIMITS.value} characters`);
const rows = <T extends z.ZodType>(row: T) => z.array(row).max(LIMITS.rows, `At most ${LIMITS.rows} rows`).default([]);

/**
 * Token-request parameters the engine owns: `grant_type`, client authentication, `refresh_token` and every
 * grant's GRANT_INFO tokenParameters; a scope pair or additional field must not send them again.
 */
export const RESERVED_PARAMETERS: ReadonlySet<string> = new Set([
  'grant_type',
  'client_id',
  'client_secret',
  'client_assertion',
  'client_assertion_type',
  'refresh_token',
  ...GRANT_TYPES.flatMap((g) => GRANT_INFO[g].tokenParameters),
]);
const parameterKey = rowKey.refine((k) => !RESERVED_PARAMETERS.has(k), {
  message: 'This parameter is set by Authbench itself; use the field for it',
});

/** Kore's "Scope" key/value pair; `scope` is the standard key (RFC 6749 §3.3), other keys are extra parameters. */
export const scopeEntry = z.object({ key: parameterKey, value: rowValue }).strict();
export type ScopeEntry = z.infer<typeof scopeEntry>;

/** The scope string sent to the IdP: the values of `scope` keys, space-separated (RFC 6749 §3.3). */
export function scopeString(scopes: readonly ScopeEntry[]): string {
  return scopes
    .filter((s) => s.key === 'scope')
    .flatMap((s) => s.value.split(/\s+/))
    .filter(Boolean)
    .join(' ');
}

/** An extra input sent with the authorization / token request (e.g. a PIN); values may use `{{field}}`. */
export const additionalField = z.object({ key: parameterKey, value: rowValue }).strict();
export type AdditionalField = z.infer<typeof additionalField>;

/** An extra header on the token call (and on refresh when `applyHeadersToRefresh`). */
export const requestHeader = z
  .object({
    key: rowKey.regex(HEADER_NAME, "Not a valid header name (RFC 9110: letters, digits and !#$%&'*+.^_`|~-)"),
    value: rowValue.regex(HEADER_VALUE, 'Header values cannot contain line breaks or control characters'),
  })
  .strict();
export type RequestHeader = z.infer<typeof requestHeader>;

/**
 * True for a URL path segment a URL parser resolves away (RFC 3986 §5.2.4): `.`, `..`, or either spelled with
 * `%2e` (WHATWG URL). A `path` authorization field must not render to one (docs/security.md, "Hostile input").
 */
export function isDotSegment(segment: string): boolean {
  return /^(?:\.|%2e){1,2}$/i.test(segment);
}

export const AUTHORIZATION_FIELD_TYPES = ['header', 'payload', 'query', 'path'] as const;
/** How an obtained token is attached to API calls (Kore's "Authorization Fields"); values are templates. */
export const authorizationField = z
  .object({
    type: z.enum(AUTHORIZATION_FIELD_TYPES),
    key: rowKey,
    value: rowValue.regex(HEADER_VALUE, 'Values cannot contain line breaks or control characters'),
  })
  .strict()
  .superRefine((f, ctx) => {
    if (f.type === 'header' && !HEADER_NAME.test(f.key))
      ctx.addIssue({ code: 'custom', path: ['key'], message: 'Not a valid header name (RFC 9110)' });
    if (f.type === 'path' && isDotSegment(f.value))
      ctx.addIssue({
        code: 'custom',
        path: ['value'],
        message: '"." and ".." are not allowed as a path value (they would move up the URL path)',
      });
  });
export type AuthorizationField = z.infer<typeof authorizationField>;

export const FORM_FIELD_TYPES = ['textbox', 'password'] as const;
export const FORM_DATA_TYPES = ['string', 'number', 'email', 'date'] as const;
export const FORM_VISIBILITIES = ['visible', 'hidden', 'readonly'] as const;
/**
 * A field the person running a Test fills in (Kore's "IDP Form Fields"): the input of a typed `{{key}}` in any
 * grant, and for the password grant also a token-request parameter.
 */
export const idpFormField = z
  .object({
    title: z.string().trim().min(1, 'Required').max(100, 'At most 100 characters'),
    key: rowKey.regex(/^[A-Za-z0-9_.-]+$/, 'Letters, digits, ".", "_" and "-" only'),
    helpHint: z.string().max(LIMITS.helpHint, `At most ${LIMITS.helpHint} characters`).default(''),
    fieldType: z.enum(FORM_FIELD_TYPES).default('textbox'),
    mandatory: z.boolean().default(false),
    dataType: z.enum(FORM_DATA_TYPES).default('string'),
    visibility: z.enum(FORM_VISIBILITIES).default('visible'),
    /** The value of a hidden or read-only field, or the pre-filled value of a visible one. */
    defaultValue: rowValue.default(''),
  })
  .strict();
export type IdpFormField = z.infer<typeof idpFormField>;

export const TOKEN_METHODS = ['POST', 'PUT', 'PATCH', 'GET', 'DELETE'] as const;
export { TOKEN_CONTENT_TYPES } from './token-content-types';
/**
 * Method and body encoding of token and refresh calls; default POST + form (RFC 6749 §4). The content type is
 * one of Kore's ten (token-content-types.ts), given as its code, Kore's label or its media type.
 */
export const tokenRequestOptions = z
  .object({ method: z.enum(TOKEN_METHODS).default('POST'), contentType: tokenContentType.default('form') })
  .strict()
  .default({ method: 'POST', contentType: 'form' });

/**
 * Kore's "Client Certificate Exchange" (mTLS). A PEM certificate is a field, its private key and passphrase
 * are secrets; a PFX holds the private key, so the whole file is the secret `clientPfx` and `certificate` stays
 * empty (docs/security.md, "What is a secret").
 */
export const clientCertificate = z
  .object({
    enabled: z.boolean().default(false),
    format: z.enum(['pem', 'pfx']).default('pem'),
    /** The PEM certificate text; empty for a PFX. */
    certificate: z.string().max(LIMITS.certificate, 'The certificate is too large').default(''),
  })
  .strict()
  .superRefine((c, ctx) => {
    if (c.format === 'pfx' && c.certificate.trim() !== '')
      ctx.addIssue({
        code: 'custom',
        path: ['certificate'],
        message: 'A PFX holds the private key: it is stored in the keychain as Client Certificate (PFX), not here',
      });
  })
  .default({ enabled: false, format: 'pem', certificate: '' });

export { rows, rowKey, rowValue };
