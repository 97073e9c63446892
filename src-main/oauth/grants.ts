/**
 * The grant registry (docs/architecture.md, "How to add a grant"): one row per grant type that loads the
 * grant's flow module on first use. Rows use a dynamic import, so the CLI loads only the grant it runs
 * (and jose only with the authorization-code flow). The shared facts about each grant are GRANT_INFO
 * (src-shared/grants.ts); the refresh grant (RFC 6749 §6) is not a profile's grant type and has no row.
 */
import { AppError } from '../../src-shared/errors';
import type { GrantType, ProfileInput } from '../../src-shared/profile';
import type { FlowContext, FlowOutcome, GrantFlow } from './flow';

/** For every grant type, a loader of that grant's flow: a grant type without a row does not compile. */
export type GrantFlows = { readonly [G in GrantType]: () => Promise<GrantFlow<G>> };

/** The registry: grant type → its flow, loaded on first use. */
export const GRANT_FLOWS: GrantFlows = {
  authorization_code: async () => ({ run: (await import('./flows/authorization-code')).runAuthorizationCode }),
  client_credentials: async () => ({ run: (await import('./flows/client-credentials')).runClientCredentials }),
  password: async () => ({ run: (await import('./flows/password')).runPassword }),
  device_code: async () => ({ run: (await import('./flows/device-code')).runDeviceCode }),
  jwt_bearer: async () => ({ run: (await import('./flows/jwt-bearer')).runJwtBearer }),
  token_exchange: async () => ({ run: (await import('./flows/token-exchange')).runTokenExchange }),
};

/**
 * Loads the flow of `grantType`. Rejects with AppError('unsupported_grant') for a grant type without a row,
 * which only a value from outside the schema can be.
 */
export async function loadGrantFlow<G extends GrantType>(grantType: G): Promise<GrantFlow<G>> {
  if (!Object.hasOwn(GRANT_FLOWS, grantType)) {
    throw new AppError('unsupported_grant', `Testing ${String(grantType)} profiles is not supported`);
  }
  return GRANT_FLOWS[grantType]();
}

/**
 * Runs the grant of `profile` with `ctx` and returns its raw outcome. Throws what the flow throws when the
 * Test cannot start (AppError), and AppError('unsupported_grant') as loadGrantFlow.
 */
export async function runGrantFlow(profile: ProfileInput, ctx: FlowContext): Promise<FlowOutcome> {
  const flow = await loadGrantFlow(profile.grantType);
  return flow.run(profile, ctx);
}
