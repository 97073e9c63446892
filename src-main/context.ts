/**
 * Wires the services of one running app or CLI: database, keychain, HTTP client, profile and test
 * services, and the IPC router over them. The Electron glue, the CLI and the tests all start here.
 */
import { EventEmitter } from 'node:events';
import type { Database } from 'better-sqlite3';
import type { Events } from '../src-shared/ipc';
import { createRecordingClient, type HttpClient } from './http/recording-client';
import { createRouter, type Router } from './ipc/router';
import { createKeytarStore } from './secrets/keytar-store';
import type { SecretStore } from './secrets/secret-store';
import { ProfileService } from './services/profiles';
import { TestRunner } from './services/test-runner';
import { openDatabase } from './store/db';
import { KeychainLedger } from './store/keychain-ledger';
import { ProfilesRepo } from './store/profiles-repo';
import { RunsRepo } from './store/runs-repo';
import { databasePath } from './paths';
import { AppError } from '../src-shared/errors';
import { exportProfiles, importProfiles } from './services/transfer';
import { readFile, writeFile } from 'node:fs/promises';

/** The OS file dialogs (Electron's in the app); each resolves to a path, or null when the user cancels. */
export interface FileDialogs {
  openProfiles(): Promise<string | null>;
  saveProfiles(defaultName: string): Promise<string | null>;
  saveHar(defaultName: string): Promise<string | null>;
}

/** Opens a URL in the system browser (RFC 8252 §8.12): Electron's shell in the app, $BROWSER in the CLI. */
export type BrowserOpener = (url: string) => Promise<void>;

export interface ContextOptions {
  dataDir: string;
  keychainService: string;
  /** Replace the keychain backend (tests use the real one; this is for a future backend). */
  secrets?: SecretStore;
  http?: HttpClient;
  dialogs?: FileDialogs;
  openBrowser?: BrowserOpener;
  log?: (message: string) => void;
}

/** Typed event bus for main → renderer pushes. */
export interface EventBus {
  emit<E extends keyof Events>(event: E, payload: Events[E]): void;
  on<E extends keyof Events>(event: E, listener: (payload: Events[E]) => void): () => void;
}

export interface AppContext {
  db: Database;
  secrets: SecretStore;
  profiles: ProfileService;
  tests: TestRunner;
  router: Router;
  events: EventBus;
  /** Things to tell the user once at start-up (e.g. a corrupt database kept aside). */
  notices: string[];
  close(): void;
}

/** Opens the stores and builds the services. Throws AppError('database') when the database cannot open. */
export function createContext(options: ContextOptions): AppContext {
  const { db, movedAside } = openDatabase(databasePath(options.dataDir));
  const notices = movedAside
    ? [`The database could not be read and was kept aside as ${movedAside}; Authbench started with an empty one. Secrets stay in the OS keychain.`]
    : [];
  const secrets = options.secrets ?? createKeytarStore(options.keychainService);
  const emitter = new EventEmitter();
  const events: EventBus = {
    emit: (event, payload) => void emitter.emit(event, payload),
    on: (event, listener) => {
      emitter.on(event, listener);
      return () => void emitter.off(event, listener);
    },
  };
  const profiles = new ProfileService({ repo: new ProfilesRepo(db), ledger: new KeychainLedger(db), secrets });
  const runs = new RunsRepo(db);
  const tests = new TestRunner({
    profiles,
    runs,
    http: options.http ?? createRecordingClient(),
    openBrowser: options.openBrowser,
    onProgress: (p) => events.emit('test:progress', p),
    onTokenRefreshed: (profileId, token) => events.emit('token:refreshed', { profileId, token }),
  });
  const dialogs = () => {
    if (!options.dialogs) throw new AppError('unavailable', 'File dialogs are not available here; use the CLI to import or export');
    return options.dialogs;
  };
  const router = createRouter(
    {
      'profiles:list': () => profiles.list(),
      'profiles:get': ({ id }) => profiles.get(id),
      'profiles:create': ({ profile, secrets: patch }) => profiles.create(profile, patch),
      'profiles:update': ({ id, profile, secrets: patch }) => profiles.update(id, profile, patch),
      'profiles:delete': async ({ id }) => {
        await profiles.delete(id);
        return { deleted: true as const };
      },
      'profiles:duplicate': ({ id, name, copySecrets }) => profiles.duplicate(id, name, copySecrets),
      'profiles:import': async () => {
        const path = await dialogs().openProfiles();
        if (!path) return { cancelled: true as const };
        return { path, entries: await importProfiles(profiles, await readFile(path, 'utf8')) };
      },
      'profiles:export': async ({ ids, includeSecrets }) => {
        const views = await Promise.all(ids.map((id) => profiles.get(id)));
        const path = await dialogs().saveProfiles(views.length === 1 ? `${views[0]!.name}.authbench.json` : 'profiles.authbench.json');
        if (!path) return { cancelled: true as const };
        await writeFile(path, await exportProfiles(profiles, views, includeSecrets), { mode: 0o600 });
        return { path, count: views.length, includedSecrets: includeSecrets };
      },
      'test:run': ({ profileId, tenant, formValues, timeoutMs }) => tests.run(profileId, { tenant, formValues, timeoutMs }),
      'test:cancel': ({ profileId }) => ({ cancelled: tests.cancel(profileId) }),
      'runs:list': async ({ profileId, limit }) => {
        await profiles.get(profileId);
        return runs.latest(profileId, limit);
      },
      'runs:save-har': async ({ runId }) => {
        const run = runs.get(runId);
        if (!run) throw new AppError('not_found', 'No such run (its profile may have been deleted)');
        const stamp = run.startedAt.replace(/[:.]/g, '-');
        const path = await dialogs().saveHar(`${run.profile} ${stamp}.har`);
        if (!path) return { cancelled: true as const };
        const [{ toHar }, { APP_VERSION }] = await Promise.all([import('./http/har'), import('./version')]);
        await writeFile(path, `${JSON.stringify(toHar(run, APP_VERSION), null, 2)}\n`, { mode: 0o600 });
        return { path };
      },
      'tokens:get': ({ profileId }) => tests.tokenState(profileId),
      'tokens:refresh': ({ profileId }) => tests.refreshNow(profileId),
      'tokens:forget': async ({ profileId }) => ({ forgotten: await tests.forgetToken(profileId) }),
    },
    options.log,
  );
  return { db, secrets, profiles, tests, router, events, notices, close: () => db.close() };
}
