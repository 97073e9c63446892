/**
 * The authorization-code grant through the system browser (RFC 6749 §4.1, RFC 8252; docs/security.md,
 * "OAuth defences"): a loopback server per flow, the authorization URL (state, PKCE S256, nonce for OpenID)
 * opened with ctx.openBrowser (browser-sign-in.ts: a browser that cannot start leaves the URL to open by hand), callbacks with a wrong state refused until one with the right state comes
 * (`iss` checked), then exactly one code exchange. The server is closed on every path; the code and the
 * verifier are returned as secret values for the redactor.
 */
import { randomBytes } from 'node:crypto';
import { decodeJwt } from 'jose';
import { callbackUrl, type ResponseMode } from '../../../src-shared/callback';
import { AppError } from '../../../src-shared/errors';
import { scopeString, type AuthorizationCodeProfile } from '../../../src-shared/profile';
import type { Exchange, TestError } from '../../../src-shared/test-run';
import type { FlowContext, FlowOutcome } from '../flow';
import { startLoopbackServer } from '../loopback-server';
import { createPkce, type PkcePair } from '../pkce';
import { renderUrl, renderValue, type TemplateVars } from '../templates';
import { buildTokenRequest, scopeParameters } from '../token-request';
import { interpretTokenExchange } from '../token-response';
import { callbackError } from './authorization-errors';
import { openForSignIn } from './browser-sign-in';
import { notPushedHint, pushAuthorization } from './pushed-authorization';

/** How long the flow waits for the sign-in unless the context says otherwise (ms): 5 min. */
export const DEFAULT_AUTHORIZATION_TIMEOUT_MS = 5 * 60_000;

/** The progress warning for a profile that asks for PKCE `plain` (RFC 7636 §4.2, §7.2). */
export const PLAIN_PKCE_WARNING =
  'Warning: PKCE "plain" sends the verifier itself as the challenge, so it protects nothing if the authorization request is seen; use S256 unless the IdP cannot';

/**
 * Runs the flow for `profile`. Returns the exchanges (authorize, callback, token) and the token or a
 * classified error. Throws AppError when it cannot start: a template or tenant error, no browser opener,
 * or the fixed callback port in use ('conflict', naming the port).
 */
