/**
 * The profiles feature's state: the Authorization Profile Summary list, which screen is open (the list,
 * a new profile, or one stored profile) and that profile's full view. All calls go through api/client.
 */
import { create } from 'zustand';
import type { ProfileSummary, ProfileView, SecretsPatch } from '../../../src-shared/profile';
import type { RequestOf, ResponseOf } from '../../../src-shared/ipc';
import { toLastTest, type LastTest } from '../../../src-shared/last-test';
import type { TestRun } from '../../../src-shared/test-run';
import type { ExportFormat } from '../../../src-shared/transfer';
import { ClientError, invoke, toClientError } from '../../api/client';
import { useTestStore } from '../test-panel/test-store';

/** Which screen is shown. */
export type Route = { kind: 'list' } | { kind: 'new' } | { kind: 'profile'; id: string };

/** The outcome of a save: the stored view, or the error to show on the form. */
export type SaveResult = { ok: true; view: ProfileView } | { ok: false; error: ClientError };

interface ProfilesState {
  summaries: ProfileSummary[];
  listLoaded: boolean;
  listError: ClientError | null;
  route: Route;
  /** The stored profile of a `profile` route, once loaded. */
  current: ProfileView | null;
  currentError: ClientError | null;
  /**
   * A short line about the last save ("Profile created"), cleared on navigation; `warn` when it reports
   * something that went wrong (a duplicate whose original could not be deleted).
   */
  notice: { text: string; tone: 'ok' | 'warn' } | null;
  /** Hides the notice (the list's Dismiss). */
  dismissNotice(): void;

  loadList(): Promise<void>;
  showList(): void;
  showNew(): void;
  showProfile(id: string): Promise<void>;
  /**
   * Creates (on the `new` route) or updates (on a `profile` route) the profile; `keepSecretsForNewOrigin` only
   * after the user confirmed that the stored secrets belong to an endpoint's new host too.
   */
  save(
    profile: RequestOf<'profiles:create'>['profile'],
    secrets: SecretsPatch,
    keepSecretsForNewOrigin?: boolean,
  ): Promise<SaveResult>;
  remove(id: string): Promise<ClientError | null>;
  /**
   * Copies profile `id` under `name` (secrets when asked) and opens the copy; with `deleteOriginal`, main then
   * deletes the original in the same call (the notice says when that delete failed and both were kept).
   */
  duplicate(id: string, name: string, copySecrets: boolean, deleteOriginal?: boolean): Promise<SaveResult>;
  /** Main shows the open dialog, reads the file and returns its preview (no secret). Throws ClientError. */
  importFile(): Promise<ResponseOf<'profiles:import'>>;
  /** Main applies the previewed import with a choice per clashing entry; the list is reloaded. Throws ClientError. */
  applyImport(request: RequestOf<'profiles:import-apply'>): Promise<ResponseOf<'profiles:import-apply'>>;
  /** Main shows the save dialog and writes the file. Throws ClientError. */
  exportFile(ids: string[], includeSecrets: boolean, format?: ExportFormat): Promise<ResponseOf<'profiles:export'>>;
  /** Main reads the IdP's metadata at the issuer (OIDC Discovery 1.0 §4, RFC 8414 §3). Throws ClientError. */
  discover(request: RequestOf<'profiles:discover'>): Promise<ResponseOf<'profiles:discover'>>;
  /** Shows `lastTest` as profile `id`'s last Test in its list row and, when open, its page. */
  noteLastTest(id: string, lastTest: LastTest): void;
  /** Sets the last Test of many rows at once (a batch's outcomes): one new list, not one per row. */
  noteLastTests(entries: ReadonlyArray<readonly [string, LastTest]>): void;
}

