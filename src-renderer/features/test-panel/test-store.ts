/**
 * The Test feature's state, per profile: the Test dialog request, the running Test (current step, the
 * steps seen, Cancel), the run shown (the latest, or one picked from the history) and the history of
 * stored runs. Values typed in the dialog pass through `run` to main and are never kept here.
 * All calls go through api/client.
 */
import { create } from 'zustand';
import type { DeviceWaiting, SignInWaiting, TestProgress, TestRun } from '../../../src-shared/test-run';
import type { TokenHint, TokenTool } from '../../../src-shared/token-tools';
import { invoke, subscribe, toClientError, type ClientError } from '../../api/client';
import type { ProgressStep } from './run/progress-steps';
import { needsTestInput, type TestInput } from './dialogs/test-input';
import { listenForTokens, useTokenStore } from './token/token-store';

/** How many stored runs the history shows. */
export const HISTORY_LIMIT = 10;

/** The Test state of one profile. */
export interface TestEntry {
  /** The Test dialog is open (the Test needs a tenant or credentials first). */
  asking: boolean;
  running: boolean;
  cancelling: boolean;
  /** The latest `test:progress` step and message of the running Test. */
  step: ProgressStep | null;
  progress: string | null;
  /** Steps reached so far, in order, each once. */
  stepsSeen: ProgressStep[];
  /** The browser sign-in the running Test waits for (authorization URL redacted by main), else null. */
  signIn: SignInWaiting | null;
  /** The approval a running device-code Test waits for (RFC 8628 §3.3: the user code to show), else null. */
  device: DeviceWaiting | null;
  /** The run shown in the panel. */
  run: TestRun | null;
  /** True when `run` was picked from the history rather than being the newest. */
  pinned: boolean;
  /** Stored runs, newest first (at most HISTORY_LIMIT). */
  history: TestRun[];
  /** Why the Test could not start or finish (e.g. not_configured, invalid_request). */
  error: ClientError | null;
  /** The tenant of the last Test (not a secret), offered again by the dialog. */
  lastTenant: string;
  /** Main's objections to what the dialog sent (dialog input name -> message); the dialog reopens with them. */
  inputErrors: Record<string, string>;
}

const IDLE: TestEntry = {
  asking: false,
  running: false,
  cancelling: false,
  step: null,
  progress: null,
  stepsSeen: [],
  signIn: null,
  device: null,
  run: null,
  pinned: false,
  history: [],
  error: null,
  lastTenant: '',
  inputErrors: {},
};

/**
 * The dialog inputs an `invalid_request` from main names (`tenant`, `formValues.<key>`), as dialog input
 * names; empty when the error is about something else (then it is shown in the panel).
 */
export function dialogErrors(err: ClientError): Record<string, string> {
  if (err.code !== 'invalid_request') return {};
  const out: Record<string, string> = {};
  // With one issue, main's whole message says most (e.g. which URL the tenant would have changed).
  const text = (message: string) => (err.issues.length === 1 ? err.message : message);
  for (const issue of err.issues) {
    if (issue.path === 'tenant') out.tenant = text(issue.message);
    else if (issue.path.startsWith('formValues.'))
      out[`field.${issue.path.slice('formValues.'.length)}`] = text(issue.message);
  }
  return out;
}

interface TestState {
  byProfile: Record<string, TestEntry>;
  /**
   * Tests the saved profile. Without `input` (e.g. from the profile list) it first reads the profile
   * and opens the Test dialog when the profile needs a tenant or credentials.
   */
  run(profileId: string, input?: TestInput): Promise<void>;
  /** Opens / closes the Test dialog. */
  ask(profileId: string): void;
  dismiss(profileId: string): void;
  /** Saves a stored run as a HAR file through main's save dialog; resolves to a line for the user. */
  saveHar(runId: string): Promise<string>;
  cancel(profileId: string): Promise<void>;
  /** Asks main to open the browser again on the waiting sign-in's real URL; resolves to a line for the user. */
  openBrowserAgain(profileId: string): Promise<string>;
  /** Reads the stored runs; shows the newest when nothing is shown yet. */
  loadHistory(profileId: string): Promise<void>;
  /** Shows a run from the history (or, with null, the newest again). */
  show(profileId: string, run: TestRun | null): void;
  /** Refreshes the stored token now and shows the refresh exchange as a run. */
  refreshToken(profileId: string): Promise<void>;
  /** Runs a token tool (Introspect, Revoke, UserInfo) on the held token and shows its run like Refresh now. */
  tokenTool(profileId: string, tool: TokenTool, which?: TokenHint): Promise<void>;
  /** Drops everything known of a deleted profile. */
  forget(profileId: string): void;
  /** Applies one `test:progress` event. */
  progress(event: TestProgress): void;
}