export async function runAuthorizationCode(profile: AuthorizationCodeProfile, ctx: FlowContext): Promise<FlowOutcome> {
  const vars: TemplateVars = { ...ctx.formValues, ...(ctx.tenant ? { tenant: ctx.tenant } : {}) };
  const authorizationUrl = renderUrl(profile.authorizationUrl, ctx.tenant, 'authorizationUrl', vars);
  const tokenUrl = renderUrl(profile.tokenUrl, ctx.tenant, 'tokenUrl', vars);
  const issuer = issuerMatcher(
    profile.issuer && renderUrl(profile.issuer, ctx.tenant, 'issuer', vars),
    authorizationUrl,
  );
  const openBrowser = ctx.openBrowser;
  if (!openBrowser) throw new AppError('unavailable', 'No system browser is available here to sign in with');
  // Fresh per flow: state and nonce (RFC 9700 §4.7.1), the PKCE verifier (RFC 7636 §4.1).
  const state = randomToken();
  const nonce = scopeString(profile.scopes).split(' ').includes('openid') ? randomToken() : undefined;
  const pkce = profile.pkce.enabled ? createPkce(profile.pkce.method) : undefined;
  const timeoutMs = ctx.authorizationTimeoutMs ?? DEFAULT_AUTHORIZATION_TIMEOUT_MS;
  const tokenRequest = (code: string, redirectUri: string) =>
    buildTokenRequest({
      profile,
      url: tokenUrl,
      grant: [
        ['grant_type', 'authorization_code'],
        ['code', code],
        ['redirect_uri', redirectUri],
        ...(pkce ? [['code_verifier', pkce.verifier] as [string, string]] : []),
      ],
      clientSecret: ctx.secrets.clientSecret,
      signingKey: ctx.secrets.jwtSigningKey,
      now: ctx.now(),
      // Scopes and additional fields travel on the authorization request (§4.1.1), not the exchange (§4.1.3).
      include: { headers: true },
      vars,
      tenant: ctx.tenant,
    });
  // Templates of the token call are checked before anyone signs in for nothing.
  await tokenRequest('template-check', callbackUrl(profile, 1024));

  // The redirect URI the profile chose (RFC 8252 §7.3): host, port, path; form_post makes the callback a POST.
  const server = await startLoopbackServer({
    host: profile.callbackHost,
    port: profile.callbackPort,
    path: profile.callbackPath,
    responseMode: profile.responseMode,
    state,
    acceptsIssuer: issuer.accepts,
  });
  try {
    const built = authorizationRequestUrl(
      profile,
      authorizationUrl,
      { redirectUri: server.redirectUri, state, nonce, pkce, responseMode: profile.responseMode },
      vars,
      ctx.tenant,
    );
    // RFC 9126: pushed first when the profile or the IdP's metadata asks; the browser then gets only a request_uri.
    const pushed = await pushAuthorization(profile, ctx, built, vars);
    const { url, exchanges: par } = pushed;
    if (pushed.error) return { exchanges: par, error: pushed.error, secretValues: pkce ? [pkce.verifier] : [] };
    const authorize: Exchange = {
      step: 'authorize',
      request: { method: 'GET', url, headers: {}, body: null },
      response: null,
      durationMs: 0,
    };
    const secretValues = pkce ? [pkce.verifier] : [];
    if (pkce?.method === 'plain') ctx.warn(PLAIN_PKCE_WARNING);

    if (ctx.signal?.aborted) {
      const error = callbackError({ kind: 'cancelled' }, { issuer: issuer.expected, waited: formatWait(timeoutMs) });
      return {
        exchanges: [...par, { ...authorize, error: { code: error.code, message: error.message } }],
        error,
        secretValues,
      };
    }
    const refused = await openForSignIn(ctx, openBrowser, {
      url,
      redirectUri: server.redirectUri,
      timeoutMs,
      waited: formatWait(timeoutMs),
      secretValues,
      deliver: (pasted) => server.deliver(pasted),
    });
    if (refused) {
      authorize.error = { code: 'invalid_request', message: refused };
      return {
        exchanges: [...par, authorize],
        error: {
          code: 'invalid_request',
          message: refused,
          hint: 'The Authorization URL must be https:// (or http:// to a loopback address).',
        },
        secretValues,
      };
    }
    const result = await server.waitForCallback({ timeoutMs, signal: ctx.signal }).finally(() => ctx.signInEnded());
    authorize.durationMs = result.waitedMs;
    const exchanges: Exchange[] = [...par, authorize, ...(result.exchange ? [result.exchange] : [])];

    if (result.outcome.kind !== 'code') {
      const facts = {
        issuer: issuer.expected,
        waited: formatWait(timeoutMs),
        profile,
        redirectUri: server.redirectUri,
      };
      const error = notPushedHint(callbackError(result.outcome, facts), profile, ctx, par.length > 0);
      (result.exchange ?? authorize).error = { code: error.code, message: error.message };
      return { exchanges, error, secretValues };
    }
    secretValues.push(result.outcome.code);
    ctx.onStep('token', 'Exchanging the code…');
    const request = await tokenRequest(result.outcome.code, server.redirectUri);
    const exchange = await ctx.send('token', request);
    exchanges.push(exchange);
    const interpreted = interpretTokenExchange(exchange, { profile, redirectUri: server.redirectUri, now: ctx.now() });
    if (!interpreted.ok) return { exchanges, error: interpreted.error, secretValues };
    const nonceError = nonce ? checkNonce(exchange, nonce) : undefined;
    return nonceError
      ? { exchanges, error: nonceError, secretValues }
      : { exchanges, token: interpreted.token, secretValues };
  } finally {
    await server.close();
  }
}

interface EngineParameters {
  redirectUri: string;
  state: string;
  nonce?: string;
  pkce?: PkcePair;
  /** `form_post` adds `response_mode=form_post` (Form Post Response Mode); `query` is the code flow's default. */
  responseMode?: ResponseMode;
}