/** The profiles store (a zustand hook): the list, the route, the open profile and their actions. */
export const useProfilesStore = create<ProfilesState>()((set, get) => ({
  summaries: [],
  listLoaded: false,
  listError: null,
  route: { kind: 'list' },
  current: null,
  currentError: null,
  notice: null,

  async loadList() {
    try {
      const summaries = await invoke('profiles:list', {});
      set({ summaries, listLoaded: true, listError: null });
    } catch (err) {
      set({ listLoaded: true, listError: toClientError(err) });
    }
  },

  showList() {
    set({ route: { kind: 'list' }, current: null, currentError: null, notice: null });
    void get().loadList();
  },

  showNew() {
    set({ route: { kind: 'new' }, current: null, currentError: null, notice: null });
  },

  async showProfile(id) {
    const same = get().current?.id === id;
    set({
      route: { kind: 'profile', id },
      current: same ? get().current : null,
      currentError: null,
      notice: same ? get().notice : null,
    });
    try {
      const view = await invoke('profiles:get', { id });
      if (isRoute(get().route, id)) set({ current: view });
    } catch (err) {
      if (isRoute(get().route, id)) set({ currentError: toClientError(err) });
    }
  },

  async save(profile, secrets, keepSecretsForNewOrigin = false) {
    const { route } = get();
    try {
      const view =
        route.kind === 'profile'
          ? await invoke('profiles:update', { id: route.id, profile, secrets, keepSecretsForNewOrigin })
          : await invoke('profiles:create', { profile, secrets });
      set({
        route: { kind: 'profile', id: view.id },
        current: view,
        currentError: null,
        notice: { text: route.kind === 'profile' ? 'Changes saved' : 'Profile created', tone: 'ok' },
        summaries: upsert(get().summaries, view),
      });
      return { ok: true, view };
    } catch (err) {
      return { ok: false, error: toClientError(err) };
    }
  },

  dismissNotice() {
    set({ notice: null });
  },

  async remove(id) {
    try {
      await invoke('profiles:delete', { id });
      const name = get().summaries.find((s) => s.id === id)?.name ?? get().current?.name;
      set({ summaries: get().summaries.filter((s) => s.id !== id) });
      get().showList();
      // Like "Changes saved": the list says what happened until the next screen (or Dismiss).
      set({ notice: { text: name ? `Deleted “${name}”` : 'Profile deleted', tone: 'ok' } });
      return null;
    } catch (err) {
      return toClientError(err);
    }
  },

  async duplicate(id, name, copySecrets, deleteOriginal = false) {
    const source = get().current?.name ?? 'the profile';
    try {
      const { deleteOriginalError, ...view } = await invoke('profiles:duplicate', {
        id,
        name,
        copySecrets,
        deleteOriginal,
      });
      const deleted = deleteOriginal && deleteOriginalError === undefined;
      set({
        route: { kind: 'profile', id: view.id },
        current: view,
        currentError: null,
        notice:
          deleteOriginalError !== undefined
            ? { text: deleteOriginalError, tone: 'warn' }
            : {
                text: deleted ? `Duplicated from “${source}”; the original was deleted` : `Duplicated from “${source}”`,
                tone: 'ok',
              },
        summaries: upsert(
          get().summaries.filter((s) => !deleted || s.id !== id),
          view,
        ),
      });
      // A delete that failed part-way may still have removed the original's row: the list says which.
      if (deleteOriginalError !== undefined) void get().loadList();
      return { ok: true, view };
    } catch (err) {
      return { ok: false, error: toClientError(err) };
    }
  },

  async importFile() {
    return invoke('profiles:import', {});
  },

  async applyImport(request) {
    try {
      return await invoke('profiles:import-apply', request);
    } finally {
      // Even a failed import may have imported some profiles before it stopped.
      await get().loadList();
    }
  },

  async exportFile(ids, includeSecrets, format = 'authbench') {
    return invoke('profiles:export', { ids, includeSecrets, format });
  },

  async discover(request) {
    return invoke('profiles:discover', request);
  },

  noteLastTests(entries) {
    const byId = new Map(entries);
    set({
      summaries: get().summaries.map((row) => (byId.has(row.id) ? { ...row, lastTest: byId.get(row.id)! } : row)),
    });
  },

  noteLastTest(id, lastTest) {
    const { summaries, current } = get();
    const index = summaries.findIndex((s) => s.id === id);
    const row = summaries[index];
    set({
      ...(row && !sameLastTest(row.lastTest, lastTest)
        ? { summaries: summaries.with(index, { ...row, lastTest }) }
        : {}),
      ...(current?.id === id && !sameLastTest(current.lastTest, lastTest) ? { current: { ...current, lastTest } } : {}),
    });
  },
}));

// When a Test ends (or a profile's history is read), the Test store's newest stored run is the profile's
// last Test: the same run `profiles:list` reports, so the row and the header follow without a reload.
useTestStore.subscribe((state, previous) => {
  for (const [id, entry] of Object.entries(state.byProfile)) {
    const newest = entry.history[0];
    if (newest && newest !== previous.byProfile[id]?.history[0]) {
      useProfilesStore.getState().noteLastTest(id, lastTestOfRun(newest));
    }
  }
});

function lastTestOfRun(run: TestRun): LastTest {
  return toLastTest({
    ok: run.ok ? 1 : 0,
    errorCode: run.error?.code ?? null,
    oauthError: run.error?.oauthError ?? null,
    startedAt: run.startedAt,
    durationMs: Math.round(run.durationMs),
  });
}

function sameLastTest(a: LastTest | undefined, b: LastTest): boolean {
  return a !== undefined && JSON.stringify(a) === JSON.stringify(b);
}

function isRoute(route: Route, id: string): boolean {
  return route.kind === 'profile' && route.id === id;
}

/** The list with `view`'s row inserted or replaced, kept sorted by name like `profiles:list`. */
function upsert(summaries: ProfileSummary[], view: ProfileView): ProfileSummary[] {
  const row: ProfileSummary = {
    id: view.id,
    name: view.name,
    grantType: view.grantType,
    identityProviderName: view.identityProviderName,
    status: view.status,
    statusReasons: view.statusReasons,
    ...(view.lastTest ? { lastTest: view.lastTest } : {}),
    ...(view.tokenExpiry ? { tokenExpiry: view.tokenExpiry } : {}),
  };
  const rest = summaries.filter((s) => s.id !== view.id);
  return [...rest, row].sort((a, b) => a.name.localeCompare(b.name, 'en', { sensitivity: 'base' }));
}
