/**
 * Kore's "Authorization Check URL" (docs/architecture.md, "A Test, step by step"): after a token is obtained,
 * one API call made with the profile's Authorization Fields proves the token works. A status listed in Auth Error Status Codes means
 * "token rejected": the token is refreshed once and the call retried once; every exchange is recorded.
 */
import { AppError } from '../../src-shared/errors';
import { isDotSegment, type ProfileInput } from '../../src-shared/profile';
import { isDpopTokenType } from '../../src-shared/dpop-profile';
import type { Exchange, HeaderMap, TestError } from '../../src-shared/test-run';
import { dpopResourceRefusal } from './diagnosis/dpop-causes';
import type { FlowContext, FlowOutcome } from './flow';
import { renderUrl, renderValue, type TemplateVars } from './templates';
import type { TokenResult } from './token-response';

/** The check call: GET, or POST with a JSON body when a `payload` field exists. */
export interface CheckRequest {
  method: 'GET' | 'POST';
  url: string;
  headers: HeaderMap;
  body: string | null;
}

/**
 * Builds the check call for `token`. Field values are templates over `{{access_token}}`, `{{token_type}}`,
 * `{{refresh_token}}`, the Test's form values and `{tenant}`. Placement: `header` (name: value), `query`
 * (a query parameter), `path` (replaces `{key}` in the URL path, percent-encoded so it stays one segment, never
 * a `.` / `..` dot segment),
 * `payload` (a member of a JSON body; the call becomes a POST). With no fields at all the token is sent as
 * `Authorization: Bearer <token>` (RFC 6750 §2.1), or `DPoP <token>` for a DPoP token (RFC 9449 §7.1, also over a
 * Bearer template). Throws AppError('invalid_request').
 */
export function buildCheckRequest(
  profile: ProfileInput,
  token: TokenResult,
  formValues: Readonly<Record<string, string>>,
  tenant: string | undefined,
): CheckRequest {
  const vars: TemplateVars = {
    ...formValues,
    access_token: token.accessToken,
    token_type: token.summary.tokenType,
    ...(token.refreshToken ? { refresh_token: token.refreshToken } : {}),
    ...(tenant ? { tenant } : {}),
  };
  if (!profile.checkUrl) throw new AppError('invalid_request', 'The profile has no Authorization Check URL');
  const url = new URL(renderUrl(profile.checkUrl, tenant, 'checkUrl', vars));
  const headers: HeaderMap = { accept: 'application/json, */*;q=0.8' };
  const payload: Record<string, string> = Object.create(null) as Record<string, string>;
  // A DPoP-bound token (RFC 9449 §7.1) is presented with the DPoP scheme; oauth/dpop.ts adds its proof.
  const dpop = isDpopTokenType(token.summary.tokenType);
  const fields =
    profile.authorizationFields.length > 0
      ? profile.authorizationFields
      : [{ type: 'header' as const, key: 'Authorization', value: `${dpop ? 'DPoP' : 'Bearer'} {{access_token}}` }];
  for (const field of fields) {
    const where = `Authorization field ${field.key}`;
    const value = renderValue(field.value, vars, tenant, where);
    switch (field.type) {
      case 'header':
        // eslint-disable-next-line no-control-regex
        if (/[\u0000-\u0008\u000a-\u001f\u007f]/.test(value))
          throw new AppError(
            'invalid_request',
            `${where} would contain a line break or control character (from the token?)`,
            { issues: [{ path: where, message: 'Control character' }] },
          );
        // A template written for Bearer ("Bearer {{access_token}}") still sends a DPoP token as DPoP (§7.1).
        headers[field.key.toLowerCase()] =
          dpop && field.key.toLowerCase() === 'authorization' ? value.replace(/^Bearer(?=\s)/i, 'DPoP') : value;
        break;
      case 'query':
        url.searchParams.append(field.key, value);
        break;
      case 'path': {
        const placeholders = [`{${field.key}}`, `%7B${encodeURIComponent(field.key)}%7D`];
        const found = placeholders.find((p) => url.pathname.includes(p));
        if (!found)
          throw new AppError(
            'invalid_request',
            `The Authorization Check URL has no {${field.key}} in its path to replace`,
            { issues: [{ path: where, message: 'No placeholder' }] },
          );
        const pathname = url.pathname.split(found).join(encodeURIComponent(value));
        if (pathname.split('/').some(isDotSegment))
          throw new AppError(
            'invalid_request',
            `${where} would make a "." or ".." dot segment in the Authorization Check URL's path`,
            { issues: [{ path: where, message: 'Dot segment' }] },
          );
        url.pathname = pathname;
        break;
      }
      case 'payload':
        payload[field.key] = value;
        break;
    }
  }
  const hasPayload = Object.keys(payload).length > 0;
  if (hasPayload) headers['content-type'] = 'application/json';
  return {
    method: hasPayload ? 'POST' : 'GET',
    url: url.toString(),
    headers,
    body: hasPayload ? JSON.stringify(payload) : null,
  };
}

