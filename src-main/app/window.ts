/**
 * The main window (docs/security.md, "Electron settings"): isolated, sandboxed, no Node in the renderer, web security on.
 */
import { join } from 'node:path';
import type { BrowserWindow as BrowserWindowType, BrowserWindowConstructorOptions } from 'electron';

/** The secure web preferences every window gets; the preload is the only bridge. */
export function secureWebPreferences(
  preloadPath: string,
): NonNullable<BrowserWindowConstructorOptions['webPreferences']> {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    webviewTag: false,
    spellcheck: false,
  };
}

/** Where the built files are, relative to the bundled main (`out/main`). */
export function builtPaths(mainDir: string): { preload: string; rendererHtml: string } {
  return { preload: join(mainDir, '../preload/index.js'), rendererHtml: join(mainDir, '../renderer/index.html') };
}

/** Creates and loads the main window; shows it when the first paint is ready. */
export function createMainWindow(
  BrowserWindow: typeof BrowserWindowType,
  mainDir: string,
  devServerUrl?: string,
): BrowserWindowType {
  const paths = builtPaths(mainDir);
  const win = new BrowserWindow({
    width: 1280,
    height: 820,
    minWidth: 900,
    minHeight: 600,
    show: false,
    title: 'Authbench',
    webPreferences: secureWebPreferences(paths.preload),
  });
  win.once('ready-to-show', () => win.show());
  if (devServerUrl) void win.loadURL(devServerUrl);
  else void win.loadFile(paths.rendererHtml);
  return win;
}