/** The Test store (a zustand hook): each profile's TestEntry and the Test actions. */
export const useTestStore = create<TestState>()((set, get) => {
  const entry = (profileId: string) => get().byProfile[profileId] ?? IDLE;
  const patch = (profileId: string, change: Partial<TestEntry>) =>
    set((s) => ({ byProfile: { ...s.byProfile, [profileId]: { ...(s.byProfile[profileId] ?? IDLE), ...change } } }));
  const readHistory = (profileId: string) =>
    invoke('runs:list', { profileId, limit: HISTORY_LIMIT }).catch(() => entry(profileId).history);

  /** Shows a finished run together with the token and history it produced, in one update. */
  const settle = async (profileId: string, run: TestRun) => {
    const [history] = await Promise.all([readHistory(profileId), useTokenStore.getState().load(profileId)]);
    patch(profileId, { run, pinned: false, history, error: null });
  };

  return {
    byProfile: {},

    async run(profileId, input) {
      if (entry(profileId).running) return;
      if (input === undefined) {
        try {
          const profile = await invoke('profiles:get', { id: profileId });
          if (needsTestInput(profile)) return get().ask(profileId);
        } catch (err) {
          return patch(profileId, { error: toClientError(err) });
        }
      }
      patch(profileId, {
        asking: false,
        running: true,
        cancelling: false,
        step: 'starting',
        progress: 'Starting…',
        stepsSeen: [],
        signIn: null,
        device: null,
        error: null,
        ...(input?.tenant ? { lastTenant: input.tenant } : {}),
      });
      try {
        const run = await invoke('test:run', { profileId, ...input });
        await settle(profileId, run);
      } catch (err) {
        const error = toClientError(err);
        const inputErrors = input ? dialogErrors(error) : {};
        // Main refused a typed value: reopen the dialog on that field rather than end with "Could not test".
        if (Object.keys(inputErrors).length > 0) patch(profileId, { asking: true, inputErrors, error: null });
        else patch(profileId, { run: null, pinned: false, error });
      } finally {
        patch(profileId, { running: false, cancelling: false, step: null, progress: null, signIn: null, device: null });
      }
    },

    ask(profileId) {
      if (!entry(profileId).running) patch(profileId, { asking: true, error: null, inputErrors: {} });
    },

    async saveHar(runId) {
      try {
        const result = await invoke('runs:save-har', { runId });
        return 'cancelled' in result ? '' : `Saved to ${result.path}`;
      } catch (err) {
        return `Not saved: ${toClientError(err).message}`;
      }
    },

    dismiss(profileId) {
      patch(profileId, { asking: false });
    },

    async cancel(profileId) {
      if (!entry(profileId).running) return;
      patch(profileId, { cancelling: true, progress: 'Cancelling…' });
      try {
        await invoke('test:cancel', { profileId });
      } catch (err) {
        patch(profileId, { cancelling: false, error: toClientError(err) });
      }
    },

    async openBrowserAgain(profileId) {
      try {
        await invoke('test:open-browser', { profileId });
        return 'Opened';
      } catch (err) {
        // Main's message says what happened ("The browser could not be opened: …", "No sign-in … is waiting").
        return toClientError(err).message;
      }
    },

    async loadHistory(profileId) {
      const history = await readHistory(profileId);
      const current = entry(profileId);
      patch(profileId, {
        history,
        ...(!current.run && !current.running && history[0] ? { run: history[0], pinned: false } : {}),
      });
    },

    show(profileId, run) {
      const newest = entry(profileId).history[0] ?? null;
      const target = run ?? newest;
      patch(profileId, { run: target, pinned: target !== null && target.id !== newest?.id, error: null });
    },

    async refreshToken(profileId) {
      const run = await useTokenStore.getState().refresh(profileId);
      if (run) await settle(profileId, run);
    },

    async tokenTool(profileId, tool, which) {
      const run = await useTokenStore.getState().tool(profileId, tool, which);
      if (run) await settle(profileId, run);
    },

    forget(profileId) {
      useTokenStore.getState().drop(profileId);
      set((s) => {
        const { [profileId]: _dropped, ...rest } = s.byProfile;
        return { byProfile: rest };
      });
    },

    progress(event) {
      const current = get().byProfile[event.profileId];
      if (!current?.running || current.cancelling || event.step === 'done') return;
      const stepsSeen = current.stepsSeen.includes(event.step) ? current.stepsSeen : [...current.stepsSeen, event.step];
      // Only the event of the wait itself carries the sign-in (or the device approval): any later step ends it.
      patch(event.profileId, {
        step: event.step,
        progress: event.message,
        stepsSeen,
        signIn: event.signIn ?? null,
        device: event.device ?? null,
      });
    },
  };
});

/** The Test state of one profile (idle when it was never tested in this session). */
export function useTestEntry(profileId: string | null): TestEntry {
  return useTestStore((s) => (profileId ? (s.byProfile[profileId] ?? IDLE) : IDLE));
}

/** Feeds `test:progress` and `token:refreshed` events from main into the stores; returns the unsubscribe function. */
export function listenForProgress(): () => void {
  const stopProgress = subscribe('test:progress', (event) => useTestStore.getState().progress(event));
  const stopTokens = listenForTokens();
  return () => {
    stopProgress();
    stopTokens();
  };
}
