/** `window.authbench`: the bridge the preload exposes (src-main/preload.ts), typed from the IPC contract. */
import type { AuthbenchBridge } from '../src-shared/ipc';

declare global {
  interface Window {
    readonly authbench: AuthbenchBridge;
  }
}

export {};
