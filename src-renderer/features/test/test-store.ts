/**
 * The Test feature's state, per profile: whether a Test is running, the latest `test:progress` message,
 * and the last TestRun (or the error that kept a Test from starting). All calls go through api/client.
 */
import { create } from 'zustand';
import type { TestProgress, TestRun } from '../../../src-shared/test-run';
import { invoke, subscribe, toClientError, type ClientError } from '../../api/client';

/** The Test state of one profile. */
export interface TestEntry {
  running: boolean;
  cancelling: boolean;
  /** The latest progress message of the running Test. */
  progress: string | null;
  run: TestRun | null;
  /** Why the Test could not start or finish (e.g. not_configured, keychain_unavailable). */
  error: ClientError | null;
}

const IDLE: TestEntry = { running: false, cancelling: false, progress: null, run: null, error: null };

interface TestState {
  byProfile: Record<string, TestEntry>;
  run(profileId: string): Promise<void>;
  cancel(profileId: string): Promise<void>;
  forget(profileId: string): void;
  /** Applies one `test:progress` event. */
  progress(event: TestProgress): void;
}

export const useTestStore = create<TestState>()((set, get) => {
  const patch = (profileId: string, change: Partial<TestEntry>) =>
    set((s) => ({ byProfile: { ...s.byProfile, [profileId]: { ...(s.byProfile[profileId] ?? IDLE), ...change } } }));

  return {
    byProfile: {},

    async run(profileId) {
      if (get().byProfile[profileId]?.running) return;
      patch(profileId, { running: true, cancelling: false, progress: 'Starting…', error: null });
      try {
        const run = await invoke('test:run', { profileId });
        patch(profileId, { running: false, cancelling: false, progress: null, run, error: null });
      } catch (err) {
        patch(profileId, { running: false, cancelling: false, progress: null, run: null, error: toClientError(err) });
      }
    },

    async cancel(profileId) {
      if (!get().byProfile[profileId]?.running) return;
      patch(profileId, { cancelling: true, progress: 'Cancelling…' });
      try {
        await invoke('test:cancel', { profileId });
      } catch (err) {
        patch(profileId, { cancelling: false, error: toClientError(err) });
      }
    },

    forget(profileId) {
      set((s) => {
        const { [profileId]: _dropped, ...rest } = s.byProfile;
        return { byProfile: rest };
      });
    },

    progress(event) {
      const entry = get().byProfile[event.profileId];
      if (entry?.running && !entry.cancelling && event.step !== 'done') patch(event.profileId, { progress: event.message });
    },
  };
});

/** The Test state of one profile (idle when it was never tested in this session). */
export function useTestEntry(profileId: string | null): TestEntry {
  return useTestStore((s) => (profileId ? (s.byProfile[profileId] ?? IDLE) : IDLE));
}

/** Feeds `test:progress` events from main into the store; returns the unsubscribe function. */
export function listenForProgress(): () => void {
  return subscribe('test:progress', (event) => useTestStore.getState().progress(event));
}
