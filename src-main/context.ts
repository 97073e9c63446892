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
import { ProfilesRepo } from './store/profiles-repo';
import { RunsRepo } from './store/runs-repo';
import { databasePath } from './paths';

export interface ContextOptions {
  dataDir: string;
  keychainService: string;
  /** Replace the keychain backend (tests use the real one; this is for a future backend). */
  secrets?: SecretStore;
  http?: HttpClient;
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
  close(): void;
}

/** Opens the stores and builds the services. Throws AppError('database') when the database cannot open. */
export function createContext(options: ContextOptions): AppContext {
  const db = openDatabase(databasePath(options.dataDir));
  const secrets = options.secrets ?? createKeytarStore(options.keychainService);
  const emitter = new EventEmitter();
  const events: EventBus = {
    emit: (event, payload) => void emitter.emit(event, payload),
    on: (event, listener) => {
      emitter.on(event, listener);
      return () => void emitter.off(event, listener);
    },
  };
  const profiles = new ProfileService({ repo: new ProfilesRepo(db), secrets });
  const tests = new TestRunner({
    profiles,
    runs: new RunsRepo(db),
    http: options.http ?? createRecordingClient(),
    onProgress: (p) => events.emit('test:progress', p),
  });
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
      'test:run': ({ profileId, timeoutMs }) => tests.run(profileId, { timeoutMs }),
      'test:cancel': ({ profileId }) => ({ cancelled: tests.cancel(profileId) }),
    },
    options.log,
  );
  return { db, secrets, profiles, tests, router, events, close: () => db.close() };
}
