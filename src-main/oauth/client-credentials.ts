/**
 * The client-credentials flow (RFC 6749 §4.4): one token request, recorded, then interpreted.
 */
import type { ProfileInput } from '../../src-shared/profile';
import type { Exchange, TestError } from '../../src-shared/test-run';
import type { HttpClient } from '../http/recording-client';
import { buildClientCredentialsRequest } from './token-request';
import { interpretTokenExchange, type TokenResult } from './token-response';

export interface FlowOptions {
  http: HttpClient;
  signal?: AbortSignal;
  /** Per-request deadline (ms). */
  timeoutMs?: number;
  onStep?: (step: Exchange['step'], message: string) => void;
}

/** Raw (unredacted) outcome of a flow; the caller redacts before anything leaves the engine. */
export interface FlowOutcome {
  exchanges: Exchange[];
  token?: TokenResult;
  error?: TestError;
}

/** Runs the client-credentials grant for `profile` with its client secret (null for a public client). */
export async function runClientCredentials(
  profile: Extract<ProfileInput, { grantType: 'client_credentials' }>,
  clientSecret: string | null,
  options: FlowOptions,
): Promise<FlowOutcome> {
  const request = buildClientCredentialsRequest({
    tokenUrl: profile.tokenUrl,
    clientId: profile.clientId,
    clientSecret,
    clientAuthMethod: profile.clientAuthMethod,
    scopes: profile.scopes,
  });
  options.onStep?.('token', `Requesting a token from ${new URL(profile.tokenUrl).host}`);
  const exchange = await options.http.send({ step: 'token', ...request, timeoutMs: options.timeoutMs, signal: options.signal });
  const result = interpretTokenExchange(exchange);
  return result.ok ? { exchanges: [exchange], token: result.token } : { exchanges: [exchange], error: result.error };
}
