/**
 * A real AppContext for tests: a temp data dir (real SQLite file) and the real keychain under a
 * service name unique to the test, cleaned up by `dispose`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { createContext, type AppContext, type ContextOptions } from '../../src-main/context';
import { createKeytarStore } from '../../src-main/secrets/keytar-store';

export interface TestContext extends AppContext {
  dataDir: string;
  keychainService: string;
  dispose(): Promise<void>;
}

export function makeTestContext(overrides: Partial<ContextOptions> = {}): TestContext {
  const dataDir = mkdtempSync(join(tmpdir(), 'authbench-test-'));
  const keychainService = `authbench-test-${randomUUID()}`;
  const ctx = createContext({ dataDir, keychainService, ...overrides });
  return {
    ...ctx,
    dataDir,
    keychainService,
    async dispose() {
      for (const account of await ctx.secrets.listAccounts().catch(() => [])) await ctx.secrets.delete(account);
      ctx.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Deletes every keychain entry of a throwaway service (for tests that run the bin or bundle with their own service). */
export async function clearKeychainService(service: string): Promise<void> {
  const secrets = createKeytarStore(service);
  for (const account of await secrets.listAccounts()) await secrets.delete(account);
}
