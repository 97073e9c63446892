/** Electron's file dialogs for import, export and HAR files (the FileDialogs of ipc/file-dialogs.ts). */
import type { BrowserWindow, Dialog, OpenDialogOptions, SaveDialogOptions } from 'electron';
import type { FileDialogs } from '../ipc/file-dialogs';

const PROFILES = [
  { name: 'Authbench profiles', extensions: ['json'] },
  { name: 'All files', extensions: ['*'] },
];
const HAR = [{ name: 'HTTP Archive', extensions: ['har'] }];

/** A file name without characters the OS file systems refuse. */
const safeName = (name: string) => name.replace(/[\\/:*?"<>|]/g, '_');

export function electronDialogs(
  dialog: Pick<Dialog, 'showOpenDialog' | 'showSaveDialog'>,
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
  return {
    openProfiles: () => open({ title: 'Import profiles', filters: PROFILES, properties: ['openFile'] }),
    saveProfiles: (defaultName) =>
      save({ title: 'Export profiles', defaultPath: safeName(defaultName), filters: PROFILES }),
    saveHar: (defaultName) => save({ title: 'Save the run as HAR', defaultPath: safeName(defaultName), filters: HAR }),
  };
}
