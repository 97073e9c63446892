/**
 * Electron hardening that applies to every web contents (docs/security.md, "Electron settings"): navigation pinned to the
 * app's own origin, new windows and webviews refused, permission requests denied, external links only
 * through one allow-listed opener.
 */
import type { App, Session, Shell, WebContents } from 'electron';
import { isLoopbackHost } from '../../src-shared/profile';

/** True when `url` may be opened in the system browser: https:, or http: to a loopback host (E4). */
export function isExternalUrlAllowed(url: string): boolean {
  try {
    const u = new URL(url);
    return u.protocol === 'https:' || (u.protocol === 'http:' && isLoopbackHost(u.hostname));
  } catch {
    return false;
  }
}

/** The one way to open the system browser (RFC 8252 §8.12). Returns false for a refused URL. */
export async function openExternal(shell: Pick<Shell, 'openExternal'>, url: string): Promise<boolean> {
  if (!isExternalUrlAllowed(url)) return false;
  await shell.openExternal(url);
  return true;
}

/** True when `url` has the same origin as the app's page `appUrl` (file:// pages compare by path). */
export function isAppUrl(url: string, appUrl: string): boolean {
  try {
    const target = new URL(url);
    const app = new URL(appUrl);
    if (app.protocol === 'file:') return target.protocol === 'file:' && target.pathname === app.pathname;
    return target.origin === app.origin;
  } catch {
    return false;
  }
}

/** Applies the per-contents and per-session rules; `appUrl()` is the page the main window loaded. */
export function hardenApp(app: Pick<App, 'on'>, session: Session, appUrl: () => string): void {
  // Only writing to the clipboard (the Copy buttons) is allowed; every other permission is denied.
  session.setPermissionRequestHandler((_contents, permission, callback) =>
    callback(permission === 'clipboard-sanitized-write'),
  );
  session.setPermissionCheckHandler((_contents, permission) => permission === 'clipboard-sanitized-write');
  app.on('web-contents-created', (_event, contents: WebContents) => {
    contents.on('will-navigate', (event, url) => {
      if (!isAppUrl(url, appUrl())) event.preventDefault();
    });
    contents.on('will-redirect', (event, url) => {
      if (!isAppUrl(url, appUrl())) event.preventDefault();
    });
    contents.on('will-attach-webview', (event) => event.preventDefault());
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  });
}
