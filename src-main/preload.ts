/**
 * The only bridge between the sandboxed renderer and main (docs/security.md, "Electron settings"): `invoke` and `on` for
 * contract names only. It never hands out ipcRenderer. Must stay CommonJS (sandboxed preload).
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { isChannel, isEventName } from '../src-shared/channels';
import type { AuthbenchBridge } from '../src-shared/ipc';

const bridge: AuthbenchBridge = {
  invoke(channel, request) {
    if (!isChannel(channel))
      return Promise.resolve({
        ok: false,
        error: { code: 'invalid_request', message: `Unknown channel ${String(channel)}` },
      });
    return ipcRenderer.invoke(channel, request);
  },
  on(event, listener) {
    if (!isEventName(event)) throw new Error(`Unknown event ${String(event)}`);
    const wrapped = (_e: IpcRendererEvent, payload: Parameters<typeof listener>[0]) => listener(payload);
    ipcRenderer.on(event, wrapped);
    return () => void ipcRenderer.removeListener(event, wrapped);
  },
};

contextBridge.exposeInMainWorld('authbench', bridge);
