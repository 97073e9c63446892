/**
 * Runs the built `authbench` bin in a child process, as scripts do, and collects its output and exit code; and
 * the sandbox most CLI test files share (a temp data dir and a throwaway keychain service, cleaned up after).
 */
import { spawn, type ChildProcessByStdio } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Readable, Writable } from 'node:stream';
import { afterAll, beforeAll, expect } from 'vitest';
import { startOidcIdp, type IdpOptions, type RunningIdp } from '../../src-main/demo/demo-idp';
import { clearKeychainService } from './context';

export const BIN = resolve(__dirname, '../../bin/authbench.js');

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Starts `authbench ...args` with `env` (the whole environment): stdout and stderr piped, stdin piped when
 * `pipeStdin` (the caller writes and ends it), otherwise ignored (/dev/null).
 */
export function spawnCli(
  args: string[],
  env: NodeJS.ProcessEnv,
  pipeStdin = false,
): ChildProcessByStdio<Writable | null, Readable, Readable> {
  const argv = [BIN, ...args];
  return pipeStdin
    ? spawn(process.execPath, argv, { env, stdio: ['pipe', 'pipe', 'pipe'] })
    : spawn(process.execPath, argv, { env, stdio: ['ignore', 'pipe', 'pipe'] });
}

/** `authbench ...args` with `env` (the whole environment); `stdin`, when given, is written and closed. */
export function runCli(args: string[], env: NodeJS.ProcessEnv, stdin?: string): Promise<CliResult> {
  return new Promise((done, fail) => {
    const child = spawnCli(args, env, stdin !== undefined);
    if (stdin !== undefined) child.stdin!.end(stdin);
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c) => (stdout += c));
    child.stderr.on('data', (c) => (stderr += c));
    child.on('error', fail);
    child.on('close', (code) => done({ code, stdout, stderr }));
  });
}

/**
 * oidc-provider on loopback with the public native client `cli-native` (no secret, RFC 8252): the authorization
 * code with PKCE and refresh tokens, a loopback redirect on any port, scopes `openid offline_access`; `options`
 * (all but the clients) go to startOidcIdp as they are, e.g. `requirePar`.
 */
export function startCliNativeIdp(options: Omit<IdpOptions, 'clients'> = {}): Promise<RunningIdp> {
  return startOidcIdp({
    ...options,
    clients: [
      {
        client_id: 'cli-native',
        token_endpoint_auth_method: 'none',
        grant_types: ['authorization_code', 'refresh_token'],
        redirect_uris: ['http://127.0.0.1/callback'],
        application_type: 'native',
        scope: 'openid offline_access',
      },
    ],
  });
}

/** An authorization-code profile of `cli-native` at `idp` for a profiles file, named `name`, with `fields` over it. */
export function cliNativeProfile(idp: RunningIdp, name: string, fields: Record<string, unknown> = {}) {
  return {
    grantType: 'authorization_code',
    name,
    identityProviderName: 'oidc-provider',
    clientId: 'cli-native',
    clientAuthMethod: 'none',
    authorizationUrl: `${idp.issuer}/auth`,
    tokenUrl: idp.tokenEndpoint,
    scopes: [{ key: 'scope', value: 'openid offline_access' }],
    ...fields,
  };
}

/** Fails the calling hook unless the CLI bundle the bin loads (out/main/cli.js) is built. */
export function expectCliBuilt(): void {
  expect(existsSync(resolve(__dirname, '../../out/main/cli.js')), 'run `npx electron-vite build` first').toBe(true);
}

/**
 * A `$BROWSER` command line that runs one of the scripts of test/helpers with Node, `flags` before the URL (`%s`):
 * `browser-login-cli.mjs` signs in with Chromium, `device-login-cli.mjs` approves a user code (RFC 8628).
 */
export function browserCommand(script: 'browser-login-cli.mjs' | 'device-login-cli.mjs', ...flags: string[]): string {
  return [process.execPath, resolve(__dirname, script), ...flags, '%s'].join(' ');
}

