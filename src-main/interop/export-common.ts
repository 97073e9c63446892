/**
 * What the Postman, Bruno and cURL exporters share (docs/architecture.md, "Export to other tools"): their input
 * (a profile and, only when the user asked for them, its stored secrets), their output (files and notes) and the
 * rewriting of `{tenant}` into the `{{tenant}}` variable those tools use.
 */
import { fieldNames } from '../../src-shared/dynamic-fields';
import { TENANT_PLACEHOLDER, type ProfileInput } from '../../src-shared/profile';
import type { ExportNote } from '../../src-shared/transfer';
import type { SecretValues } from '../services/profile-secrets';

/** One profile to export: its fields and its stored secrets, `null` unless the user asked for secrets. */
export interface ExportSource {
  profile: ProfileInput;
  secrets: SecretValues | null;
}

/** One file of an export: its name (no directory) and its text. */
export interface ExportedFile {
  name: string;
  text: string;
}

/** An exporter's output: the files to write and what the target could not express. */
export interface ForeignExport {
  files: ExportedFile[];
  notes: ExportNote[];
}

/** The names the engine fills in itself after the token is obtained (never a collection variable). */
export const TOKEN_VALUE_FIELDS: ReadonlySet<string> = new Set(['access_token', 'token_type', 'refresh_token']);

/** `text` with each `{tenant}` as `{{tenant}}`, the variable syntax of Postman and Bruno; `{{name}}` stays. */
export function asToolVariables(text: string): string;
export function asToolVariables(text: string | undefined): string | undefined;
export function asToolVariables(text: string | undefined): string | undefined {
  if (text === undefined) return undefined;
  // A `{{tenant}}` field already holds `{tenant}` inside its braces: only a bare placeholder is rewritten.
  return text.replace(/\{\{[^{}]*\}\}|\{tenant\}/g, (m) => (m === TENANT_PLACEHOLDER ? '{{tenant}}' : m));
}

/**
 * The variables a profile's templates use, in order of first use: `tenant` when Tenancy is on, then every
 * `{{name}}` but the token values (`access_token`, `token_type`, `refresh_token`).
 */
export function templateVariables(p: ProfileInput): string[] {
  const texts = [
    'authorizationUrl' in p ? p.authorizationUrl : undefined,
    p.tokenUrl,
    p.refreshTokenUrl,
    p.checkUrl,
    ...p.scopes.map((s) => s.value),
    ...('additionalFields' in p ? p.additionalFields.map((f) => f.value) : []),
    ...p.requestHeaders.map((h) => h.value),
    ...p.authorizationFields.map((f) => f.value),
  ];
  const names = new Set<string>(p.tenancy.enabled ? ['tenant'] : []);
  for (const text of texts) for (const name of fieldNames(text)) if (!TOKEN_VALUE_FIELDS.has(name)) names.add(name);
  return [...names];
}

