/**
 * Every IPC handler, joined from one slice per domain. The return type is the full {@link Handlers} map, so
 * a contract channel that no slice handles is a compile error (docs/architecture.md, "The IPC contract").
 */
import type { HttpClient } from '../../http/recording-client';
import type { BatchRunner } from '../../services/batch-runner';
import type { ProfileService } from '../../services/profiles';
import type { RunService } from '../../services/runs';
import type { TestRunner } from '../../services/test-runner';
import { TokenTools } from '../../services/token-tools';
import type { TransferService } from '../../services/transfer';
import type { SettingsRepo } from '../../store/settings-repo';
import type { AppSettings } from '../../../src-shared/token-expiry';
import type { FileDialogs } from '../file-dialogs';
import type { Handlers } from '../router';
import { batchHandlers } from './batch';
import { discoveryHandlers } from './discovery';
import { profileHandlers } from './profiles';
import { runHandlers } from './runs';
import { settingsHandlers } from './settings';
import { testHandlers } from './tests';
import { tokenHandlers } from './tokens';
import { transferHandlers } from './transfer';

/** The services the handlers call; `dialogs` answers null when the user cancels. */
export interface HandlerServices {
  profiles: ProfileService;
  transfer: TransferService;
  runs: RunService;
  tests: TestRunner;
  /** "Test all": batches of Tests. */
  batches: BatchRunner;
  dialogs: FileDialogs;
  /** The recording client discovery fetches go through. */
  http: HttpClient;
  settings: SettingsRepo;
  /** Hears each settings change (the expiry notifier re-plans). */
  onSettingsChange?: (settings: AppSettings) => void;
}

/** The handler of every channel of src-shared/ipc.ts. */
export function createHandlers(services: HandlerServices): Handlers {
  const { profiles, transfer, runs, tests, batches, dialogs, http, settings, onSettingsChange } = services;
  return {
    ...profileHandlers(profiles),
    ...discoveryHandlers(profiles, http),
    ...transferHandlers(transfer, dialogs),
    ...runHandlers(runs, dialogs),
    ...testHandlers(tests),
    ...batchHandlers(batches),
    ...tokenHandlers(
      tests,
      new TokenTools({ profiles, record: (run) => runs.record(run), http, tokens: tests.tokens }),
    ),
    ...settingsHandlers(settings, onSettingsChange),
  };
}