/**
 * Renders the check call with stand-in token values before any request of the Test is sent, so a refused
 * tenant or an unknown `{{name}}` stops the Test up front, like the token request's own templates.
 * Throws AppError('invalid_request').
 */
export function preflightCheck(profile: ProfileInput, ctx: Pick<FlowContext, 'formValues' | 'tenant'>): void {
  const standIn = 'authbench-preflight';
  buildCheckRequest(
    profile,
    { accessToken: standIn, refreshToken: standIn, summary: { tokenType: 'Bearer', hasRefreshToken: true } },
    ctx.formValues,
    ctx.tenant,
  );
}

/**
 * Calls the check URL with `token`; on a status in `authErrorStatusCodes`, calls `refresh` once (the
 * runner's refreshWith, which saves the new token) and retries once with the new token. Returns the
 * check and refresh exchanges in order, the newest token when a refresh happened, and an error when the
 * check did not pass (`http_error`: "the token was obtained but the API refused it").
 */
export async function runCheck(
  profile: ProfileInput,
  ctx: FlowContext,
  token: TokenResult,
  refresh: () => Promise<FlowOutcome>,
): Promise<FlowOutcome> {
  const exchanges: Exchange[] = [];
  const secretValues: string[] = [token.accessToken, ...(token.refreshToken ? [token.refreshToken] : [])];
  const call = async (current: TokenResult): Promise<Exchange | TestError> => {
    let request: CheckRequest;
    try {
      request = buildCheckRequest(profile, current, ctx.formValues, ctx.tenant);
    } catch (err) {
      if (err instanceof AppError)
        return { code: err.code, message: err.message, ...(err.details ? { details: err.details } : {}) };
      throw err;
    }
    ctx.onStep('check', `Calling the Authorization Check URL at ${new URL(request.url).host}`);
    const exchange = await ctx.send('check', request);
    exchanges.push(exchange);
    return exchange;
  };

  const first = await call(token);
  if (!('step' in first)) return { exchanges, error: first, secretValues };
  const verdict = judge(first, profile.authErrorStatusCodes);
  if (verdict !== 'auth') return { exchanges, ...(verdict === 'ok' ? {} : { error: verdict }), secretValues };

  const status = first.response!.status;
  ctx.onStep('refresh', `The API answered HTTP ${status}: refreshing the token and calling it once more`);
  const refreshed = await refresh().catch((err: unknown): FlowOutcome => {
    // A refresh that cannot even be built (a template, the tenant) still ends this run with what it has.
    if (err instanceof AppError)
      return {
        exchanges: [],
        error: { code: err.code, message: err.message, ...(err.details ? { details: err.details } : {}) },
      };
    throw err;
  });
  exchanges.push(...refreshed.exchanges);
  secretValues.push(...(refreshed.secretValues ?? []));
  if (!refreshed.token) {
    const cause = refreshed.error;
    return {
      exchanges,
      secretValues,
      error: {
        ...(cause ?? {}),
        code: cause?.code ?? 'http_error',
        message: `The API refused the token (HTTP ${status}) and it could not be refreshed: ${cause?.message ?? 'no new token'}`,
        status: cause?.status ?? status,
        diagnosis:
          cause?.diagnosis ?? 'The token was obtained but the API refused it, and no fresh token could be obtained.',
        hint: cause?.hint ?? 'Check that the IdP issues a refresh token for this client, and the Refresh Token URL.',
      },
    };
  }
  secretValues.push(
    refreshed.token.accessToken,
    ...(refreshed.token.refreshToken ? [refreshed.token.refreshToken] : []),
  );
  const second = await call(refreshed.token);
  if (!('step' in second)) return { exchanges, token: refreshed.token, error: second, secretValues };
  const again = judge(second, profile.authErrorStatusCodes);
  if (again === 'ok') return { exchanges, token: refreshed.token, secretValues };
  return {
    exchanges,
    token: refreshed.token,
    error: again === 'auth' ? refusedError(second, true) : again,
    secretValues,
  };
}

