/**
 * The application shell: a top bar (with Settings) and the current screen (the profile list or one profile).
 * Loads the list and the settings, and starts listening for `test:progress` once.
 */
import { useEffect } from 'react';
import { ProfileList } from './features/profiles/profile-list';
import { ProfilePage } from './features/profiles/profile-page';
import { useProfilesStore } from './features/profiles/profiles-store';
import { SettingsButton } from './features/settings/settings-dialog';
import { useSettingsStore } from './features/settings/settings-store';
import { listenForProgress } from './features/test-panel/test-store';

/** The root component. */
export function App() {
  const route = useProfilesStore((s) => s.route);

  useEffect(() => {
    void useProfilesStore.getState().loadList();
    void useSettingsStore.getState().load();
    return listenForProgress();
  }, []);

  return (
    <div className="app">
      <header className="top-bar">
        <span className="top-bar__brand" aria-hidden="true">
          ◆
        </span>
        <span className="top-bar__title">Authbench</span>
        <span className="top-bar__tagline">OAuth 2.0 authorization profiles</span>
        <span className="spacer" />
        <SettingsButton />
      </header>
      <main className="content">{route.kind === 'list' ? <ProfileList /> : <ProfilePage />}</main>
    </div>
  );
}
