/**
 * Builds token and refresh requests exactly as a production client would send them: grant parameters,
 * client authentication (RFC 6749 §2.3.1), scopes, additional fields, extra headers, and the profile's
 * method and content type (default POST + form, §4; the body's encodings are in token-body.ts).
 */
import { AppError } from '../../src-shared/errors';
import { scopeString, type ClientAuthMethod, type ProfileInput, type ScopeEntry } from '../../src-shared/profile';
import type { HeaderMap } from '../../src-shared/test-run';
import { renderValue, type TemplateVars } from './templates';
import { encodeBody } from './token-body';

/** A token or refresh request ready for the recording client. */
export interface TokenRequest {
  method: string;
  url: string;
  headers: HeaderMap;
  /** Null for GET / DELETE, whose parameters travel in the query. */
  body: string | null;
}

/**
 * `application/x-www-form-urlencoded` encoding of one value (RFC 6749 Appendix B), as used for the
 * client id and secret before base64 in HTTP Basic (§2.3.1): space becomes `+`, reserved characters %XX.
 */
export function formUrlEncode(value: string): string {
  return new URLSearchParams({ v: value }).toString().slice(2);
}

/** The `Authorization: Basic …` value for a client (RFC 6749 §2.3.1; docs/security.md, "OAuth defences"). */
export function basicAuthorization(clientId: string, clientSecret: string): string {
  return `Basic ${Buffer.from(`${formUrlEncode(clientId)}:${formUrlEncode(clientSecret)}`).toString('base64')}`;
}

/**
 * Extra token-request parameters from Kore's scope key/value pairs: every `scope` value joins the standard
 * `scope` parameter (space-separated, §3.3); any other key (e.g. `audience`, `resource`) is sent as is.
 */
export function scopeParameters(scopes: readonly ScopeEntry[]): [string, string][] {
  const params: [string, string][] = [];
  const scope = scopeString(scopes);
  if (scope) params.push(['scope', scope]);
  for (const s of scopes) if (s.key !== 'scope') params.push([s.key, s.value]);
  return params;
}

/** Which of the profile's own rows a token request carries besides the grant's parameters; absent = not carried. */
export interface TokenRequestIncludes {
  /** Scope pairs: on an initial token request; a refresh omits them (RFC 6749 §6: same scope by default). */
  scopes?: boolean;
  /** The profile's extra headers: on token calls, on refresh only with applyHeadersToRefresh. */
  headers?: boolean;
  /** The profile's additional fields, as body parameters (the password grant's token call). */
  additionalFields?: boolean;
}

/** What buildTokenRequest needs: the profile, the rendered URL, the grant's parameters and what to include. */
export interface TokenRequestInput {
  profile: ProfileInput;
  /** The endpoint, `{tenant}` already rendered. */
  url: string;
  /** `grant_type` and the grant's own parameters, in order. */
  grant: [string, string][];
  clientSecret: string | null;
  include: TokenRequestIncludes;
  vars: TemplateVars;
  tenant?: string;
}

/**
 * The token request for `input`. Throws AppError('invalid_request') when a template cannot be rendered, a
 * rendered header would carry a control character, or a key cannot be an XML element name.
 */
export function buildTokenRequest(input: TokenRequestInput): TokenRequest {
  const { profile } = input;
  const params: [string, string][] = [...input.grant];
  if (input.include.scopes)
    params.push(
      ...scopeParameters(profile.scopes).map(
        ([k, v]) => [k, renderValue(v, input.vars, input.tenant, 'Scope')] as [string, string],
      ),
    );
  if (input.include.additionalFields && 'additionalFields' in profile) {
    for (const f of profile.additionalFields)
      params.push([f.key, renderValue(f.value, input.vars, input.tenant, `Additional field ${f.key}`)]);
  }
  const headers: HeaderMap = { accept: 'application/json' };
  applyClientAuth(profile.clientAuthMethod, profile.clientId, input.clientSecret, params, headers);

  const { method, contentType } = profile.tokenRequest;
  let url = input.url;
  let body: string | null = null;
  if (method === 'GET' || method === 'DELETE') {
    const u = new URL(url);
    for (const [k, v] of params) u.searchParams.append(k, v);
    url = u.toString();
  } else {
    const encoded = encodeBody(contentType, params);
    headers['content-type'] = encoded.contentType;
    body = encoded.body;
  }
  if (input.include.headers) {
    for (const h of profile.requestHeaders) {
      for (const existing of Object.keys(headers))
        if (existing.toLowerCase() === h.key.toLowerCase()) delete headers[existing];
      headers[h.key.toLowerCase()] = headerValue(
        renderValue(h.value, input.vars, input.tenant, `Header ${h.key}`),
        `Header ${h.key}`,
      );
    }
  }
  return { method, url, headers, body };
}

/**
 * Adds the client authentication of `method` (RFC 6749 §2.3.1) to `params` / `headers`: HTTP Basic, `client_id` and
 * `client_secret` in the body, or `client_id` alone for a public client; also used by the token tools (RFC 7662 §2.1).
 */
export function applyClientAuth(
  method: ClientAuthMethod,
  clientId: string,
  secret: string | null,
  params: [string, string][],
  headers: HeaderMap,
): void {
  switch (method) {
    case 'client_secret_basic':
      headers.authorization = basicAuthorization(clientId, secret ?? '');
      break;
    case 'client_secret_post':
      params.push(['client_id', clientId], ['client_secret', secret ?? '']);
      break;
    case 'none':
      params.push(['client_id', clientId]);
      break;
  }
}

/** A rendered header value: a form value or token spliced in must not add CR / LF or controls (RFC 9110 §5.5). */
function headerValue(value: string, where: string): string {
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u0008\u000a-\u001f\u007f]/.test(value))
    throw new AppError(
      'invalid_request',
      `${where} would contain a line break or control character after its templates were filled in`,
      { issues: [{ path: where, message: 'Control character' }] },
    );
  return value;
}
