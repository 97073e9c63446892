/**
 * Binds the router to ipcMain (docs/security.md, "Electron settings"): one handler per contract channel, each
 * refusing calls from any frame but the app's own page; events from the bus are forwarded to the window.
 */
import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron';
import { EVENT_NAMES, type Channel } from '../../src-shared/channels';
import type { EventBus } from '../context';
import type { Router } from '../ipc/router';
import { isAppUrl } from './security';

/**
 * Registers one `ipcMain.handle` per router channel; a call is answered `{ ok: false, error: invalid_request }`
 * unless it comes from the top frame of the app's page (`appUrl()`, compared by isAppUrl).
 */
export function bindIpc(ipcMain: Pick<IpcMain, 'handle'>, router: Router, appUrl: () => string): void {
  for (const channel of router.channels as Channel[]) {
    ipcMain.handle(channel, (event: IpcMainInvokeEvent, payload: unknown) => {
      const frame = event.senderFrame;
      if (!frame || frame.parent || !isAppUrl(frame.url, appUrl())) {
        return { ok: false, error: { code: 'invalid_request', message: 'IPC from an untrusted frame was refused' } };
      }
      return router.handle(channel, payload);
    });
  }
}

/** Forwards every contract event to `contents` while it is alive; returns the unsubscribe function. */
export function forwardEvents(events: EventBus, contents: () => WebContents | undefined): () => void {
  const offs = EVENT_NAMES.map((name) =>
    events.on(name, (payload) => {
      const target = contents();
      if (target && !target.isDestroyed()) target.send(name, payload);
    }),
  );
  return () => offs.forEach((off) => off());
}
