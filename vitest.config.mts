import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // The real OS keychain, or a private throwaway one when none is reachable (headless Linux).
    globalSetup: ['./test/helpers/keyring-setup.ts'],
    reporters: ['default', './test/helpers/count-reporter.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // The keychain daemon and Chromium are shared by the suites; two workers suit a 2-core machine.
    maxWorkers: 2,
    benchmark: { include: ['bench/**/*.bench.ts'] },
  },
});
