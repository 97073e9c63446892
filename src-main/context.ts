/**
 * Wires the services of one running app or test: database, keychain, HTTP client, the profile, transfer,
 * run and test services, and the IPC router over them (docs/architecture.md, "Where things live").
 * The Electron glue and the tests start here; the CLI loads only the modules its command uses
 * (cli/context.ts, over the same context-core.ts).
 */
import * as handlers from './ipc/handlers';
import * as router from './ipc/router';
import * as fileDialogs from './ipc/file-dialogs';
import * as notifier from './services/expiry-notifier';
import * as runs from './services/runs';
import * as tests from './services/test-runner';
import * as batches from './services/batch-runner';
import * as transfer from './services/transfer';
import * as schemas from '../src-shared/profile';
import { assembleContext, type AppContext, type ContextOptions } from './context-core';

export type { EventBus } from './ipc/event-bus';
export type { AppContext, BrowserOpener, ContextOptions } from './context-core';

/**
 * Opens the stores and the profile service; every other service is built on its first use (context-core.ts).
 * Throws AppError('database') when the database cannot open.
 */
export function createContext(options: ContextOptions): AppContext {
  return assembleContext(options, {
    ...{ schemas, tests, batches, transfer, runs, notifier },
    ipc: { ...handlers, ...router, ...fileDialogs },
  });
}
