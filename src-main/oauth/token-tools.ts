/**
 * The token tools' requests and answers (docs/architecture.md, "Token tools"): introspection (RFC 7662 §2.1) and
 * revocation (RFC 7009 §2.1) POST `token` and `token_type_hint` as a form with the profile's client
 * authentication; UserInfo (OIDC Core §5.3.1) is a GET with `Authorization: Bearer` (RFC 6750 §2.1).
 */
import { parseJsonObject } from '../http/json-object';
import { isDpopTokenType } from '../../src-shared/dpop-profile';
import { AppError } from '../../src-shared/errors';
import type { ProfileInput } from '../../src-shared/profile';
import type { Exchange, HeaderMap, TestError } from '../../src-shared/test-run';
import { TOKEN_TOOL_INFO, type TokenHint, type TokenTool, type TokenToolResult } from '../../src-shared/token-tools';
import { diagnose } from './diagnose';
import type { FlowContext, OutgoingRequest } from './flow';
import { renderUrl, urlVars } from './templates';
import { authenticateClient } from './client-auth';

/**
 * The rendered URL of `tool` for the profile. Throws AppError('invalid_request') naming the field when it is not
 * set, or a template / tenant error as renderUrl does.
 */
export function toolUrl(
  profile: ProfileInput,
  tool: TokenTool,
  ctx: Pick<FlowContext, 'tenant' | 'formValues'>,
): string {
  const field = TOKEN_TOOL_INFO[tool].field;
  return renderUrl(requireToolUrl(profile, tool), ctx.tenant, field, urlVars(ctx));
}

/** The unrendered URL template of `tool`. Throws AppError('invalid_request') naming the field when it is not set. */
export function requireToolUrl(profile: ProfileInput, tool: TokenTool): string {
  const { field, label, title } = TOKEN_TOOL_INFO[tool];
  const template = profile[field];
  if (!template)
    throw new AppError('invalid_request', `The ${label} is not set; fill it in (or use Fill from issuer) first`, {
      issues: [{ path: field, message: `${label} is required for ${title}` }],
    });
  return template;
}

/**
 * The request of `tool` sending `token` (the held `which` token) to `url`, with the profile's client authentication
 * where it applies (client-auth.ts; `signing`: the JWT Signing Key and the clock of a client assertion). Throws
 * as authenticateClient does (AppError 'secret_missing' | 'invalid_request').
 */
export async function buildToolRequest(
  profile: ProfileInput,
  tool: TokenTool,
  url: string,
  token: string,
  which: TokenHint,
  clientSecret: string | null,
  signing: { jwtSigningKey?: string | null; now?: Date; tokenType?: string } = {},
): Promise<OutgoingRequest> {
  const headers: HeaderMap = { accept: 'application/json' };
  // A DPoP token goes as `DPoP <token>` (RFC 9449 §7.1); the run's send (oauth/dpop.ts) adds the proof.
  const scheme = isDpopTokenType(signing.tokenType) ? 'DPoP' : 'Bearer';
  if (tool === 'userinfo')
    return { method: 'GET', url, headers: { ...headers, authorization: `${scheme} ${token}` }, body: null };
  const params: [string, string][] = [
    ['token', token],
    ['token_type_hint', which],
  ];
  const auth = await authenticateClient(
    profile,
    url,
    { clientSecret, jwtSigningKey: signing.jwtSigningKey ?? null },
    signing.now ?? new Date(),
  );
  params.push(...auth.params);
  Object.assign(headers, auth.headers);
  headers['content-type'] = 'application/x-www-form-urlencoded';
  return { method: 'POST', url, headers, body: new URLSearchParams(params).toString() };
}

/** A tool's answer read: its finding, or a diagnosed error. */
export type ToolAnswer = { ok: true; result: TokenToolResult } | { ok: false; error: TestError };

