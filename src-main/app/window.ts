/**
 * The main window (docs/security.md, "Electron settings"): isolated, sandboxed, no Node in the renderer, web
 * security on, DevTools only in an unpackaged (development) build.
 */
import { join } from 'node:path';
import type { BrowserWindow as BrowserWindowType } from 'electron';

/** Where the built files are, relative to the bundled main (`out/main`). */
export function builtPaths(mainDir: string): { preload: string; rendererDir: string; rendererHtml: string } {
  const rendererDir = join(mainDir, '../renderer');
  return { preload: join(mainDir, '../preload/index.js'), rendererDir, rendererHtml: join(rendererDir, 'index.html') };
}

/**
 * Creates the main window and loads `url` (the app's own origin, or the dev server when unpackaged); shows it
 * when the first paint is ready. `devTools: false` (packaged) disables DevTools (hardenApp closes them if opened).
 */
export function createMainWindow(
  BrowserWindow: typeof BrowserWindowType,
  mainDir: string,
  options: { url: string; devTools: boolean },
): BrowserWindowType {
  // Written out in full here, in the constructor call, so a reviewer or scanner sees every setting at once.
  const win = new BrowserWindow({
    width: 1280,
    height: 820,
    minWidth: 900,
    minHeight: 600,
    show: false,
    title: 'Authbench',
    webPreferences: {
      preload: builtPaths(mainDir).preload,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      spellcheck: false,
      devTools: options.devTools,
    },
  });
  win.once('ready-to-show', () => win.show());
  void win.loadURL(options.url);
  return win;
}
