/**
 * Electron hardening that applies to every web contents (docs/security.md, "Electron settings"): navigation
 * pinned to the app's own origin, new windows and webviews refused, permission requests denied, DevTools
 * closed in a packaged build, external links only through one allow-listed opener.
 */
import type { App, Session, Shell, WebContents } from 'electron';
import { isBrowsableUrl } from '../../src-shared/profile-fields';

/** The one way to open the system browser (RFC 8252 §8.12). Returns false for a refused URL. */
export async function openExternal(shell: Pick<Shell, 'openExternal'>, url: string): Promise<boolean> {
  if (!isBrowsableUrl(url)) return false;
  await shell.openExternal(url);
  return true;
}

/**
 * True when `url` is on the app's own origin, that of `appUrl`: the same scheme and host for `app:` (Node's URL
 * gives a custom scheme an opaque origin), the same origin for the http dev server, the same path for a
 * `file:` page. A `file:` URL with a host (a UNC path to another machine on Windows) is never the app.
 */
export function isAppUrl(url: string, appUrl: string): boolean {
  try {
    const target = new URL(url);
    const app = new URL(appUrl);
    if (target.protocol !== app.protocol || target.username || target.password) return false;
    if (app.protocol === 'file:') return target.host === '' && app.host === '' && target.pathname === app.pathname;
    if (app.protocol === 'http:' || app.protocol === 'https:') return target.origin === app.origin;
    return app.host !== '' && target.host === app.host;
  } catch {
    return false;
  }
}

/**
 * Applies the per-contents and per-session rules; `appUrl()` is the page the main window loaded. With
 * `devTools: false` (a packaged build) DevTools that open anyway are closed at once.
 */
export function hardenApp(
  app: Pick<App, 'on'>,
  session: Session,
  appUrl: () => string,
  options: { devTools: boolean },
): void {
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
    if (!options.devTools) contents.on('devtools-opened', () => contents.closeDevTools());
  });
}
