/** `test:run`, `test:cancel`, `test:open-browser` and `test:paste-callback` (docs/architecture.md, "A Test, step by step"). */
import type { TestRunner } from '../../services/test-runner';
import type { HandlerSlice } from '../router';

/** The channels of this slice. */
export type TestChannels = 'test:run' | 'test:cancel' | 'test:open-browser' | 'test:paste-callback';

/** Handlers over the test runner; a failed Test is a value (a TestRun), not an error envelope. */
export function testHandlers(tests: TestRunner): HandlerSlice<TestChannels> {
  return {
    'test:run': ({ profileId, tenant, formValues, timeoutMs, overrides, signIn }) =>
      tests.run(profileId, { tenant, formValues, timeoutMs, overrides, signIn }),
    'test:cancel': ({ profileId }) => ({ cancelled: tests.cancel(profileId) }),
    'test:open-browser': ({ profileId }) => tests.openBrowserAgain(profileId),
    'test:paste-callback': ({ profileId, url }) => tests.pasteCallback(profileId, url),
  };
}
