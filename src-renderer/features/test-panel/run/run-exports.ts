/**
 * The Test panel's reproductions of a run besides HAR: a cURL script and a support bundle. Main asks where and
 * writes the file from the stored, redacted run; the window never holds it.
 */
import { invoke, toClientError } from '../../../api/client';

/** Which reproduction to save: `curl` (sh script of curl commands) or `bundle` (support bundle JSON). */
export type RunExport = 'curl' | 'bundle';

const CHANNELS = { curl: 'runs:save-curl', bundle: 'runs:save-bundle' } as const;

/** Saves the run `runId` as `kind` through main's save dialog; resolves to a line for the user ('' when cancelled). */
export async function saveRunExport(kind: RunExport, runId: string): Promise<string> {
  try {
    const result = await invoke(CHANNELS[kind], { runId });
    return 'cancelled' in result ? '' : `Saved to ${result.path}`;
  } catch (err) {
    return `Not saved: ${toClientError(err).message}`;
  }
}
