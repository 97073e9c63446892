/**
 * The token exchange grant (RFC 8693): one token request carrying a subject token (and optionally an actor token)
 * with their types, the requested token type, audiences and resources (§2.1), with the profile's client
 * authentication; the answer is read as any token answer plus `issued_token_type` (§2.2.1). The subject and actor
 * tokens arrive as the run's `subjectToken` / `actorToken` secrets: pasted into the keychain, or read from another
 * profile's held token by the runner before the Test starts (services/exchange-tokens.ts).
 */
import { parseJsonObject } from '../../http/json-object';
import { AppError } from '../../../src-shared/errors';
import { FIELD_LABELS, type GrantProfile } from '../../../src-shared/profile';
import {
  TOKEN_EXCHANGE_GRANT_TYPE,
  TOKEN_TYPE_URIS,
  type TokenExchangeOptions,
} from '../../../src-shared/token-exchange-profile';
import type { Exchange } from '../../../src-shared/test-run';
import type { FlowContext, FlowOutcome } from '../flow';
import { renderUrl, renderValue, urlVars, type TemplateVars } from '../templates';
import { buildTokenRequest } from '../token-request';
import { interpretTokenExchange } from '../token-response';

/** RFC 8693 §2.2.1: the `token_type` of an issued token that is not an access token (no check call uses it). */
export const NOT_APPLICABLE_TOKEN_TYPE = 'N_A';

/**
 * The grant's parameters in the order sent: `grant_type`, `subject_token`, `subject_token_type`, the actor token
 * and its type when given, `requested_token_type` when set, then each audience and each resource as a parameter of
 * its own (RFC 8693 §2.1 allows several). Values of `audiences` / `resources` are rendered with `render`.
 */
export function tokenExchangeParameters(
  o: TokenExchangeOptions,
  tokens: { subject: string; actor?: string | null },
  render: (value: string, where: string) => string = (v) => v,
): [string, string][] {
  const params: [string, string][] = [
    ['grant_type', TOKEN_EXCHANGE_GRANT_TYPE],
    ['subject_token', tokens.subject],
    ['subject_token_type', TOKEN_TYPE_URIS[o.subjectTokenType]],
  ];
  if (o.actorSource !== 'none' && tokens.actor) {
    params.push(['actor_token', tokens.actor], ['actor_token_type', TOKEN_TYPE_URIS[o.actorTokenType]]);
  }
  if (o.requestedTokenType) params.push(['requested_token_type', TOKEN_TYPE_URIS[o.requestedTokenType]]);
  for (const a of o.audiences) params.push(['audience', render(a, 'Audience')]);
  for (const r of o.resources) params.push(['resource', render(r, 'Resource')]);
  return params;
}

/** The `issued_token_type` of a JSON token answer (RFC 8693 §2.2.1), or undefined when absent or unreadable. */
export function issuedTokenType(exchange: Exchange): string | undefined {
  const value = parseJsonObject(exchange.response?.body)?.issued_token_type;
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/**
 * Runs the grant. Throws AppError('secret_missing') when the subject token (or a chosen actor token) is not in the
 * run's secrets, AppError('invalid_request') when a template cannot be rendered.
 */
export async function runTokenExchange(
  profile: GrantProfile<'token_exchange'>,
  ctx: FlowContext,
): Promise<FlowOutcome> {
  const url = renderUrl(profile.tokenUrl, ctx.tenant, 'tokenUrl', urlVars(ctx));
  const o = profile.tokenExchange;
  const subject = ctx.secrets.subjectToken;
  if (!subject)
    throw new AppError('secret_missing', `${FIELD_LABELS.subjectToken} is not set; the token exchange needs it`);
  const actor = o.actorSource === 'none' ? null : ctx.secrets.actorToken;
  if (o.actorSource !== 'none' && !actor)
    throw new AppError('secret_missing', `${FIELD_LABELS.actorToken} is not set; choose None as its source or set it`);
  const vars: TemplateVars = { ...ctx.formValues, ...(ctx.tenant ? { tenant: ctx.tenant } : {}) };
  const request = await buildTokenRequest({
    profile,
    url,
    grant: tokenExchangeParameters(o, { subject, actor }, (v, where) => renderValue(v, vars, ctx.tenant, where)),
    clientSecret: ctx.secrets.clientSecret,
    signingKey: ctx.secrets.jwtSigningKey,
    now: ctx.now(),
    include: { scopes: true, headers: true },
    vars,
    tenant: ctx.tenant,
  });
  ctx.onStep('token', `Exchanging the subject token at ${new URL(url).host}`);
  const exchange = await ctx.send('token', request);
  const result = interpretTokenExchange(exchange, { profile, now: ctx.now() });
  const secretValues = [subject, ...(actor ? [actor] : [])];
  if (!result.ok) return { exchanges: [exchange], secretValues, error: result.error };
  const issued = issuedTokenType(exchange);
  const warnings: string[] = [];
  if (!issued)
    warnings.push('The answer has no issued_token_type, which RFC 8693 §2.2.1 requires of a token exchange response');
  if (result.token.summary.tokenType === NOT_APPLICABLE_TOKEN_TYPE)
    warnings.push(
      'The issued token is not an access token (token_type N_A, RFC 8693 §2.2.1): it is shown, but no Authorization Check URL call is made with it',
    );
  return {
    exchanges: [exchange],
    secretValues,
    warnings,
    token: { ...result.token, summary: { ...result.token.summary, ...(issued ? { issuedTokenType: issued } : {}) } },
  };
}
