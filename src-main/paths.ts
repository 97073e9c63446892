import { join } from 'node:path';

/** The database file name inside the data dir (docs/architecture.md, "Where things live"). */
export const DATABASE_FILE = 'authbench.db';

/**
 * The data dir: `AUTHBENCH_DATA_DIR` when set, else the OS's per-user app data dir from env-paths
 * (e.g. ~/.local/share/authbench on Linux). The app and the CLI share it, and so share profiles.
 */
export async function resolveDataDir(env: NodeJS.ProcessEnv = process.env): Promise<string> {
  if (env.AUTHBENCH_DATA_DIR) return env.AUTHBENCH_DATA_DIR;
  const { default: envPaths } = await import('env-paths');
  return envPaths('authbench', { suffix: '' }).data;
}

/** The keychain service name: `AUTHBENCH_KEYCHAIN_SERVICE` when set, else `authbench` (docs/architecture.md, "Where things live"). */
export function resolveKeychainService(env: NodeJS.ProcessEnv = process.env): string {
  return env.AUTHBENCH_KEYCHAIN_SERVICE || 'authbench';
}

export function databasePath(dataDir: string): string {
  return join(dataDir, DATABASE_FILE);
}
