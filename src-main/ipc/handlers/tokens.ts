/** `tokens:*`: what is known of a profile's stored token, refresh (RFC 6749 §6) and forget. */
import type { TestRunner } from '../../services/test-runner';
import type { TokenTools } from '../../services/token-tools';
import type { HandlerSlice } from '../router';

/** The channels of this slice. */
export type TokenChannels =
  'tokens:get' | 'tokens:refresh' | 'tokens:forget' | 'tokens:introspect' | 'tokens:revoke' | 'tokens:userinfo';

/** Handlers over the test runner's token side; the token itself never crosses IPC. */
export function tokenHandlers(tests: TestRunner, tools: TokenTools): HandlerSlice<TokenChannels> {
  return {
    'tokens:get': ({ profileId }) => tests.tokenState(profileId),
    'tokens:refresh': ({ profileId }) => tests.refreshNow(profileId),
    'tokens:forget': async ({ profileId }) => ({ forgotten: await tests.forgetToken(profileId) }),
    // Token tools (RFC 7662, RFC 7009, OIDC Core §5.3) on the held token; the token never crosses IPC.
    'tokens:introspect': ({ profileId, which }) => tools.run(profileId, 'introspect', { which }),
    'tokens:revoke': ({ profileId, which }) => tools.run(profileId, 'revoke', { which }),
    'tokens:userinfo': ({ profileId }) => tools.run(profileId, 'userinfo'),
  };
}
