import { AppError } from '../../src-shared/errors';
import type { SecretStore } from './secret-store';

type Keytar = typeof import('keytar');

/**
 * keytar runs each call on its own libuv thread, and libsecret is not safe to use from several threads at
 * once: concurrent calls can crash the process (atom/node-keytar#283, seen here as a SIGSEGV). Every keytar
 * call of the process therefore waits for the one before it, whichever store made it.
 */
let queue: Promise<unknown> = Promise.resolve();

/** Runs `op` once every call queued before it has settled (resolved or rejected); resolves as `op` does. */
export function serially<T>(op: () => Promise<T>): Promise<T> {
  const run = queue.then(op, op);
  queue = run.catch(() => undefined);
  return run;
}

/**
 * A SecretStore on keytar (macOS Keychain, Windows Credential Manager, libsecret on Linux) under `service`.
 * keytar is loaded on first use, so commands that never touch a secret do not pay for it; its calls run one
 * at a time.
 */
export function createKeytarStore(service: string): SecretStore {
  let keytar: Keytar | undefined;
  const call = async <T>(op: (k: Keytar) => Promise<T>): Promise<T> => {
    try {
      keytar ??= await loadKeytar();
      const loaded = keytar;
      return await serially(() => op(loaded));
    } catch (err) {
      throw new AppError('keychain_unavailable', `The OS keychain is not available: ${describe(err)}`, { service });
    }
  };
  return {
    get: (account) => call((k) => k.getPassword(service, account)),
    set: (account, value) => call((k) => k.setPassword(service, account, value)),
    delete: (account) => call((k) => k.deletePassword(service, account)),
    listAccounts: () => call(async (k) => (await k.findCredentials(service)).map((c) => c.account)),
  };
}

async function loadKeytar(): Promise<Keytar> {
  const mod = (await import('keytar')) as Keytar & { default?: Keytar };
  return mod.default ?? mod;
}

/** keytar's messages are terse; add what they mean on Linux (docs/architecture.md, "How it is tested"). */
function describe(err: unknown): string {
  const message = err instanceof Error ? err.message : String(err);
  if (/autolaunch D-Bus|DBUS_SESSION_BUS_ADDRESS/i.test(message))
    return `${message} (no D-Bus session: is a desktop session or dbus-run-session running?)`;
  if (/collection\/login|locked/i.test(message))
    return `${message} (the keyring is locked or has no login collection: unlock it)`;
  return message;
}
