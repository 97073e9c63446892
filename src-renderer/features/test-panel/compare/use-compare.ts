/**
 * Which two runs of the history the user picked to compare, and whether the Compare view is open; both reset
 * when another profile is shown, and a new run ends the comparison. Picking a third run drops the oldest pick.
 */
import { useState } from 'react';
import type { TestRun } from '../../../../src-shared/test-run';

/** The compare picks of one profile's Test panel. */
export interface ComparePicks {
  /** Ids of the picked runs (at most two), in the order picked. */
  picked: string[];
  toggle(runId: string): void;
  /** The two picked runs, earlier first, while the Compare view is open; else null. */
  pair: [TestRun, TestRun] | null;
  open(): void;
  close(): void;
}

/** Compare picks over `history` (newest first) for `profileId`. */
export function useCompare(profileId: string | null, history: TestRun[]): ComparePicks {
  // Kept with the profile they belong to: another profile starts with no pick and no comparison.
  const [state, setState] = useState({ profileId, picked: [] as string[], comparing: false, newest: '' });
  const current = state.profileId === profileId ? state : { profileId, picked: [], comparing: false, newest: '' };
  const { picked, comparing } = current;
  const update = (change: Partial<typeof current>) => setState({ ...current, ...change });

  const runs = picked.map((id) => history.find((r) => r.id === id)).filter((r): r is TestRun => r !== undefined);
  const sorted = [...runs].sort((a, b) => a.startedAt.localeCompare(b.startedAt));
  return {
    picked: runs.map((r) => r.id),
    toggle: (runId) =>
      update({ picked: picked.includes(runId) ? picked.filter((id) => id !== runId) : [...picked, runId].slice(-2) }),
    // A newer run (a Test pressed meanwhile) ends the comparison so that its result shows.
    pair: comparing && current.newest === history[0]?.id && sorted.length === 2 ? [sorted[0]!, sorted[1]!] : null,
    open: () => update({ comparing: true, newest: history[0]?.id ?? '' }),
    close: () => update({ comparing: false }),
  };
}
