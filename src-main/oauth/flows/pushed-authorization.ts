/**
 * Pushed authorization requests (RFC 9126; docs/architecture.md, "Pushed authorization requests"): before the
 * browser opens, the authorization request's parameters are POSTed as a form to the PAR endpoint with the client
 * authenticated as at the token endpoint (§2.1, client-auth.ts), the `request_uri` and `expires_in` of the 201
 * answer are read (§2.2), and the browser gets only `client_id` and `request_uri` (§4). A refusal (§2.3) is a
 * classified, diagnosed TestError (diagnosis/par-causes.ts), never an exception.
 */
import { parseJsonObject } from '../../http/json-object';
import type { ParMetadata } from '../../../src-shared/discovery';
import { FIELD_LABELS, type AuthorizationCodeProfile } from '../../../src-shared/profile';
import type { Exchange, TestError } from '../../../src-shared/test-run';
import { authenticateClient, type ClientAuthSecrets } from '../client-auth';
import { originOf } from '../../../src-shared/endpoint-origins';
import {
  foreignParEndpointError,
  noParEndpointError,
  parDiagnosis,
  parRequiredDiagnosis,
} from '../diagnosis/par-causes';
import type { FlowContext, OutgoingRequest } from '../flow';
import { renderUrl, type TemplateVars } from '../templates';
import { interpretTokenExchange } from '../token-response';

/** Whether this Test pushes: not at all, to `url` (rendered), or it cannot (Always without an endpoint). */
export type ParDecision = { push: false } | { push: true; url: string } | { push: false; error: TestError };

/**
 * Decides for `profile` with what discovery found (`found`, absent when the profile has no Issuer or discovery
 * failed): Never does not push; Auto pushes only when the metadata requires it; Always always. The URL is the
 * profile's Pushed Authorization Request URL, else the metadata's endpoint when it is at the Token Request URL's
 * origin (elsewhere it is an error: the client's credentials would go to a host the profile does not name).
 * Throws AppError('invalid_request') as renderUrl does for a template that cannot be rendered.
 */
export function parDecision(
  profile: AuthorizationCodeProfile,
  found: ParMetadata | undefined,
  tenant: string | undefined,
  vars: TemplateVars,
): ParDecision {
  const mode = profile.pushedAuthorization;
  if (mode === 'never' || (mode === 'auto' && !found?.required)) return { push: false };
  const template = profile.pushedAuthorizationRequestUrl;
  if (template) return { push: true, url: renderUrl(template, tenant, 'pushedAuthorizationRequestUrl', vars) };
  const endpoint = found?.endpoint;
  // The client's credentials go only where the profile says (docs/security.md, "OAuth defences"): the metadata's
  // endpoint is used as is only at the Token Request URL's origin.
  const tokenOrigin = originOf(renderUrl(profile.tokenUrl, tenant, 'tokenUrl', vars));
  if (endpoint && originOf(endpoint) === tokenOrigin) return { push: true, url: endpoint };
  if (endpoint) return { push: false, error: foreignParEndpointError(endpoint) };
  const reason = !profile.issuer
    ? 'the profile has no Issuer to read it from'
    : found
      ? "the IdP's metadata has no pushed_authorization_request_endpoint"
      : "the IdP's metadata could not be read";
  return { push: false, error: noParEndpointError(reason) };
}

/** The parameters of an authorization request URL (RFC 6749 §4.1.1), in order, without `client_id` (the client authentication's). */
export function parRequestParameters(authorizationUrl: string): [string, string][] {
  return [...new URL(authorizationUrl).searchParams].filter(([name]) => name !== 'client_id');
}

/**
 * The PAR request (RFC 9126 §2.1): POST, form body of `params` and the client authentication of `profile` for `url`
 * (`client_id` always, once). Throws AppError('secret_missing' | 'invalid_request') as authenticateClient does.
 */
export async function parRequest(
  profile: AuthorizationCodeProfile,
  url: string,
  params: readonly [string, string][],
  secrets: ClientAuthSecrets,
  now: Date,
): Promise<OutgoingRequest> {
  const auth = await authenticateClient(profile, url, secrets, now);
  const body: [string, string][] = [...params, ...auth.params];
  if (!body.some(([name]) => name === 'client_id')) body.unshift(['client_id', profile.clientId]);
  return {
    method: 'POST',
    url,
    headers: { accept: 'application/json', 'content-type': 'application/x-www-form-urlencoded', ...auth.headers },
    body: new URLSearchParams(body).toString(),
  };
}

/** The longest `request_uri` accepted (characters); a longer one is a malformed answer. */
export const MAX_REQUEST_URI = 2048;

/** A successful PAR answer (RFC 9126 §2.2): the request URI and its lifetime (s). */
export interface ParResponse {
  requestUri: string;
  expiresIn: number;
}

