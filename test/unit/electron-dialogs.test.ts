/** Main's own "Export with secrets" question over Electron's dialog: titled so, Cancel by default, on the window. */
import type { BrowserWindow, Dialog, MessageBoxOptions } from 'electron';
import { describe, expect, it } from 'vitest';
import { electronDialogs } from '../../src-main/app/dialogs';

describe('electronDialogs.confirmExportWithSecrets', () => {
  it('asks with a title that says so, and confirms only on the export button', async () => {
    const asked: Array<{ win: unknown; options: MessageBoxOptions }> = [];
    let response = 0;
    const win = { id: 1 } as unknown as BrowserWindow;
    const dialog = {
      showMessageBox: async (w: unknown, options: MessageBoxOptions) => {
        asked.push({ win: w, options });
        return { response, checkboxChecked: false };
      },
    } as unknown as Pick<Dialog, 'showOpenDialog' | 'showSaveDialog' | 'showMessageBox'>;
    const dialogs = electronDialogs(dialog, () => win);

    expect(await dialogs.confirmExportWithSecrets(3)).toBe(false);
    response = 1;
    expect(await dialogs.confirmExportWithSecrets(1)).toBe(true);
    expect(asked.map((a) => a.win)).toEqual([win, win]);
    const [first, second] = asked.map((a) => a.options);
    expect(first).toMatchObject({ title: 'Export with secrets', defaultId: 0, cancelId: 0 });
    expect(first!.message).toBe('Export 3 profiles with their secrets in plain text?');
    expect(second!.message).toBe('Export 1 profile with their secrets in plain text?');
    expect(first!.buttons![1]).toBe('Export with secrets');
  });
});