/** ok, "auth" (a status the profile lists as an auth error), or the check's failure. */
function judge(exchange: Exchange, authCodes: readonly number[]): 'ok' | 'auth' | TestError {
  const res = exchange.response;
  if (!res) {
    return {
      code: exchange.error?.code ?? 'network',
      message: `The Authorization Check URL could not be called: ${exchange.error?.message ?? 'no response'}`,
      diagnosis: 'The token was obtained, but the call to the Authorization Check URL got no answer.',
      hint: 'Check the Authorization Check URL and that the API is reachable from this machine (proxy, TLS settings).',
    };
  }
  if (authCodes.includes(res.status)) return 'auth';
  if (res.status >= 200 && res.status < 300) return 'ok';
  if (res.status >= 300 && res.status < 400) {
    return {
      code: 'redirect',
      status: res.status,
      message: `The Authorization Check URL answered HTTP ${res.status}; redirects are not followed`,
      diagnosis: 'The API redirected instead of answering (often to a login page): it did not take the token.',
      hint: 'Use the final URL as the Authorization Check URL, and check how the Authorization Fields attach the token.',
    };
  }
  if (res.status === 401 || res.status === 403) return refusedError(exchange, false);
  return {
    code: 'http_error',
    status: res.status,
    message: `The Authorization Check URL answered HTTP ${res.status} ${res.statusText}`.trim(),
    diagnosis: 'The token was obtained, but the check call failed.',
    hint: 'Look at the Response tab of the check exchange for what the API said; check the Authorization Check URL.',
  };
}

function refusedError(exchange: Exchange, afterRefresh: boolean): TestError {
  const res = exchange.response!;
  const challenge = res.headers['www-authenticate'];
  // A DPoP proof the API refused (RFC 9449 §7.1) is diagnosed from the proof sent (diagnosis/dpop-causes.ts).
  const dpop = dpopResourceRefusal(exchange, new Date());
  return {
    code: 'http_error',
    status: res.status,
    message: `The Authorization Check URL answered HTTP ${res.status}${afterRefresh ? ' again, after a refresh' : ''}${challenge ? ` (WWW-Authenticate: ${challenge})` : ''}`,
    diagnosis: `The token was obtained but the API refused it${afterRefresh ? ', even after a refresh' : ''}.`,
    hint: afterRefresh
      ? 'Check the Authorization Fields (header name, {{access_token}} template, placement) and that the token’s scope and audience fit this API.'
      : 'Check the Authorization Fields (header name, {{access_token}} template, placement); list this status in Auth Error Status Codes to refresh and retry automatically.',
    ...(dpop ?? {}),
  };
}
