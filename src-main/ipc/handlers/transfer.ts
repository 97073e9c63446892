/**
 * `profiles:import`, `profiles:import-apply` and `profiles:export`: main asks the OS dialog for the path and
 * reads or writes the file itself, so carried secrets never pass through the window; an import is previewed,
 * then applied with the window's choice per clashing name (docs/security.md, "Where each secret lives").
 */
import type { TransferService } from '../../services/transfer';
import type { FileDialogs } from '../file-dialogs';
import type { HandlerSlice } from '../router';

/** The channels of this slice. */
export type TransferChannels = 'profiles:import' | 'profiles:import-apply' | 'profiles:export';

/** Handlers over the transfer service; a cancelled dialog answers `{ cancelled: true }`. */
export function transferHandlers(transfer: TransferService, dialogs: FileDialogs): HandlerSlice<TransferChannels> {
  return {
    'profiles:import': async () => {
      const path = await dialogs.openProfiles();
      return path === null ? { cancelled: true as const } : transfer.previewFile(path);
    },
    'profiles:import-apply': ({ importId, choices }) =>
      transfer.applyPreview(importId, new Map(choices.map((c) => [c.index, c.choice]))),
    'profiles:export': async ({ ids, includeSecrets, format }) => {
      const defaultName = transfer.exportFileName(ids, format); // refuses an unknown id before any dialog opens
      if (includeSecrets && !(await dialogs.confirmExportWithSecrets(ids.length))) return { cancelled: true as const };
      const path = await dialogs.saveProfiles(defaultName);
      return path === null ? { cancelled: true as const } : transfer.exportToFile(path, ids, includeSecrets, format);
    },
  };
}
