/**
 * The wiring of one app or CLI process's services (docs/architecture.md, "Where things live", "The CLI"): the
 * database, keychain and profile service are opened up front; every other service is built on first use, from
 * the modules the host hands in. `createContext` (context.ts) hands in all of them; the CLI hands in only what
 * its command uses, so `profiles list` never loads the Test engine and `test` never loads the IPC router.
 */
import type { Database } from 'better-sqlite3';
import { createEventBus, type EventBus } from './ipc/event-bus';
import type { FileDialogs } from './ipc/file-dialogs';
import type { Router } from './ipc/router';
import { createRecordingClient, type HttpClient } from './http/recording-client';
import { databasePath } from './paths';
import { createKeytarStore } from './secrets/keytar-store';
import type { SecretStore } from './secrets/secret-store';
import type { ExpiryNotice, ExpiryNotifier } from './services/expiry-notifier';
import { ProfileService } from './services/profiles';
import type { RunService } from './services/runs';
import type { TestRunner } from './services/test-runner';
import type { BatchRunner } from './services/batch-runner';
import type { TransferService } from './services/transfer';
import { openDatabase } from './store/db';
import { KeychainLedger } from './store/keychain-ledger';
import { afterPendingSecrets } from './store/pending-secrets';
import { ProfilesRepo } from './store/profiles-repo';
import { RunsRepo } from './store/runs-repo';
import { SettingsRepo } from './store/settings-repo';
import { TokenExpiryRepo } from './store/token-expiry-repo';
import { warningLeadMs } from '../src-shared/token-expiry';

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

/** The service modules a context builds from; one left out makes its service throw when first used. */
export interface ServiceModules {
  /** The profile schemas: every host hands them in, but a CLI command that reads no profile's fields. */
  schemas?: typeof import('../src-shared/profile');
  tests?: typeof import('./services/test-runner');
  batches?: typeof import('./services/batch-runner');
  transfer?: typeof import('./services/transfer');
  runs?: typeof import('./services/runs');
  notifier?: typeof import('./services/expiry-notifier');
  ipc?: typeof import('./ipc/handlers') & typeof import('./ipc/router') & typeof import('./ipc/file-dialogs');
}

/** The names `ServiceModules` knows, for hosts that choose which to load. */
export type ServiceModuleName = keyof ServiceModules;

function required<K extends ServiceModuleName>(modules: ServiceModules, name: K): NonNullable<ServiceModules[K]> {
  const loaded = modules[name];
  if (!loaded) throw new Error(`The ${name} service was not loaded for this context`);
  return loaded as NonNullable<ServiceModules[K]>;
}

/**
 * Opens the stores and the profile service, and defines the other services as getters that build each on first
 * use from `modules`. Throws AppError('database') when the database cannot open; a getter throws Error when its
 * module was not handed in (a host's mistake, not the user's).
 */
export function assembleContext(options: ContextOptions, modules: ServiceModules): AppContext {
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
  const schemas = () => required(modules, 'schemas');
  const profilesRepo = new ProfilesRepo(db, (data) => schemas().profileInput.parse(data));
  const profiles = new ProfileService({ repo: profilesRepo, ledger: new KeychainLedger(db), secrets, schemas });
  const settings = new SettingsRepo(db);
  const tokenExpiry = new TokenExpiryRepo(db);
  const http = options.http ?? createRecordingClient();
  let runsRepo: RunsRepo | undefined;
  const runsTable = () => (runsRepo ??= new RunsRepo(db));
  // Expiry warnings run only in the app (a `notify` given); they start with the context.
  const notifier: ExpiryNotifier | undefined = options.notify
    ? new (required(modules, 'notifier').ExpiryNotifier)({
        rows: tokenExpiry,
        leadMs: () => {
          const current = settings.get();
          return current.expiryNotifications ? warningLeadMs(current) : null;
        },
        profileName: (id) => profilesRepo.get(id)?.profile.name,
        notify: options.notify,
      })
    : undefined;
  const built: {
    transfer?: TransferService;
    runs?: RunService;
    tests?: TestRunner;
    batches?: BatchRunner;
    router?: Router;
  } = {};
  const ctx: AppContext = {
    ...{ db, secrets, profiles, http, events, settings, tokenExpiry, notices },
    get transfer() {
      return (built.transfer ??= new (required(modules, 'transfer').TransferService)(profiles));
    },
    get runs() {
      return (built.runs ??= new (required(modules, 'runs').RunService)(runsTable(), profiles));
    },
    get tests() {
      return (built.tests ??= new (required(modules, 'tests').TestRunner)({
        profiles,
        runs: runsTable(),
        http,
        openBrowser: options.openBrowser,
        onProgress: (p) => events.emit('test:progress', p),
        onTokenRefreshed: (profileId, token) => events.emit('token:refreshed', { profileId, token }),
        tokenExpiry: { repo: tokenExpiry, onChange: (id) => notifier?.reschedule(id) },
      }));
    },
    get batches() {
      const tests = ctx.tests;
      return (built.batches ??= new (required(modules, 'batches').BatchRunner)({
        tests,
        profiles,
        onProgress: (p) => events.emit('test:batch-progress', p),
      }));
    },
    get router() {
      if (built.router) return built.router;
      const ipc = required(modules, 'ipc');
      const { transfer, runs, tests, batches } = ctx;
      const handlers = ipc.createHandlers({
        ...{ profiles, transfer, runs, tests, batches, http, settings },
        dialogs: ipc.dialogsOrUnavailable(options.dialogs),
        onSettingsChange: () => notifier?.settingsChanged(),
      });
      return (built.router = ipc.createRouter(handlers, options.log));
    },
    close() {
      notifier?.stop();
      db.close();
    },
  };
  notifier?.start();
  return ctx;
}
