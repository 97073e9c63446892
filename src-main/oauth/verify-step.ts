/**
 * Token verification at Test time (docs/architecture.md, "Token verification"): after a token response, its
 * access token and ID token are checked (verify-token.ts) and the result joins the token summary; every failed
 * check is a warning of the run, never its end. The JWKS reads are appended to the run's exchanges.
 */
import type { DiscoveryMetadata } from '../../src-shared/discovery';
import type { Exchange } from '../../src-shared/test-run';
import type { FlowContext, FlowOutcome } from './flow';
import { verificationWarnings, verifyTokens } from './verify-token';

/** What discovery left for verification: the metadata, or why there is none. */
export interface Discovered {
  metadata?: DiscoveryMetadata;
  reason?: string;
}

/** `outcome` with its token's `verification`, the JWKS exchanges and a warning per failed check. */
export async function withVerification(
  outcome: FlowOutcome,
  ctx: FlowContext,
  discovered: Discovered,
): Promise<FlowOutcome> {
  const token = outcome.token;
  if (!token || ctx.signal?.aborted) return outcome;
  const { verification, exchanges } = await verifyTokens(
    {
      accessToken: token.accessToken,
      idToken: idTokenOf(outcome.exchanges, token.accessToken),
      metadata: discovered.metadata,
      noMetadataReason: discovered.reason,
      clientId: ctx.profile.clientId,
      now: ctx.now(),
      nonce: nonceSent(outcome.exchanges),
    },
    (step, request) => ctx.send(step, request),
  );
  return {
    ...outcome,
    exchanges: [...outcome.exchanges, ...exchanges],
    token: { ...token, summary: { ...token.summary, verification } },
    warnings: [...(outcome.warnings ?? []), ...verificationWarnings(verification)],
  };
}

/** The `id_token` of the token response that carried `accessToken` (OpenID Connect Core §3.1.3.3). */
function idTokenOf(exchanges: readonly Exchange[], accessToken: string): string | undefined {
  for (const exchange of [...exchanges].reverse()) {
    if (exchange.step !== 'token' && exchange.step !== 'refresh') continue;
    try {
      const body = JSON.parse(exchange.response?.body ?? '') as Record<string, unknown>;
      if (body.access_token === accessToken) return typeof body.id_token === 'string' ? body.id_token : undefined;
    } catch {
      // Not JSON: not the token response.
    }
  }
  return undefined;
}

/** The `nonce` the authorization request sent (OpenID Connect Core §3.1.2.1), when it sent one. */
function nonceSent(exchanges: readonly Exchange[]): string | undefined {
  const authorize = exchanges.find((e) => e.step === 'authorize');
  if (!authorize) return undefined;
  try {
    return new URL(authorize.request.url).searchParams.get('nonce') ?? undefined;
  } catch {
    return undefined;
  }
}
