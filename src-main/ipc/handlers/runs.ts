/**
 * `runs:list` and the reproductions of a run — `runs:save-har`, `runs:save-curl`, `runs:save-bundle` — over
 * stored, redacted runs (docs/security.md, "The redactor").
 */
import type { RunService } from '../../services/runs';
import type { FileDialogs } from '../file-dialogs';
import type { HandlerSlice } from '../router';

/** The channels of this slice. */
export type RunChannels = 'runs:list' | 'runs:save-har' | 'runs:save-curl' | 'runs:save-bundle';

/** Handlers over the run service; a cancelled save dialog answers `{ cancelled: true }`. */
export function runHandlers(runs: RunService, dialogs: FileDialogs): HandlerSlice<RunChannels> {
  const cancelled = { cancelled: true as const };
  return {
    'runs:list': ({ profileId, limit }) => runs.list(profileId, limit),
    'runs:save-har': async ({ runId }) => {
      const path = await dialogs.saveHar(runs.harFileName(runId));
      return path === null ? cancelled : runs.saveHar(runId, path);
    },
    'runs:save-curl': async ({ runId }) => {
      const path = await dialogs.saveCurl(runs.fileName(runId, 'sh'));
      return path === null ? cancelled : runs.saveCurl(runId, path);
    },
    'runs:save-bundle': async ({ runId }) => {
      const path = await dialogs.saveBundle(runs.fileName(runId, 'json'));
      return path === null ? cancelled : runs.saveBundle(runId, path);
    },
  };
}
