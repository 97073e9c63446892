/** Electron's file dialogs for import and export (the FileDialogs of context.ts). */
import type { BrowserWindow, Dialog } from 'electron';
import type { FileDialogs } from '../context';

const FILTERS = [
  { name: 'Authbench profiles', extensions: ['json'] },
  { name: 'All files', extensions: ['*'] },
];

export function electronDialogs(dialog: Pick<Dialog, 'showOpenDialog' | 'showSaveDialog'>, window: () => BrowserWindow | undefined): FileDialogs {
  return {
    async openProfiles() {
      const win = window();
      const options = { title: 'Import profiles', filters: FILTERS, properties: ['openFile' as const] };
      const result = win ? await dialog.showOpenDialog(win, options) : await dialog.showOpenDialog(options);
      return result.canceled ? null : (result.filePaths[0] ?? null);
    },
    async saveProfiles(defaultName) {
      const win = window();
      const options = { title: 'Export profiles', defaultPath: defaultName.replace(/[\\/:*?"<>|]/g, '_'), filters: FILTERS };
      const result = win ? await dialog.showSaveDialog(win, options) : await dialog.showSaveDialog(options);
      return result.canceled ? null : (result.filePath ?? null);
    },
  };
}
