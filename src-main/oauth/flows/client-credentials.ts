/** The client-credentials grant (RFC 6749 §4.4): one token request, recorded, then interpreted. */
import type { ClientCredentialsProfile } from '../../../src-shared/profile';
import type { FlowContext, FlowOutcome } from '../flow';
import { renderUrl, urlVars } from '../templates';
import { buildTokenRequest } from '../token-request';
import { interpretTokenExchange } from '../token-response';

export async function runClientCredentials(profile: ClientCredentialsProfile, ctx: FlowContext): Promise<FlowOutcome> {
  const url = renderUrl(profile.tokenUrl, ctx.tenant, 'tokenUrl', urlVars(ctx));
  const request = await buildTokenRequest({
    profile,
    url,
    grant: [['grant_type', 'client_credentials']],
    clientSecret: ctx.secrets.clientSecret,
    signingKey: ctx.secrets.jwtSigningKey,
    now: ctx.now(),
    include: { scopes: true, headers: true },
    vars: { ...ctx.formValues, ...(ctx.tenant ? { tenant: ctx.tenant } : {}) },
    tenant: ctx.tenant,
  });
  ctx.onStep('token', `Requesting a token from ${new URL(url).host}`);
  const exchange = await ctx.send('token', request);
  const result = interpretTokenExchange(exchange, { profile, now: ctx.now() });
  return result.ok ? { exchanges: [exchange], token: result.token } : { exchanges: [exchange], error: result.error };
}
