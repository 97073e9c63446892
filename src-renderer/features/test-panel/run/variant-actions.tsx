/**
 * One-click variants in the verdict (docs/architecture.md, "Variants"): "Try with …" runs the Test again with the
 * one change the diagnosis names, not saved; a run that used overrides says so, and when it passed, "Save this
 * change" updates the profile through the normal update path (main's origin rules apply).
 */
import { useState } from 'react';
import { describeOverrides, editableFields } from '../../../../src-shared/profile-overrides';
import type { TestRun } from '../../../../src-shared/test-run';
import { useProfilesStore } from '../../profiles/profiles-store';
import { useTestStore } from '../test-store';

/** The "Try with …" button of a failed run that suggests a variant. */
export function TryVariant({ run }: { run: TestRun }) {
  const running = useTestStore((s) => s.byProfile[run.profileId]?.running ?? false);
  const variant = run.error?.variant;
  if (!variant) return null;
  const tenant = useTestStore.getState().byProfile[run.profileId]?.lastTenant;
  return (
    <p className="verdict__variant">
      <button
        type="button"
        className="button button--small"
        disabled={running}
        onClick={() =>
          void useTestStore
            .getState()
            .run(run.profileId, { overrides: variant.overrides, ...(tenant ? { tenant } : {}) })
        }
      >
        {variant.label}
      </button>{' '}
      <span className="muted">The profile is not changed.</span>
    </p>
  );
}

/** "Tested with Client Authentication = client_secret_post (not saved)" and, after a pass, "Save this change". */
export function OverridesUsed({ run }: { run: TestRun }) {
  const [message, setMessage] = useState('');
  const current = useProfilesStore((s) => (s.current?.id === run.profileId ? s.current : null));
  const overrides = run.overrides;
  if (!overrides) return null;
  // Derived from the stored profile, not kept here: saving re-renders the panel.
  const fields = current ? editableFields(current) : {};
  const saved = Object.entries(overrides).every(([k, v]) => JSON.stringify(fields[k]) === JSON.stringify(v));
  const save = async () => {
    const { current, save: saveProfile } = useProfilesStore.getState();
    if (current?.id !== run.profileId) return setMessage('Open this profile to save the change.');
    const profile = { ...editableFields(current), ...overrides } as Parameters<typeof saveProfile>[0];
    const result = await saveProfile(profile, {});
    setMessage(result.ok ? '' : `Not saved: ${result.error.message}`);
  };
  return (
    <div className="verdict__variant">
      <p>
        Tested with <strong>{describeOverrides(overrides)}</strong> (not saved by the Test).
      </p>
      {run.ok && !saved ? (
        <button type="button" className="button button--small" onClick={() => void save()}>
          Save this change
        </button>
      ) : null}
      {saved && current ? <span>The profile now has this change.</span> : null}
      <span role="status" className="muted">
        {message}
      </span>
    </div>
  );
}
