/**
 * The JWT bearer grant (RFC 7523 §2.1) for service accounts: an assertion built from the profile (`iss`, `sub`,
 * `aud`, `scope`, extra claims), signed with the JWT Signing Key, sent as `assertion` with the profile's client
 * authentication, then interpreted.
 */
import { AppError } from '../../../src-shared/errors';
import { JWT_BEARER_GRANT_TYPE } from '../../../src-shared/client-auth';
import { FIELD_LABELS, scopeString, type GrantProfile } from '../../../src-shared/profile';
import { signAssertion } from '../client-assertion';
import type { FlowContext, FlowOutcome } from '../flow';
import { renderUrl, renderValue, urlVars, type TemplateVars } from '../templates';
import { buildTokenRequest } from '../token-request';
import { interpretTokenExchange } from '../token-response';

/** A claim value as sent: JSON when the text parses as JSON (a number, `true`, an array, an object), else the text. */
export function claimValue(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

/**
 * Runs the grant. Throws AppError('secret_missing') without a JWT Signing Key, AppError('invalid_request') when the
 * key cannot sign or a template cannot be rendered.
 */
export async function runJwtBearer(profile: GrantProfile<'jwt_bearer'>, ctx: FlowContext): Promise<FlowOutcome> {
  const url = renderUrl(profile.tokenUrl, ctx.tenant, 'tokenUrl', urlVars(ctx));
  const key = ctx.secrets.jwtSigningKey;
  if (!key)
    throw new AppError('secret_missing', `${FIELD_LABELS.jwtSigningKey} is not set; the JWT bearer grant needs it`);
  const vars: TemplateVars = { ...ctx.formValues, ...(ctx.tenant ? { tenant: ctx.tenant } : {}) };
  const o = profile.jwtBearer;
  const claims: Record<string, unknown> = {};
  const scope = scopeString(profile.scopes);
  if (scope) claims.scope = renderValue(scope, vars, ctx.tenant, 'Scope');
  for (const c of o.claims) claims[c.key] = claimValue(renderValue(c.value, vars, ctx.tenant, `Extra claim ${c.key}`));
  const tokenEndpoint = new URL(url);
  const signed = await signAssertion({
    iss: o.issuer || profile.clientId,
    sub: o.subject || profile.clientId,
    aud: o.audience ?? `${tokenEndpoint.origin}${tokenEndpoint.pathname}`,
    claims,
    key: { privateKey: key },
    ...(o.alg ? { alg: o.alg } : {}),
    ...(o.kid ? { kid: o.kid } : {}),
    now: ctx.now(),
    keyLabel: FIELD_LABELS.jwtSigningKey,
  });
  const request = await buildTokenRequest({
    profile,
    url,
    grant: [
      ['grant_type', JWT_BEARER_GRANT_TYPE],
      ['assertion', signed.jwt],
    ],
    clientSecret: ctx.secrets.clientSecret,
    signingKey: key,
    now: ctx.now(),
    // The scope travels inside the assertion and, as RFC 7523 §2.1 allows, as the `scope` parameter too.
    include: { scopes: true, headers: true },
    vars,
    tenant: ctx.tenant,
  });
  ctx.onStep('token', `Requesting a token from ${tokenEndpoint.host} with a signed assertion`);
  const exchange = await ctx.send('token', request);
  const result = interpretTokenExchange(exchange, { profile, now: ctx.now() });
  return {
    exchanges: [exchange],
    secretValues: [signed.jwt],
    ...(result.ok ? { token: result.token } : { error: result.error }),
  };
}