/** A file name for profile `name`: path separators, control and shell-hostile characters become `_`. */
export function fileBase(name: string): string {
  // eslint-disable-next-line no-control-regex
  const safe = name.replace(/[/\\:*?"<>|\u0000-\u001f\u007f]/g, '_').trim();
  return safe === '' || /^\.+$/.test(safe) ? 'profile' : safe;
}

/** `{ profile, message }` notes of one profile. */
export function notesOf(profile: string, messages: readonly string[]): ExportNote[] {
  return messages.map((message) => ({ profile, message }));
}

/** Notes shared by Postman and Bruno: TLS settings and proxies live in the tool's settings, not in its files. */
export function tlsNotes(p: ProfileInput, tool: string): string[] {
  const notes: string[] = [];
  if (p.clientCertificate.enabled)
    notes.push(`The client certificate is not exported: add it in ${tool}'s certificate settings`);
  if (p.caBundle.trim() !== '') notes.push(`The CA bundle is not exported: add it in ${tool}'s certificate settings`);
  if (p.proxyUrl) notes.push(`The proxy URL is not exported: set it in ${tool}'s proxy settings`);
  return notes;
}

/**
 * The note for a grant Postman and Bruno have no form for (their OAuth 2.0 auth knows the authorization code,
 * implicit, password and client credentials grants only): a token exchange (RFC 8693 §2.1), a device authorization
 * (RFC 8628) or a JWT bearer grant (RFC 7523 §2.1) is exported as client credentials, and the note says what is lost.
 */
export function grantNotes(p: ProfileInput, tool: string): string[] {
  if (p.grantType === 'token_exchange')
    return [
      `${tool} has no token exchange grant (RFC 8693): exported as client credentials, without the subject and actor tokens, their token types, the requested token type, audiences and resources`,
    ];
  if (p.grantType === 'device_code')
    return [
      `${tool} has no device authorization grant (RFC 8628): exported as client credentials to the Token Request URL, without the device authorization request to the Device Authorization URL, the user code and the device_code token request`,
    ];
  if (p.grantType === 'jwt_bearer')
    return [
      `${tool} has no JWT bearer grant (RFC 7523 §2.1) and cannot sign its assertion: exported as client credentials, without the assertion (issuer, subject, audience, extra claims, key)`,
    ];
  return [];
}

/** The grant a tool with only the RFC 6749 grants gets for `p`: its own, else client credentials (see grantNotes). */
export function toolGrant(p: ProfileInput): 'authorization_code' | 'password' | 'client_credentials' {
  return p.grantType === 'authorization_code' || p.grantType === 'password' ? p.grantType : 'client_credentials';
}

/** Notes for a token request a tool always sends as a form POST (RFC 6749 §4.1.3, §4.3.2, §4.4.2). */
export function tokenRequestNotes(p: ProfileInput, tool: string): string[] {
  const notes: string[] = [];
  const { method, contentType } = p.tokenRequest;
  if (method !== 'POST') notes.push(`${tool} sends the token request as POST, not ${method}`);
  if (contentType !== 'form')
    notes.push(`${tool} sends the token request form-encoded, not as the profile's content type (${contentType})`);
  if (p.grantType === 'authorization_code' && p.responseMode === 'form_post')
    notes.push(`${tool} takes the code from the redirect's query: Response Mode form_post is not exported`);
  // RFC 9126: neither tool can push the authorization request first.
  if (p.grantType === 'authorization_code' && p.pushedAuthorization === 'always')
    notes.push(
      `${tool} cannot push the authorization request (RFC 9126): Pushed Authorization Request Always is not exported`,
    );
  return notes;
}

/** Where a tool adds the token to the API call, and the Authorization Fields that are sent as they are. */
export interface TokenUse {
  /** `header` with its prefix (`Bearer`), or `query` with its parameter name. */
  placement: { in: 'header'; prefix: string } | { in: 'query'; key: string };
  /** Fields that carry no token value: sent as static headers, query parameters, payload members or path values. */
  plain: ProfileInput['authorizationFields'];
  notes: string[];
}

const USES_TOKEN = /\{\{\s*(access_token|token_type|refresh_token)\s*\}\}/;

/**
 * How the profile's Authorization Fields map to a tool that adds the access token itself, either as
 * `Authorization: <prefix> <token>` (RFC 6750 §2.1) or as one query parameter (§2.3): no field means the Bearer
 * header; one header field `Authorization: <prefix> {{access_token}}` or a query field `{{access_token}}` maps
 * exactly; any other field using a token value is noted.
 */
export function tokenUse(p: ProfileInput, tool: string): TokenUse {
  const fields = p.authorizationFields;
  const plain = fields.filter((f) => !USES_TOKEN.test(f.value));
  const carrying = fields.filter((f) => USES_TOKEN.test(f.value));
  if (carrying.length === 0) return { placement: { in: 'header', prefix: 'Bearer' }, plain, notes: [] };
  const [first, ...rest] = carrying;
  const notes = rest.map(
    (f) => `${tool} adds the token once: Authorization field ${f.key} (${f.type}) is not exported`,
  );
  const header = /^\s*(?:([^{}\s]+)|\{\{\s*token_type\s*\}\})?\s*\{\{\s*access_token\s*\}\}\s*$/.exec(first!.value);
  if (first!.type === 'header' && first!.key.toLowerCase() === 'authorization' && header)
    return { placement: { in: 'header', prefix: header[1] ?? 'Bearer' }, plain, notes };
  if (first!.type === 'query' && /^\s*\{\{\s*access_token\s*\}\}\s*$/.test(first!.value))
    return { placement: { in: 'query', key: first!.key }, plain, notes };
  notes.unshift(
    `${tool} adds the token only as the Authorization header or a query parameter: Authorization field ${first!.key} (${first!.type}) is exported as the Bearer header`,
  );
  return { placement: { in: 'header', prefix: 'Bearer' }, plain, notes };
}
