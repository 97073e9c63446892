/**
 * A stand-in for the `electron` module, for loading the built main bundle under Node (the Electron
 * binary cannot run on the build machines). It records what the app asks of Electron so a test can
 * check it: windows and their options, IPC handlers, session and web-contents hardening, the schemes
 * registered and their protocol handlers. Like Electron 45, it refuses `registerSchemesAsPrivileged` once
 * the app is ready.
 */
import { EventEmitter } from 'node:events';

export interface FakeElectron {
  module: Record<string, unknown>;
  windows: { options: Record<string, unknown>; loaded: string[] }[];
  handlers: Map<string, (event: unknown, payload: unknown) => unknown>;
  permissionRequestHandler?: (wc: unknown, permission: string, cb: (allow: boolean) => void) => void;
  app: EventEmitter & { quitCalled: boolean; isPackaged: boolean };
  whenWindow: Promise<void>;
  /** `protocol.registerSchemesAsPrivileged` calls, in order. */
  privilegedSchemes: { scheme: string; privileges?: Record<string, boolean> }[];
  /** `protocol.handle` handlers by scheme. */
  protocolHandlers: Map<string, (request: Request) => Response | Promise<Response>>;
  /** Emits `web-contents-created` with a fake contents and returns what it registered. */
  createWebContents(): {
    listeners: Map<string, (...args: unknown[]) => void>;
    openHandler?: () => { action: string };
    /** How often `closeDevTools` was called on this contents. */
    devToolsClosed: number;
  };
}

/** A fake `electron` module; `isPackaged` is what `app.isPackaged` reports (false: a development run). */
export function createFakeElectron(userData: string, options: { isPackaged?: boolean } = {}): FakeElectron {
  let ready = false;
  let windowCreated!: () => void;
  const whenWindow = new Promise<void>((r) => (windowCreated = r));
  const app = Object.assign(new EventEmitter(), {
    quitCalled: false,
    isPackaged: options.isPackaged ?? false,
    requestSingleInstanceLock: () => true,
    whenReady: () => Promise.resolve().then(() => void (ready = true)),
    getPath: (name: string) => (name === 'userData' ? userData : `/nonexistent/${name}`),
    quit() {
      app.quitCalled = true;
    },
  });
  const fake: FakeElectron = {
    windows: [],
    handlers: new Map(),
    app,
    whenWindow,
    module: {},
    privilegedSchemes: [],
    protocolHandlers: new Map(),
    createWebContents() {
      const listeners = new Map<string, (...args: unknown[]) => void>();
      const result: ReturnType<FakeElectron['createWebContents']> = { listeners, devToolsClosed: 0 };
      const contents = {
        on: (name: string, fn: (...args: unknown[]) => void) => listeners.set(name, fn),
        setWindowOpenHandler: (fn: () => { action: string }) => (result.openHandler = fn),
        closeDevTools: () => void result.devToolsClosed++,
      };
      app.emit('web-contents-created', {}, contents);
      return result;
    },
  };
  class BrowserWindow extends EventEmitter {
    webContents = { send: () => {}, isDestroyed: () => false, on: () => {}, setWindowOpenHandler: () => {} };
    private record: { options: Record<string, unknown>; loaded: string[] };
    constructor(options: Record<string, unknown>) {
      super();
      this.record = { options, loaded: [] };
      fake.windows.push(this.record);
      windowCreated();
    }
    loadFile(path: string) {
      this.record.loaded.push(path);
      return Promise.resolve();
    }
    loadURL(url: string) {
      this.record.loaded.push(url);
      return Promise.resolve();
    }
    show() {}
    focus() {}
    restore() {}
    isMinimized() {
      return false;
    }
  }
  fake.module = {
    app,
    BrowserWindow,
    ipcMain: {
      handle: (channel: string, fn: (event: unknown, payload: unknown) => unknown) => fake.handlers.set(channel, fn),
    },
    session: {
      defaultSession: {
        setPermissionRequestHandler: (fn: FakeElectron['permissionRequestHandler']) =>
          (fake.permissionRequestHandler = fn),
        setPermissionCheckHandler: () => {},
      },
    },
    protocol: {
      registerSchemesAsPrivileged(schemes: FakeElectron['privilegedSchemes']) {
        if (ready) throw new Error('protocol.registerSchemesAsPrivileged should be called before app is ready');
        fake.privilegedSchemes.push(...schemes);
      },
      handle(scheme: string, handler: (request: Request) => Response | Promise<Response>) {
        if (!ready) throw new Error('protocol.handle must be called after app is ready');
        fake.protocolHandlers.set(scheme, handler);
      },
    },
    shell: { openExternal: () => Promise.resolve() },
    dialog: {
      showErrorBox: (title: string, message: string) => {
        throw new Error(`${title}: ${message}`);
      },
    },
    contextBridge: { exposeInMainWorld: () => {} },
    ipcRenderer: {},
  };
  return fake;
}
