/** `runs:list` and `runs:save-har`: stored, redacted runs (docs/security.md, "The redactor"). */
import type { RunService } from '../../services/runs';
import type { FileDialogs } from '../file-dialogs';
import type { HandlerSlice } from '../router';

/** The channels of this slice. */
export type RunChannels = 'runs:list' | 'runs:save-har';

/** Handlers over the run service; a cancelled save dialog answers `{ cancelled: true }`. */
export function runHandlers(runs: RunService, dialogs: FileDialogs): HandlerSlice<RunChannels> {
  return {
    'runs:list': ({ profileId, limit }) => runs.list(profileId, limit),
    'runs:save-har': async ({ runId }) => {
      const path = await dialogs.saveHar(runs.harFileName(runId));
      return path === null ? { cancelled: true as const } : runs.saveHar(runId, path);
    },
  };
}