/**
 * Reads the recorded PAR exchange: `request_uri` and `expires_in` of a 2xx JSON object (§2.2 says 201), or a
 * TestError classified like a token endpoint's answer (§2.3 uses RFC 6749 §5.2's format) with a PAR diagnosis.
 */
export function readParResponse(
  exchange: Exchange,
  profile: AuthorizationCodeProfile,
  now: Date,
): { ok: true; value: ParResponse } | { ok: false; error: TestError } {
  const res = exchange.response;
  const body = parseJsonObject(res?.body ?? null);
  const url = exchange.request.url;
  if (!res || exchange.error || res.status < 200 || res.status >= 300 || !body || typeof body.error === 'string') {
    const read = interpretTokenExchange(exchange, { profile, now });
    const error: TestError = read.ok
      ? { code: 'invalid_response', message: 'The PAR endpoint answered with a token' }
      : read.error;
    const message = error.message.replace(/token (request|endpoint)/, 'pushed authorization $1');
    return { ok: false, error: { ...error, message, ...parDiagnosis(error, profile, url) } };
  }
  // The IdP's value goes into the browser's URL: a string of sane length (a URN of a few dozen characters in practice).
  const raw = body.request_uri;
  const requestUri = typeof raw === 'string' && raw.length <= MAX_REQUEST_URI ? raw : '';
  const expiresIn = Number(body.expires_in);
  const missing = [...(requestUri ? [] : ['request_uri']), ...(expiresIn > 0 ? [] : ['expires_in'])];
  if (missing.length === 0) return { ok: true, value: { requestUri, expiresIn } };
  return {
    ok: false,
    error: {
      code: 'invalid_response',
      message: `The pushed authorization response (HTTP ${res.status}) has no valid ${missing.join(', ')} (RFC 9126 §2.2 requires them)`,
      status: res.status,
      diagnosis: `The ${FIELD_LABELS.pushedAuthorizationRequestUrl} did not answer as an RFC 9126 PAR endpoint.`,
      hint: "Check the Pushed Authorization Request URL (the IdP's pushed_authorization_request_endpoint).",
    },
  };
}

/** The authorization URL the browser opens after a push (RFC 9126 §4): the endpoint with only `client_id` and `request_uri`. */
export function pushedAuthorizationUrl(authorizationUrl: string, clientId: string, requestUri: string): string {
  const url = new URL(authorizationUrl);
  url.search = new URLSearchParams([
    ['client_id', clientId],
    ['request_uri', requestUri],
  ]).toString();
  return url.toString();
}

/**
 * The PAR step of the flow for the built authorization URL `url`: unless the profile and the metadata say not to
 * push, one `par` exchange and the URL to open instead; or the error that ends the Test. Throws AppError as
 * parDecision and parRequest do (before anything is sent).
 */
export async function pushAuthorization(
  profile: AuthorizationCodeProfile,
  ctx: FlowContext,
  url: string,
  vars: TemplateVars,
): Promise<{ url: string; exchanges: Exchange[]; error?: TestError }> {
  const decision = parDecision(profile, ctx.pushedAuthorization, ctx.tenant, vars);
  if ('error' in decision) return { url, exchanges: [], error: decision.error };
  if (!decision.push) return { url, exchanges: [] };
  const request = await parRequest(profile, decision.url, parRequestParameters(url), ctx.secrets, ctx.now());
  ctx.onStep('par', `Pushing the authorization request to ${new URL(decision.url).host}`);
  const exchange = await ctx.send('par', request);
  const read = readParResponse(exchange, profile, ctx.now());
  if (!read.ok) return { url, exchanges: [exchange], error: read.error };
  const expires = new Date(ctx.now().getTime() + read.value.expiresIn * 1000);
  ctx.onStep(
    'par',
    `Pushed the authorization request (RFC 9126); its request_uri expires in ${read.value.expiresIn} s, at ${expires.toISOString().slice(11, 19)} UTC`,
  );
  return { url: pushedAuthorizationUrl(url, profile.clientId, read.value.requestUri), exchanges: [exchange] };
}

/**
 * `error` of a sign-in that never came back, explained by PAR when the IdP's metadata requires it and this Test did
 * not push (RFC 9126 §5): such an IdP shows its refusal in the browser instead of redirecting. Otherwise `error`.
 */
export function notPushedHint(
  error: TestError,
  profile: AuthorizationCodeProfile,
  ctx: Pick<FlowContext, 'pushedAuthorization'>,
  pushed: boolean,
): TestError {
  if (pushed || error.code !== 'timeout' || !ctx.pushedAuthorization?.required) return error;
  const d = parRequiredDiagnosis(profile);
  return {
    ...error,
    ...(d.variant ? { variant: d.variant } : {}),
    diagnosis: `${d.diagnosis} Such an IdP shows its refusal ("Pushed Authorization Request must be used" or similar) in the browser instead of redirecting back.`,
    hint: d.hint,
  };
}
