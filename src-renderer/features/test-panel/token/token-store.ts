/**
 * What the Test panel knows of each profile's stored token: the TokenState from `tokens:get` (never a
 * token value: the contract carries none), kept fresh by `token:refreshed`, and the Refresh now /
 * Forget actions. All calls go through api/client.
 */
import { create } from 'zustand';
import type { TestRun, TokenState } from '../../../../src-shared/test-run';
import type { TokenHint, TokenTool } from '../../../../src-shared/token-tools';
import { invoke, subscribe, toClientError, type ClientError } from '../../../api/client';

/** The stored-token state of one profile. */
export interface TokenEntry {
  /** Null when no token is held (or not loaded yet: see `loaded`). */
  token: TokenState | null;
  loaded: boolean;
  /** The action in flight, if any. */
  busy: 'refresh' | 'forget' | TokenTool | null;
  error: ClientError | null;
}

const EMPTY: TokenEntry = { token: null, loaded: false, busy: null, error: null };

interface TokenStoreState {
  byProfile: Record<string, TokenEntry>;
  /** Reads `tokens:get`; keeps the previous state (with the error) when it fails. */
  load(profileId: string): Promise<void>;
  /** `tokens:refresh`: resolves with the refresh run to show, or null when the call itself failed. */
  refresh(profileId: string): Promise<TestRun | null>;
  /** `tokens:introspect|revoke|userinfo`: resolves with the tool's run to show, or null when the call itself failed. */
  tool(profileId: string, tool: TokenTool, which?: TokenHint): Promise<TestRun | null>;
  /** `tokens:forget`: resolves true when the token is gone. */
  forget(profileId: string): Promise<boolean>;
  /** Applies a `token:refreshed` event. */
  refreshed(profileId: string, token: TokenState): void;
  drop(profileId: string): void;
}

/** The token store (a zustand hook): each profile's TokenEntry and the token actions. */
export const useTokenStore = create<TokenStoreState>()((set, get) => {
  const patch = (profileId: string, change: Partial<TokenEntry>) =>
    set((s) => ({ byProfile: { ...s.byProfile, [profileId]: { ...(s.byProfile[profileId] ?? EMPTY), ...change } } }));

  return {
    byProfile: {},

    async load(profileId) {
      try {
        const token = await invoke('tokens:get', { profileId });
        patch(profileId, { token, loaded: true, error: null });
      } catch (err) {
        patch(profileId, { loaded: true, error: toClientError(err) });
      }
    },

    async refresh(profileId) {
      if (get().byProfile[profileId]?.busy) return null;
      patch(profileId, { busy: 'refresh', error: null });
      try {
        // The caller (test-store.refreshToken) settles the run, which reloads the token view.
        return await invoke('tokens:refresh', { profileId });
      } catch (err) {
        patch(profileId, { error: toClientError(err) });
        return null;
      } finally {
        patch(profileId, { busy: null });
      }
    },

    async tool(profileId, tool, which) {
      if (get().byProfile[profileId]?.busy) return null;
      patch(profileId, { busy: tool, error: null });
      try {
        const payload = { profileId, ...(which ? { which } : {}) };
        if (tool === 'introspect') return await invoke('tokens:introspect', payload);
        if (tool === 'revoke') return await invoke('tokens:revoke', payload);
        return await invoke('tokens:userinfo', { profileId });
      } catch (err) {
        patch(profileId, { error: toClientError(err) });
        return null;
      } finally {
        patch(profileId, { busy: null });
      }
    },

    async forget(profileId) {
      if (get().byProfile[profileId]?.busy) return false;
      patch(profileId, { busy: 'forget', error: null });
      try {
        await invoke('tokens:forget', { profileId });
        patch(profileId, { token: null, loaded: true, busy: null });
        return true;
      } catch (err) {
        patch(profileId, { busy: null, error: toClientError(err) });
        return false;
      }
    },

    refreshed(profileId, token) {
      patch(profileId, { token, loaded: true });
    },

    drop(profileId) {
      set((s) => {
        const { [profileId]: _dropped, ...rest } = s.byProfile;
        return { byProfile: rest };
      });
    },
  };
});

/** The stored-token state of one profile. */
export function useTokenEntry(profileId: string): TokenEntry {
  return useTokenStore((s) => s.byProfile[profileId] ?? EMPTY);
}

/** Feeds `token:refreshed` events from main into the store; returns the unsubscribe function. */
export function listenForTokens(): () => void {
  return subscribe('token:refreshed', ({ profileId, token }) => useTokenStore.getState().refreshed(profileId, token));
}
