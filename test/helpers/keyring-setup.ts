/**
 * Vitest global setup: the tests use the real OS keychain. When none is reachable (a headless Linux
 * machine: no D-Bus session, or no Secret Service on it), this starts a private, throwaway one — a
 * `dbus-daemon` session bus and an unlocked `gnome-keyring-daemon` whose files live in a temp dir — for
 * this run only, and stops it afterwards; the user's own keyring is never touched. Where the daemons are
 * not installed it stops the run at once with one line naming the packages.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// A write, not a read: a Secret Service without an unlocked login collection answers reads but refuses writes.
const PROBE = `const k = require('keytar');
k.setPassword('authbench-keychain-probe', 'probe', 'x').then(() => k.deletePassword('authbench-keychain-probe', 'probe'))
  .then(() => process.exit(0), () => process.exit(1))`;

/** True when keytar can talk to a keychain with the current environment (a child process: a hang cannot stall us). */
function keychainReachable(env: NodeJS.ProcessEnv): boolean {
  const probe = spawnSync(process.execPath, ['-e', PROBE], { env, timeout: 10_000, stdio: 'ignore' });
  return probe.status === 0;
}

function installed(command: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' }).status === 0;
}

/** The first line a child writes on stdout (dbus-daemon prints its address there), or an Error after `ms`. */
function firstLine(child: ChildProcess, ms: number): Promise<string> {
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`${String(child.spawnfile)} printed nothing in ${ms} ms`)), ms);
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const end = out.indexOf('\n');
      if (end >= 0) {
        clearTimeout(timer);
        resolve(out.slice(0, end).trim());
      }
    });
    child.once('exit', (code) => reject(new Error(`${String(child.spawnfile)} exited with ${code}`)));
  });
}

export default async function setup(): Promise<(() => void) | void> {
  if (process.platform !== 'linux' || keychainReachable(process.env)) return;
  const missing = [
    ['dbus-daemon', 'dbus-daemon'],
    ['gnome-keyring-daemon', 'gnome-keyring'],
  ].filter(([command]) => !installed(command!));
  if (missing.length) {
    throw new Error(
      `No OS keychain is reachable and the tests cannot start a private one: install ${missing.map(([, pkg]) => pkg).join(' and ')} (Debian/Ubuntu: sudo apt install gnome-keyring dbus-daemon).`,
    );
  }

  const dir = mkdtempSync(join(tmpdir(), 'authbench-keyring-'));
  for (const sub of ['home', 'data', 'config', 'runtime']) mkdirSync(join(dir, sub), { mode: 0o700 });
  const daemonEnv: NodeJS.ProcessEnv = {
    ...process.env,
    HOME: join(dir, 'home'),
    XDG_DATA_HOME: join(dir, 'data'),
    XDG_CONFIG_HOME: join(dir, 'config'),
    XDG_RUNTIME_DIR: join(dir, 'runtime'),
  };
  const children: ChildProcess[] = [];
  const stop = () => {
    // gnome-keyring-daemon leaves with its bus.
    for (const child of children) child.kill('SIGTERM');
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    const bus = spawn('dbus-daemon', ['--session', '--nofork', '--print-address=1'], {
      env: daemonEnv,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    children.push(bus);
    const address = await firstLine(bus, 10_000);
    daemonEnv.DBUS_SESSION_BUS_ADDRESS = address;
    // The daemon forks and leaves; it exits by itself when the bus it serves goes away (see stop()).
    const keyring = spawnSync('gnome-keyring-daemon', ['--unlock', '--components=secrets'], {
      env: daemonEnv,
      input: 'authbench-test',
      stdio: ['pipe', 'ignore', 'ignore'],
      timeout: 10_000,
    });
    if (keyring.status !== 0) throw new Error(`gnome-keyring-daemon exited with ${keyring.status ?? keyring.signal}`);
    // The test workers inherit this process's environment: point them at the private bus.
    process.env.DBUS_SESSION_BUS_ADDRESS = address;
    for (let i = 0; !keychainReachable(process.env); i++) {
      if (i === 50) throw new Error('the private gnome-keyring-daemon did not answer within 10 s');
      await new Promise((r) => setTimeout(r, 200));
    }
  } catch (err) {
    stop();
    throw new Error(`No OS keychain is reachable, and starting a private one failed: ${(err as Error).message}`, {
      cause: err,
    });
  }
  return stop;
}
