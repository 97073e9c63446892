/** `tokens:*`: what is known of a profile's stored token, refresh (RFC 6749 §6) and forget. */
import type { TestRunner } from '../../services/test-runner';
import type { HandlerSlice } from '../router';

/** The channels of this slice. */
export type TokenChannels = 'tokens:get' | 'tokens:refresh' | 'tokens:forget';

/** Handlers over the test runner's token side; the token itself never crosses IPC. */
export function tokenHandlers(tests: TestRunner): HandlerSlice<TokenChannels> {
  return {
    'tokens:get': ({ profileId }) => tests.tokenState(profileId),
    'tokens:refresh': ({ profileId }) => tests.refreshNow(profileId),
    'tokens:forget': async ({ profileId }) => ({ forgotten: await tests.forgetToken(profileId) }),
  };
}
