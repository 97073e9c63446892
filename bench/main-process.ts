/**
 * The app's main process without Electron, for the memory bench: opens the services and the IPC router over
 * a data dir (src-main/context.ts, as the app's main does), serves the list once as the renderer asks for it,
 * and prints `{"rss": bytes, "profiles": n}` on stdout.
 *   node main-process.mjs DATA_DIR KEYCHAIN_SERVICE
 */
import { createContext } from '../src-main/context';

async function main(): Promise<void> {
  const [dataDir, keychainService] = process.argv.slice(2);
  if (!dataDir || !keychainService) throw new Error('usage: main-process DATA_DIR KEYCHAIN_SERVICE');
  const ctx = createContext({ dataDir, keychainService });
  const listed = await ctx.router.handle('profiles:list', {});
  if (!listed.ok) throw new Error(listed.error.message);
  process.stdout.write(
    JSON.stringify({ rss: process.memoryUsage().rss, profiles: (listed.value as unknown[]).length }),
  );
  ctx.close();
}

main().catch((err: unknown) => {
  process.stderr.write(`${String(err)}\n`);
  process.exitCode = 1;
});
