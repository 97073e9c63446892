/**
 * The app settings as the renderer knows them (`settings:get` / `settings:update`, stored by main in SQLite):
 * the refresh-token expiry warning lead the list's "Expires soon" uses, and whether the OS notification fires.
 */
import { create } from 'zustand';
import { DEFAULT_SETTINGS, type AppSettings } from '../../../src-shared/token-expiry';
import { invoke, toClientError, type ClientError } from '../../api/client';

interface SettingsState {
  /** The defaults until `load` answers. */
  settings: AppSettings;
  load(): Promise<void>;
  /** Stores `patch`; resolves null on success, else the error to show. */
  update(patch: Partial<AppSettings>): Promise<ClientError | null>;
}

/** The settings store (a zustand hook). */
export const useSettingsStore = create<SettingsState>()((set) => ({
  settings: DEFAULT_SETTINGS,
  async load() {
    try {
      set({ settings: await invoke('settings:get', {}) });
    } catch {
      // The defaults stand; the dialog shows an error when a change cannot be stored.
    }
  },
  async update(patch) {
    try {
      set({ settings: await invoke('settings:update', patch) });
      return null;
    } catch (err) {
      return toClientError(err);
    }
  },
}));
