/**
 * `profiles:import` and `profiles:export`: main asks the OS dialog for the path and reads or writes the
 * file itself, so carried secrets never pass through the window (docs/security.md, "Where each secret lives").
 */
import type { TransferService } from '../../services/transfer';
import type { FileDialogs } from '../file-dialogs';
import type { HandlerSlice } from '../router';

/** The channels of this slice. */
export type TransferChannels = 'profiles:import' | 'profiles:export';

/** Handlers over the transfer service; a cancelled dialog answers `{ cancelled: true }`. */
export function transferHandlers(transfer: TransferService, dialogs: FileDialogs): HandlerSlice<TransferChannels> {
  return {
    'profiles:import': async () => {
      const path = await dialogs.openProfiles();
      return path === null ? { cancelled: true as const } : transfer.importFile(path);
    },
    'profiles:export': async ({ ids, includeSecrets }) => {
      const path = await dialogs.saveProfiles(transfer.exportFileName(ids));
      return path === null ? { cancelled: true as const } : transfer.exportToFile(path, ids, includeSecrets);
    },
  };
}
