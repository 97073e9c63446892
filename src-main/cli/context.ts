import type { AppContext, ServiceModuleName, ServiceModules } from '../context-core';

/** Options every command gets from the program (`--data-dir`). */
export interface GlobalOptions {
  dataDir?: string;
}

/**
 * Which services a command uses beyond the profiles, settings and stores every context has (context-core.ts):
 * only their modules load (docs/architecture.md, "The CLI"). Default: every service a command may use.
 */
export type ContextNeeds = Array<Exclude<ServiceModuleName, 'ipc' | 'notifier' | 'schemas'>>;

const ALL: ContextNeeds = ['tests', 'batches', 'transfer', 'runs'];

const LOADERS: { [K in ContextNeeds[number]]: () => Promise<ServiceModules[K]> } = {
  tests: () => import('../services/test-runner'),
  batches: () => import('../services/batch-runner'),
  transfer: () => import('../services/transfer'),
  runs: () => import('../services/runs'),
};

/**
 * What `openContext` / `withContext` take: the command's needs, a browser opener for `test --paste`, and
 * `readsProfiles: false` for a command that never reads or writes a profile's fields (`profiles list`,
 * `settings`), which then does not load the profile schemas (a read of a profile throws Error).
 */
export interface OpenContextOptions {
  openBrowser?: (url: string) => Promise<void>;
  needs?: ContextNeeds;
  readsProfiles?: boolean;
}

/**
 * Opens the app's services for a CLI command (database in the data dir, keychain service from env), loading only
 * the modules of `options.needs`; `options.openBrowser` replaces the system browser (`test --paste`). Throws
 * AppError('database') when the database cannot open.
 */
export async function openContext(global: GlobalOptions, options: OpenContextOptions = {}): Promise<AppContext> {
  const needs = options.needs ?? ALL;
  const [{ assembleContext }, { resolveDataDir, resolveKeychainService }, schemas, ...loaded] = await Promise.all([
    import('../context-core'),
    import('../paths'),
    options.readsProfiles === false ? undefined : import('../../src-shared/profile'),
    ...needs.map((name) => LOADERS[name]()),
  ]);
  const modules: ServiceModules = {
    ...Object.fromEntries(needs.map((name, i) => [name, loaded[i]])),
    ...(schemas && { schemas }),
  };
  const dataDir = global.dataDir ?? (await resolveDataDir());
  const ctx = assembleContext(
    {
      dataDir,
      keychainService: resolveKeychainService(),
      // The authorization-code flow's browser: $BROWSER, else the OS opener; the URL is printed on stderr.
      openBrowser: options.openBrowser ?? (async (url) => (await import('./browser')).openBrowser(url)),
    },
    modules,
  );
  for (const notice of ctx.notices) process.stderr.write(`warning: ${notice}\n`);
  return ctx;
}

/** Runs `fn` with an open context (see openContext) and always closes it. */
export async function withContext<T>(
  global: GlobalOptions,
  fn: (ctx: AppContext) => Promise<T>,
  options: OpenContextOptions = {},
): Promise<T> {
  const ctx = await openContext(global, options);
  try {
    return await fn(ctx);
  } finally {
    ctx.close();
  }
}
