/**
 * Wires the services of one running app or CLI: database, keychain, HTTP client, the profile, transfer,
 * run and test services, and the IPC router over them (docs/architecture.md, "Where things live").
 * The Electron glue, the CLI and the tests all start here.
 */
import type { Database } from 'better-sqlite3';
import { createEventBus, type EventBus } from './ipc/event-bus';
import { createRecordingClient, type HttpClient } from './http/recording-client';
import { dialogsOrUnavailable, type FileDialogs } from './ipc/file-dialogs';
import { createHandlers } from './ipc/handlers';
import { createRouter, type Router } from './ipc/router';
import { databasePath } from './paths';
import { createKeytarStore } from './secrets/keytar-store';
import type { SecretStore } from './secrets/secret-store';
import { ExpiryNotifier, type ExpiryNotice } from './services/expiry-notifier';
import { ProfileService } from './services/profiles';
import { RunService } from './services/runs';
import { TestRunner } from './services/test-runner';
import { BatchRunner } from './services/batch-runner';
import { TransferService } from './services/transfer';
import { openDatabase } from './store/db';
import { KeychainLedger } from './store/keychain-ledger';
import { afterPendingSecrets } from './store/pending-secrets';
import { ProfilesRepo } from './store/profiles-repo';
import { RunsRepo } from './store/runs-repo';
import { SettingsRepo } from './store/settings-repo';
import { TokenExpiryRepo } from './store/token-expiry-repo';
import { warningLeadMs } from '../src-shared/token-expiry';

export type { EventBus } from './ipc/event-bus';

/** Opens a URL in the system browser (RFC 8252 §8.12): Electron's shell in the app, $BROWSER in the CLI. */
export type BrowserOpener = (url: string) => Promise<void>;

/** What the host (app, CLI, test) supplies; `dialogs` is absent in the CLI, where those channels say so. */
export interface ContextOptions {
  dataDir: string;
  keychainService: string;
  /** Replace the keychain backend (tests use the real one, or wrap it; this is for a future backend). */
  secrets?: SecretStore;
  http?: HttpClient;
  dialogs?: FileDialogs;
  openBrowser?: BrowserOpener;
  log?: (message: string) => void;
  /** Shows an OS notification; when given, refresh-token expiry warnings run (services/expiry-notifier.ts). */
  notify?: (notice: ExpiryNotice) => void;
}

/** The services of one app or CLI process, and `close` to release the database. */
export interface AppContext {
  db: Database;
  secrets: SecretStore;
  profiles: ProfileService;
  transfer: TransferService;
  runs: RunService;
  tests: TestRunner;
  /** "Test all": batches of Tests through `tests`. */
  batches: BatchRunner;
  /** The recording HTTP client every Test and discovery sends through. */
  http: HttpClient;
  router: Router;
  events: EventBus;
  /** App settings (SQLite `settings`). */
  settings: SettingsRepo;
  /** The expiry facts of held tokens (SQLite `token_expiry`). */
  tokenExpiry: TokenExpiryRepo;
  /** Things to tell the user once at start-up (e.g. a corrupt database kept aside). */
  notices: string[];
  close(): void;
}

/** Opens the stores and builds the services. Throws AppError('database') when the database cannot open. */
export function createContext(options: ContextOptions): AppContext {
  const { db, movedAside } = openDatabase(databasePath(options.dataDir));
  const notices = movedAside
    ? [
        `The database could not be read and was kept aside as ${movedAside}; Authbench started with an empty one. ` +
          'Secrets stay in the OS keychain.',
      ]
    : [];
  // Secrets a migration took out of SQLite reach the keychain before its first use (store/pending-secrets.ts).
  const secrets = afterPendingSecrets(db, options.secrets ?? createKeytarStore(options.keychainService));
  const events = createEventBus();
  const profilesRepo = new ProfilesRepo(db);
  const profiles = new ProfileService({ repo: profilesRepo, ledger: new KeychainLedger(db), secrets });
  const runsRepo = new RunsRepo(db);
  const settings = new SettingsRepo(db);
  const tokenExpiry = new TokenExpiryRepo(db);
  const notifier = options.notify
    ? new ExpiryNotifier({
        rows: tokenExpiry,
        leadMs: () => {
          const current = settings.get();
          return current.expiryNotifications ? warningLeadMs(current) : null;
        },
        profileName: (id) => profilesRepo.get(id)?.profile.name,
        notify: options.notify,
      })
    : undefined;
  const transfer = new TransferService(profiles);
  const runs = new RunService(runsRepo, profiles);
  const http = options.http ?? createRecordingClient();
  const tests = new TestRunner({
    profiles,
    runs: runsRepo,
    http,
    openBrowser: options.openBrowser,
    onProgress: (p) => events.emit('test:progress', p),
    onTokenRefreshed: (profileId, token) => events.emit('token:refreshed', { profileId, token }),
    tokenExpiry: { repo: tokenExpiry, onChange: (id) => notifier?.reschedule(id) },
  });
  const batches = new BatchRunner({ tests, profiles, onProgress: (p) => events.emit('test:batch-progress', p) });
  const dialogs = dialogsOrUnavailable(options.dialogs);
  const handlers = createHandlers({
    ...{ profiles, transfer, runs, tests, batches, dialogs, http, settings },
    onSettingsChange: () => notifier?.settingsChanged(),
  });
  const router = createRouter(handlers, options.log);
  notifier?.start();
  const close = () => {
    notifier?.stop();
    db.close();
  };
  return {
    ...{ db, secrets, profiles, transfer, runs, tests, batches, http, router, events, settings, tokenExpiry },
    ...{ notices, close },
  };
}
