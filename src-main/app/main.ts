/**
 * Electron lifecycle: single instance, hardening, services, IPC, the window. Everything that can run
 * without Electron lives outside src-main/app/ and is tested under Node.
 */
import * as electron from 'electron';
import type { BrowserWindow as BrowserWindowType } from 'electron';
import { pathToFileURL } from 'node:url';
import { createContext, type AppContext } from '../context';
import { resolveDataDir, resolveKeychainService } from '../paths';
import { sanitizeForLog } from '../http/redact';
import { bindIpc, forwardEvents } from './ipc-binding';
import { hardenApp } from './security';
import { builtPaths, createMainWindow } from './window';

/** Starts the desktop app. Resolves once the window is created (or the app quits). */
export async function startApp(): Promise<void> {
  const { app, BrowserWindow, ipcMain, session, dialog } = electron;
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return;
  }
  const devServerUrl = process.env.ELECTRON_RENDERER_URL;
  const appUrl = () => devServerUrl ?? pathToFileURL(builtPaths(__dirname).rendererHtml).toString();
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
  hardenApp(app, session.defaultSession, appUrl);
  try {
    const dataDir = await resolveDataDir(process.env, app.getPath('userData'));
    context = createContext({ dataDir, keychainService: resolveKeychainService(), log: (m) => console.error(sanitizeForLog(m)) });
  } catch (err) {
    dialog.showErrorBox('Authbench cannot start', (err as Error).message);
    app.quit();
    return;
  }
  bindIpc(ipcMain, context.router, appUrl);
  forwardEvents(context.events, () => window?.webContents);
  stopDemo = await startDemoIfWanted(context);
  window = createMainWindow(BrowserWindow, __dirname, devServerUrl);
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
