/**
 * Builds token and refresh requests exactly as a production client would send them: grant parameters,
 * client authentication (RFC 6749 §2.3.1), scopes, additional fields, extra headers, and the profile's
 * method and content type (default POST + form, §4; the body's encodings are in token-body.ts).
 */
import { AppError } from '../../src-shared/errors';
import { scopeString, type ProfileInput, type ScopeEntry } from '../../src-shared/profile';
import type { HeaderMap } from '../../src-shared/test-run';
import { authenticateClient } from './client-auth';
import { renderValue, type TemplateVars } from './templates';
import { encodeBody } from './token-body';

export { basicAuthorization, formUrlEncode } from './client-auth';

/** A token or refresh request ready for the recording client. */
export interface TokenRequest {
  method: string;
  url: string;
  headers: HeaderMap;
  /** Null for GET / DELETE, whose parameters travel in the query. */
  body: string | null;
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
  /** The JWT Signing Key (PEM / JWK) for private_key_jwt; absent or null when not set. */
  signingKey?: string | null;
  /** The run's clock, for a client assertion's `iat` / `exp` (default: the system clock). */
  now?: Date;
  /** A client assertion to send instead of signing one (ClientAuthSecrets.clientAssertion; the cURL export only). */
  clientAssertion?: string;
  include: TokenRequestIncludes;
  vars: TemplateVars;
  tenant?: string;
}

/**
 * The token request for `input`, its client authenticated (client-auth.ts). Throws AppError('invalid_request')
 * when a template cannot be rendered, a rendered header would carry a control character, a key cannot be an XML
 * element name or a client assertion cannot be signed; AppError('secret_missing') when its secret is not set.
 */
export async function buildTokenRequest(input: TokenRequestInput): Promise<TokenRequest> {
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
  const auth = await authenticateClient(
    profile,
    input.url,
    {
      clientSecret: input.clientSecret,
      jwtSigningKey: input.signingKey ?? null,
      ...(input.clientAssertion !== undefined ? { clientAssertion: input.clientAssertion } : {}),
    },
    input.now ?? new Date(),
  );
  params.push(...auth.params);
  const headers: HeaderMap = { accept: 'application/json', ...auth.headers };

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
