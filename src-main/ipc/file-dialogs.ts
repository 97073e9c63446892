/**
 * The OS file dialogs the import, export, HAR, cURL and support-bundle channels ask for a path or a confirmation (docs/architecture.md,
 * "The IPC contract"): Electron's in the app (src-main/app/dialogs.ts), none in the CLI, stand-ins in tests.
 */
import { AppError } from '../../src-shared/errors';

/** The OS file dialogs; each resolves to the chosen path, or null when the user cancels. */
export interface FileDialogs {
  openProfiles(): Promise<string | null>;
  saveProfiles(defaultName: string): Promise<string | null>;
  saveHar(defaultName: string): Promise<string | null>;
  saveCurl(defaultName: string): Promise<string | null>;
  saveBundle(defaultName: string): Promise<string | null>;
  /**
   * Main's own question before `count` profiles are written with their secrets in plain text, so a window
   * alone cannot export them (docs/security.md, "Where each secret lives"); true only when the user confirms.
   */
  confirmExportWithSecrets(count: number): Promise<boolean>;
}

/** `dialogs`, or dialogs whose every call throws AppError('unavailable') when the host has none (the CLI). */
export function dialogsOrUnavailable(dialogs: FileDialogs | undefined): FileDialogs {
  if (dialogs) return dialogs;
  const refuse = async (): Promise<never> => {
    throw new AppError('unavailable', 'File dialogs are not available here; use the CLI to import or export');
  };
  return {
    openProfiles: refuse,
    saveProfiles: refuse,
    saveHar: refuse,
    saveCurl: refuse,
    saveBundle: refuse,
    confirmExportWithSecrets: refuse,
  };
}