/** What one sandboxed run adds to the sandbox's environment, and what it writes to stdin. */
export interface CliRunOptions {
  /** Variables set over the sandbox's environment for this run; an `undefined` value removes the variable. */
  env?: NodeJS.ProcessEnv;
  /** Written to the child's stdin, which is then closed; without it stdin is ignored. */
  stdin?: string;
}

/** The temp dir, data dir and keychain service of a CLI test file, and the bin run inside them. */
export interface CliSandbox {
  /** The temp dir (mkdtemp), for the files a test writes; set by the sandbox's beforeAll. */
  readonly dir: string;
  /** `dir/data`, the `--data-dir` of every run (the CLI creates it, 0700). */
  readonly dataDir: string;
  /** The keychain service of every run (`AUTHBENCH_KEYCHAIN_SERVICE`), `authbench-test-<uuid>`, unique to the file. */
  readonly service: string;
  /** The environment of a run: process.env, the sandbox's `env`, the service, then `extra` (`undefined` removes). */
  env(extra?: NodeJS.ProcessEnv): NodeJS.ProcessEnv;
  /** `authbench --data-dir DATA ...args` in the sandbox's environment (runCli): exit code, stdout, stderr. */
  run(args: string[], options?: CliRunOptions): Promise<CliResult>;
  /** Starts `authbench --data-dir DATA ...args` for a test that reads the output as it comes (spawnCli). */
  spawn(args: string[], options?: { env?: NodeJS.ProcessEnv; pipeStdin?: boolean }): ReturnType<typeof spawnCli>;
  /**
   * Writes `profiles` as an `authbench.profiles/v1` document to `dir/<file>` (profiles.json by default) and runs
   * `authbench profiles import FILE ...args`; returns the run for the caller to check (nothing asserted here).
   */
  importProfiles(profiles: object[], options?: CliRunOptions & { file?: string; args?: string[] }): Promise<CliResult>;
}

/**
 * Registers a beforeAll that checks the CLI is built and makes a temp dir `<tmpdir>/<prefix>XXXXXX`, and an afterAll
 * that deletes every keychain entry of the sandbox's service, then the temp dir. Call it inside `describe` before
 * the file's own hooks: vitest runs beforeAll hooks in order and afterAll hooks in reverse, so the file's servers
 * start after the dir exists and close before it goes. `env`, called for each run, sets variables over
 * process.env for every run (`undefined` removes one). The methods may be destructured at once (`const { run } =`);
 * `dir` and `dataDir` throw until the beforeAll ran, so read them inside hooks and tests.
 */
export function useCliSandbox(prefix: string, options: { env?: () => NodeJS.ProcessEnv } = {}): CliSandbox {
  const service = `authbench-test-${randomUUID()}`;
  let dir: string | undefined;
  const ready = (): string => {
    if (dir === undefined) throw new Error('the CLI sandbox is made in beforeAll: read it in hooks and tests');
    return dir;
  };
  beforeAll(() => {
    expectCliBuilt();
    dir = mkdtempSync(join(tmpdir(), prefix));
  });
  afterAll(async () => {
    await clearKeychainService(service);
    if (dir) rmSync(dir, { recursive: true, force: true });
  });
  const sandbox: CliSandbox = {
    get dir() {
      return ready();
    },
    get dataDir() {
      return join(ready(), 'data');
    },
    service,
    env(extra = {}) {
      const env: NodeJS.ProcessEnv = {
        ...process.env,
        ...options.env?.(),
        AUTHBENCH_KEYCHAIN_SERVICE: service,
        ...extra,
      };
      for (const [name, value] of Object.entries(env)) if (value === undefined) delete env[name];
      return env;
    },
    run: (args, { env, stdin } = {}) => runCli(['--data-dir', sandbox.dataDir, ...args], sandbox.env(env), stdin),
    spawn: (args, { env, pipeStdin } = {}) =>
      spawnCli(['--data-dir', sandbox.dataDir, ...args], sandbox.env(env), pipeStdin),
    importProfiles: (profiles, { file = 'profiles.json', args = [], ...run } = {}) => {
      const path = join(ready(), file);
      writeFileSync(path, JSON.stringify({ format: 'authbench.profiles/v1', profiles }));
      return sandbox.run(['profiles', 'import', path, ...args], run);
    },
  };
  return sandbox;
}
