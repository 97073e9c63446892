/**
 * Electron's dialogs for import, export, HAR, cURL and support-bundle files, and main's own confirmation before an export with
 * secrets (the FileDialogs of ipc/file-dialogs.ts; docs/security.md, "Where each secret lives").
 */
import type { BrowserWindow, Dialog, MessageBoxOptions, OpenDialogOptions, SaveDialogOptions } from 'electron';
import type { FileDialogs } from '../ipc/file-dialogs';

const PROFILES = [
  { name: 'Authbench profiles', extensions: ['json'] },
  { name: 'All files', extensions: ['*'] },
];
/** What Import… opens: Authbench files and the other tools' (docs/architecture.md, "Import from other tools"). */
const IMPORTABLE = [
  { name: 'Profiles, Postman, Insomnia, Bruno, cURL', extensions: ['json', 'yaml', 'yml', 'bru', 'sh', 'txt', 'curl'] },
  { name: 'All files', extensions: ['*'] },
];
const HAR = [{ name: 'HTTP Archive', extensions: ['har'] }];
const CURL = [{ name: 'Shell script', extensions: ['sh'] }];
const BUNDLE = [{ name: 'Support bundle', extensions: ['json'] }];

/** A file name without characters the OS file systems refuse. */
const safeName = (name: string) => name.replace(/[\\/:*?"<>|]/g, '_');

/** The message box main shows before an export with secrets: Cancel is the default and the Escape answer. */
export function exportWithSecretsMessage(count: number): MessageBoxOptions {
  const profiles = count === 1 ? '1 profile' : `${count} profiles`;
  return {
    type: 'warning',
    title: 'Export with secrets',
    message: `Export ${profiles} with their secrets in plain text?`,
    detail:
      'The file will hold client secrets, passwords and private keys unencrypted. Anyone who can read it can ' +
      'use them: share it only over a secure channel, and delete it when done.',
    buttons: ['Cancel', 'Export with secrets'],
    defaultId: 0,
    cancelId: 0,
    noLink: true,
  };
}

/** FileDialogs over Electron's `dialog`, attached to the app's window when there is one. */
export function electronDialogs(
  dialog: Pick<Dialog, 'showOpenDialog' | 'showSaveDialog' | 'showMessageBox'>,
  window: () => BrowserWindow | undefined,
): FileDialogs {
  const open = async (options: OpenDialogOptions) => {
    const win = window();
    const result = win ? await dialog.showOpenDialog(win, options) : await dialog.showOpenDialog(options);
    return result.canceled ? null : (result.filePaths[0] ?? null);
  };
  const save = async (options: SaveDialogOptions) => {
    const win = window();
    const result = win ? await dialog.showSaveDialog(win, options) : await dialog.showSaveDialog(options);
    return result.canceled ? null : (result.filePath ?? null);
  };
  const ask = async (options: MessageBoxOptions) => {
    const win = window();
    return (win ? await dialog.showMessageBox(win, options) : await dialog.showMessageBox(options)).response;
  };
  return {
    openProfiles: () => open({ title: 'Import profiles', filters: IMPORTABLE, properties: ['openFile'] }),
    saveProfiles: (defaultName) =>
      save({ title: 'Export profiles', defaultPath: safeName(defaultName), filters: PROFILES }),
    saveHar: (defaultName) => save({ title: 'Save the run as HAR', defaultPath: safeName(defaultName), filters: HAR }),
    saveCurl: (defaultName) =>
      save({ title: 'Save the run as cURL commands', defaultPath: safeName(defaultName), filters: CURL }),
    saveBundle: (defaultName) =>
      save({ title: 'Save a support bundle', defaultPath: safeName(defaultName), filters: BUNDLE }),
    confirmExportWithSecrets: async (count) => (await ask(exportWithSecretsMessage(count))) === 1,
  };
}
