/**
 * The refresh-token grant (RFC 6749 §6): one request to the Refresh Token URL (default: the Token Request
 * URL) with the same client authentication as the token call, no scopes (the IdP keeps the granted ones),
 * and the extra headers only when "apply to refresh" is on.
 */
import type { ProfileInput } from '../../../src-shared/profile';
import type { TestError } from '../../../src-shared/test-run';
import type { FlowContext, FlowOutcome } from '../flow';
import { renderUrl, urlVars } from '../templates';
import { buildTokenRequest } from '../token-request';
import { interpretTokenExchange } from '../token-response';

/**
 * Refreshes with `refreshToken`. Returns the 'refresh' exchange and the new token (a rotated refresh token
 * comes with it) or the error; the refresh token is listed as a secret value. Throws AppError on a
 * template or tenant error.
 */
export async function runRefresh(profile: ProfileInput, refreshToken: string, ctx: FlowContext): Promise<FlowOutcome> {
  const url = profile.refreshTokenUrl
    ? renderUrl(profile.refreshTokenUrl, ctx.tenant, 'refreshTokenUrl', urlVars(ctx))
    : renderUrl(profile.tokenUrl, ctx.tenant, 'tokenUrl', urlVars(ctx));
  const request = await buildTokenRequest({
    profile,
    url,
    grant: [
      ['grant_type', 'refresh_token'],
      ['refresh_token', refreshToken],
    ],
    clientSecret: ctx.secrets.clientSecret,
    signingKey: ctx.secrets.jwtSigningKey,
    now: ctx.now(),
    include: { headers: profile.applyHeadersToRefresh },
    vars: { ...ctx.formValues, ...(ctx.tenant ? { tenant: ctx.tenant } : {}) },
    tenant: ctx.tenant,
  });
  ctx.onStep('refresh', `Refreshing the token at ${new URL(url).host}`);
  const exchange = await ctx.send('refresh', request);
  const result = interpretTokenExchange(exchange, { profile, now: ctx.now() });
  return {
    exchanges: [exchange],
    secretValues: [refreshToken],
    ...(result.ok ? { token: result.token } : { error: refreshError(result.error) }),
  };
}

/** True when the IdP says the refresh token itself is dead: expired, revoked or already rotated (§5.2). */
export function isInvalidGrant(error: TestError | undefined): boolean {
  return error?.code === 'oauth_error' && error.oauthError === 'invalid_grant';
}

/** A refresh-specific diagnosis for invalid_grant; other errors keep the token call's. */
function refreshError(error: TestError): TestError {
  if (!isInvalidGrant(error)) return error;
  return {
    ...error,
    diagnosis: 'The refresh token is expired, revoked, or was already used (rotated); it cannot be refreshed again.',
    hint: 'Run the Test again to sign in and obtain a new token, or turn on Auto-refresh token with pre-authorized credentials to regenerate it automatically.',
  };
}
