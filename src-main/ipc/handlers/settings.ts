/** `settings:*`: the app settings stored in SQLite (src-shared/token-expiry.ts), read and changed. */
import type { AppSettings } from '../../../src-shared/token-expiry';
import type { SettingsRepo } from '../../store/settings-repo';
import type { HandlerSlice } from '../router';

/** The channels of this slice. */
export type SettingsChannels = 'settings:get' | 'settings:update';

/** Handlers over the settings table; `onChange` hears every update (the expiry notifier re-plans). */
export function settingsHandlers(
  settings: SettingsRepo,
  onChange: (settings: AppSettings) => void = () => {},
): HandlerSlice<SettingsChannels> {
  return {
    'settings:get': () => settings.get(),
    'settings:update': (patch) => {
      const updated = settings.update(patch);
      onChange(updated);
      return updated;
    },
  };
}
