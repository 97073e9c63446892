/**
 * Discovery at Test time (docs/architecture.md, "A Test, step by step"): when the profile has an Issuer, its
 * metadata is read first (the `discovery` exchanges lead the timeline) and the profile is compared with it
 * (discovery-lint.ts); every mismatch, and a failed discovery, is a warning of the run, never its end.
 */
import { AppError } from '../../src-shared/errors';
import type { SigningAlg } from '../../src-shared/client-auth';
import { parMetadata, type DiscoveryMetadata } from '../../src-shared/discovery';
import type { ProfileInput } from '../../src-shared/profile';
import { discover } from './discovery';
import { renderUrl, urlVars } from './templates';
import { lintProfile } from './discovery-lint';
import type { FlowContext, FlowOutcome } from './flow';
import type { Discovered } from './verify-step';

/**
 * Runs discovery and the lint for `profile` when it has an Issuer, then `body` with the metadata (or why there
 * is none, for token verification); the exchanges are joined.
 */
export async function withDiscovery(
  profile: ProfileInput,
  ctx: FlowContext,
  body: (discovered: Discovered) => Promise<FlowOutcome>,
): Promise<FlowOutcome> {
  const issuer = profile.issuer?.trim();
  if (!issuer) return body({ reason: 'the profile has no Issuer' });
  ctx.onStep('discovery', `Reading the IdP's metadata (${issuer})`);
  let attempt: Awaited<ReturnType<typeof discover>>;
  try {
    attempt = await discover(renderUrl(issuer, ctx.tenant, 'issuer', urlVars(ctx)), ctx.tenant, (step, request) =>
      ctx.send(step, request),
    );
  } catch (err) {
    if (!(err instanceof AppError)) throw err;
    ctx.warn(`Discovery was skipped, so the profile was not compared with the IdP's metadata: ${err.message}`);
    return body({ reason: `discovery was skipped: ${err.message}` });
  }
  if (attempt.result) {
    const keyAlg = await signingKeyAlg(profile, attempt.result.metadata, ctx);
    for (const warning of lintProfile(profile, attempt.result.metadata, ctx.tenant, keyAlg)) ctx.warn(warning);
    // The authorization-code flow pushes its request when the metadata requires it (RFC 9126 §5).
    ctx.pushedAuthorization = parMetadata(attempt.result.metadata);
  } else if (attempt.error?.code !== 'cancelled')
    ctx.warn(
      `Discovery failed, so the profile was not compared with the IdP's metadata: ${attempt.error?.message ?? ''}`,
    );
  const outcome = await body(
    attempt.result ? { metadata: attempt.result.metadata } : { reason: "the IdP's metadata could not be read" },
  );
  return { ...outcome, exchanges: [...attempt.exchanges, ...outcome.exchanges] };
}

/**
 * The alg the JWT Signing Key implies (RSA → RS256, P-256 → ES256, a JWK's own `alg`), read only when the lint
 * needs it: private_key_jwt with no alg chosen and metadata listing token_endpoint_auth_signing_alg_values_supported.
 * Undefined when the key is not set or cannot be read (the token request then says why).
 */
async function signingKeyAlg(
  profile: ProfileInput,
  metadata: DiscoveryMetadata,
  ctx: Pick<FlowContext, 'secrets'>,
): Promise<SigningAlg | undefined> {
  const key = ctx.secrets.jwtSigningKey;
  if (profile.clientAuthMethod !== 'private_key_jwt' || profile.clientAssertion.alg || !key) return undefined;
  if (!metadata.token_endpoint_auth_signing_alg_values_supported) return undefined;
  // jose is loaded only when a client assertion is involved, as in client-auth.ts.
  const { readPrivateKey } = await import('./client-assertion');
  try {
    return readPrivateKey(key, 'JWT Signing Key').alg;
  } catch {
    return undefined;
  }
}
