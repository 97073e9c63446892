/**
 * Electron lifecycle (docs/security.md, "Electron settings"): single instance, the `app:` scheme, hardening,
 * services, IPC, the window. Everything that can run without Electron lives outside src-main/app/ and is
 * tested under Node.
 */
import * as electron from 'electron';
import type { BrowserWindow as BrowserWindowType } from 'electron';
import { createContext, type AppContext } from '../context';
import { resolveDataDir, resolveKeychainService } from '../paths';
import { isLoopbackHost } from '../../src-shared/profile';
import { sanitizeForLog } from '../http/log-text';
import { bindIpc, forwardEvents } from './ipc-binding';
import { electronDialogs } from './dialogs';
import { APP_URL, registerAppScheme, serveRenderer } from './protocol';
import { hardenApp, openExternal } from './security';
import { builtPaths, createMainWindow } from './window';

/** Starts the desktop app. Resolves once the window is created (or the app quits). */
export async function startApp(): Promise<void> {
  const { app, BrowserWindow, ipcMain, session, dialog, shell, protocol, Notification } = electron;
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return;
  }
  // Before ready, or Electron refuses it.
  registerAppScheme(protocol);
  // A packaged app never loads a page named by its environment, and has no DevTools.
  const devServerUrl = app.isPackaged ? undefined : devServer(process.env.ELECTRON_RENDERER_URL);
  const appUrl = () => devServerUrl ?? APP_URL;
  let window: BrowserWindowType | undefined;
  let context: AppContext | undefined;
  let stopDemo: (() => Promise<void>) | undefined;

  app.on('second-instance', () => {
    if (window?.isMinimized()) window.restore();
    window?.focus();
  });
  app.on('window-all-closed', () => app.quit());
  app.on('will-quit', () => {
    void stopDemo?.();
    context?.close();
  });

  await app.whenReady();
  serveRenderer(protocol, builtPaths(__dirname).rendererDir);
  hardenApp(app, session.defaultSession, appUrl, { devTools: !app.isPackaged });
  try {
    // The same data dir as the CLI (env-paths), so both see the same profiles and keychain entries.
    const dataDir = await resolveDataDir(process.env);
    context = createContext({
      dataDir,
      keychainService: resolveKeychainService(),
      dialogs: electronDialogs(dialog, () => window),
      openBrowser: async (url) => {
        if (!(await openExternal(shell, url)))
          throw new Error('Only https:// (or http:// to loopback) URLs are opened in the browser');
      },
      log: (m) => console.error(sanitizeForLog(m)),
      // Refresh-token expiry warnings (services/expiry-notifier.ts); a click brings the window forward.
      notify: ({ title, body }) => {
        if (!Notification.isSupported()) return;
        const notification = new Notification({ title, body });
        notification.on('click', () => {
          if (window?.isMinimized()) window.restore();
          window?.focus();
        });
        notification.show();
      },
    });
  } catch (err) {
    dialog.showErrorBox('Authbench cannot start', (err as Error).message);
    app.quit();
    return;
  }
  for (const notice of context.notices) {
    console.error(sanitizeForLog(notice));
    void dialog.showMessageBox({ type: 'warning', title: 'Authbench', message: notice });
  }
  bindIpc(ipcMain, context.router, appUrl);
  void context.profiles
    .reconcile()
    .catch((err: Error) => console.error(sanitizeForLog(`keychain reconcile skipped: ${err.message}`)));
  forwardEvents(context.events, () => window?.webContents);
  stopDemo = await startDemoIfWanted(context);
  window = createMainWindow(BrowserWindow, __dirname, { url: appUrl(), devTools: !app.isPackaged });
}

/** The electron-vite dev server URL when it is http(s) on a loopback host; anything else is ignored. */
function devServer(value: string | undefined): string | undefined {
  if (!value) return undefined;
  try {
    const url = new URL(value);
    return (url.protocol === 'http:' || url.protocol === 'https:') && isLoopbackHost(url.hostname) ? value : undefined;
  } catch {
    return undefined;
  }
}

/** The app's default data: the embedded demo IdP and its profile (see demo/demo-profile.ts). */
async function startDemoIfWanted(context: AppContext): Promise<(() => Promise<void>) | undefined> {
  try {
    const { startDemoForApp } = await import('../demo/demo-profile');
    return await startDemoForApp(context);
  } catch (err) {
    console.error(sanitizeForLog(`demo IdP not started: ${(err as Error).message}`));
    return undefined;
  }
}