/** Reads the recorded `exchange` of `tool` (RFC 7662 §2.2–2.3, RFC 7009 §2.2, OIDC Core §5.3.2–5.3.3). */
export function interpretToolExchange(
  tool: TokenTool,
  which: TokenHint,
  exchange: Exchange,
  facts: { profile: ProfileInput; now: Date },
): ToolAnswer {
  const label = TOKEN_TOOL_INFO[tool].label;
  const fail = (error: Omit<TestError, 'diagnosis' | 'hint'>): ToolAnswer => ({
    ok: false,
    error: { ...error, ...toolDiagnosis(tool, error, exchange, facts) },
  });
  const res = exchange.response;
  if (exchange.error || !res)
    return fail({
      code: exchange.error?.code ?? 'network',
      message: exchange.error?.message ?? 'No response was received',
    });
  const json = parseJsonObject(res.body);
  const status = res.status;
  if (status < 200 || status >= 300 || typeof json?.error === 'string') {
    if (typeof json?.error === 'string')
      return fail({
        code: 'oauth_error',
        message: `The ${label} refused the request: HTTP ${status}, error "${json.error}"`,
        status,
        oauthError: json.error,
        ...(typeof json.error_description === 'string' ? { oauthErrorDescription: json.error_description } : {}),
      });
    const bearer = bearerError(res.headers['www-authenticate']);
    if (bearer)
      return fail({
        code: 'oauth_error',
        message: `The ${label} refused the token: HTTP ${status}, error "${bearer.error}"`,
        status,
        oauthError: bearer.error,
        ...(bearer.description ? { oauthErrorDescription: bearer.description } : {}),
      });
    return fail({
      code: 'http_error',
      message: `The ${label} answered HTTP ${status} ${res.statusText}`.trim(),
      status,
    });
  }
  if (tool === 'revoke') return { ok: true, result: { tool, which, revoked: true } };
  if (!json)
    return fail({
      code: 'invalid_response',
      message: `The ${label} answered HTTP ${status} without a JSON object`,
      status,
    });
  if (tool === 'userinfo') return { ok: true, result: { tool, which, claims: json } };
  if (typeof json.active !== 'boolean')
    return fail({
      code: 'invalid_response',
      message: `The ${label} answer has no boolean "active" (RFC 7662 §2.2)`,
      status,
    });
  return {
    ok: true,
    result: {
      tool,
      which,
      active: json.active,
      ...(typeof json.exp === 'number' ? { exp: json.exp } : {}),
      ...(typeof json.scope === 'string' ? { scope: json.scope } : {}),
      ...(typeof json.client_id === 'string' ? { clientId: json.client_id } : {}),
      ...(typeof json.sub === 'string' ? { sub: json.sub } : {}),
      ...(cnfJkt(json) ? { cnfJkt: cnfJkt(json) } : {}),
    },
  };
}

/** The diagnosis of a tool failure: the tool-specific errors first, then the token call's vocabulary. */
function toolDiagnosis(
  tool: TokenTool,
  error: Pick<TestError, 'code' | 'oauthError' | 'status' | 'oauthErrorDescription' | 'message'>,
  exchange: Exchange,
  facts: { profile: ProfileInput; now: Date },
): Pick<TestError, 'diagnosis' | 'hint'> {
  const label = TOKEN_TOOL_INFO[tool].label;
  if (error.oauthError === 'unsupported_token_type')
    return {
      diagnosis: `The ${label} does not support revoking or inspecting this kind of token (RFC 7009 §2.2.1 unsupported_token_type).`,
      hint: 'Try the other token (access or refresh), or check which tokens the IdP lets this client revoke.',
    };
  if (tool === 'userinfo' && (error.oauthError === 'invalid_token' || error.status === 401))
    return {
      diagnosis:
        'The UserInfo endpoint refused the access token: it is expired, revoked, or was not issued for UserInfo (RFC 6750 §3.1).',
      hint: 'UserInfo needs an access token obtained with the openid scope; run the Test again to obtain a fresh one.',
    };
  if (tool !== 'userinfo' && error.status === 401 && !error.oauthError)
    return diagnose({ ...error, oauthError: 'invalid_client' }, { exchange, profile: facts.profile, now: facts.now });
  return diagnose(error, { exchange, profile: facts.profile, now: facts.now });
}

/** The `error` and `error_description` of a `WWW-Authenticate: Bearer …` challenge (RFC 6750 §3). */
function bearerError(header: string | undefined): { error: string; description?: string } | null {
  if (!header || !/^\s*Bearer\b/i.test(header)) return null;
  const error = /\berror="([^"]*)"/i.exec(header)?.[1];
  if (!error) return null;
  const description = /\berror_description="([^"]*)"/i.exec(header)?.[1];
  return { error, ...(description ? { description } : {}) };
}

/** RFC 9449 §6.2: the `cnf.jkt` of an introspection answer, when it is a string. */
function cnfJkt(json: Record<string, unknown>): string | undefined {
  const cnf = json.cnf as { jkt?: unknown } | undefined;
  return cnf && typeof cnf === 'object' && typeof cnf.jkt === 'string' ? cnf.jkt : undefined;
}