/**
 * The authorization request URL (RFC 6749 §4.1.1, RFC 7636 §4.3): the profile's scope pairs and additional
 * fields first, then the engine's own parameters, which replace any row of the same name.
 */
export function authorizationRequestUrl(
  profile: AuthorizationCodeProfile,
  base: string,
  engine: EngineParameters,
  vars: TemplateVars,
  tenant?: string,
): string {
  const url = new URL(base);
  const q = url.searchParams;
  for (const [key, value] of scopeParameters(profile.scopes)) q.append(key, renderValue(value, vars, tenant, 'Scope'));
  for (const f of profile.additionalFields)
    q.append(f.key, renderValue(f.value, vars, tenant, `Additional field ${f.key}`));
  q.set('response_type', 'code');
  q.set('client_id', profile.clientId);
  q.set('redirect_uri', engine.redirectUri);
  q.set('state', engine.state);
  if (engine.responseMode === 'form_post') q.set('response_mode', 'form_post');
  if (engine.nonce) q.set('nonce', engine.nonce);
  if (engine.pkce) {
    q.set('code_challenge', engine.pkce.challenge);
    q.set('code_challenge_method', engine.pkce.method);
  }
  return url.toString();
}

/**
 * Which `iss` a callback may carry (RFC 9207 §2.4). With the profile's Issuer set: exactly that. Without
 * one, the issuer is not known, so an issuer at the Authorization URL's origin whose path is a prefix of
 * the Authorization URL's path is accepted (`https://idp` for `https://idp/authorize`, `https://kc/realms/a`
 * for `https://kc/realms/a/protocol/openid-connect/auth`); another origin or realm is a mix-up.
 * `expected` is the rule as a phrase for messages.
 */
export function issuerMatcher(
  issuer: string | undefined,
  authorizationUrl: string,
): { accepts: (iss: string) => boolean; expected: string } {
  if (issuer) return { accepts: (iss) => iss === issuer, expected: `"${issuer}"` };
  const auth = new URL(authorizationUrl);
  const accepts = (iss: string) => {
    let url: URL;
    try {
      url = new URL(iss);
    } catch {
      return false;
    }
    if (url.origin !== auth.origin || url.search || url.hash || url.username || url.password) return false;
    const path = url.pathname.replace(/\/$/, '');
    return path === '' || auth.pathname === path || auth.pathname.startsWith(`${path}/`);
  };
  return { accepts, expected: `an issuer at ${auth.origin} (no Issuer is set)` };
}

/** OpenID Connect Core §3.1.3.7: an ID token in the response must carry the nonce this flow sent. */
function checkNonce(exchange: Exchange, nonce: string): TestError | undefined {
  let idToken: unknown;
  try {
    idToken = (JSON.parse(exchange.response?.body ?? '') as Record<string, unknown>).id_token;
  } catch {
    return undefined;
  }
  if (typeof idToken !== 'string') return undefined;
  let claim: unknown;
  try {
    claim = decodeJwt(idToken).nonce;
  } catch {
    claim = undefined;
  }
  if (claim === nonce) return undefined;
  return {
    code: 'invalid_response',
    message:
      'The ID token does not carry the nonce this sign-in sent (OpenID Connect Core §3.1.3.7); the token was not kept',
    status: exchange.response?.status,
    diagnosis: 'The ID token belongs to another sign-in, or the IdP ignores the nonce parameter.',
    hint: 'Run the Test again; if it persists, check the IdP’s OpenID Connect settings for this client.',
  };
}

/** 128 bits from the OS CSPRNG, base64url: fresh per flow for `state` and `nonce` (RFC 9700 §4.7.1). */
function randomToken(): string {
  return randomBytes(16).toString('base64url');
}

/** A wait for messages: "5 min", "90 s". */
export function formatWait(ms: number): string {
  return ms >= 60_000 && ms % 60_000 === 0 ? `${ms / 60_000} min` : `${Math.round(ms / 1000)} s`;
}
