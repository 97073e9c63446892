import type { AppContext } from '../context';

/** Options every command gets from the program (`--data-dir`). */
export interface GlobalOptions {
  dataDir?: string;
}

/**
 * Opens the app's services for a CLI command (database in the data dir, keychain service from env);
 * `options.openBrowser` replaces the system browser (`test --paste`).
 */
export async function openContext(
  global: GlobalOptions,
  options: { openBrowser?: (url: string) => Promise<void> } = {},
): Promise<AppContext> {
  const [{ createContext }, { resolveDataDir, resolveKeychainService }] = await Promise.all([
    import('../context'),
    import('../paths'),
  ]);
  const dataDir = global.dataDir ?? (await resolveDataDir());
  const ctx = createContext({
    dataDir,
    keychainService: resolveKeychainService(),
    // The authorization-code flow's browser: $BROWSER, else the OS opener; the URL is printed on stderr.
    openBrowser: options.openBrowser ?? (async (url) => (await import('./browser')).openBrowser(url)),
  });
  for (const notice of ctx.notices) process.stderr.write(`warning: ${notice}\n`);
  return ctx;
}

/** Runs `fn` with an open context and always closes it. */
export async function withContext<T>(
  global: GlobalOptions,
  fn: (ctx: AppContext) => Promise<T>,
  options: { openBrowser?: (url: string) => Promise<void> } = {},
): Promise<T> {
  const ctx = await openContext(global, options);
  try {
    return await fn(ctx);
  } finally {
    ctx.close();
  }
}
