/**
 * The Test button and its running state: "Testing…" with the latest `test:progress` message and a
 * Cancel button. Test is enabled only when the saved profile is Configured; otherwise it says why.
 */
import type { ProfileView } from '../../../src-shared/profile';
import { useTestEntry, useTestStore } from './test-store';

interface TestControlsProps {
  profile: ProfileView;
  /** The editor holds changes not yet saved: a Test runs the saved profile. */
  dirty: boolean;
}

/** Test / Testing… + Cancel, with the reason a Test cannot run. */
export function TestControls({ profile, dirty }: TestControlsProps) {
  const entry = useTestEntry(profile.id);
  const run = useTestStore((s) => s.run);
  const cancel = useTestStore((s) => s.cancel);
  const configured = profile.status === 'configured';

  if (entry.running) {
    return (
      <div className="test-controls">
        <div className="test-controls__running" role="status" aria-live="polite">
          <span className="spinner" aria-hidden="true" />
          <span className="test-controls__label">Testing…</span>
          {entry.progress ? <span className="test-controls__progress">{entry.progress}</span> : null}
        </div>
        <button type="button" className="button" onClick={() => void cancel(profile.id)} disabled={entry.cancelling}>
          {entry.cancelling ? 'Cancelling…' : 'Cancel'}
        </button>
      </div>
    );
  }

  const blockedId = `test-blocked-${profile.id}`;
  return (
    <div className="test-controls">
      <button
        type="button"
        className="button button--primary"
        onClick={() => void run(profile.id)}
        disabled={!configured}
        aria-describedby={!configured || dirty ? blockedId : undefined}
      >
        Test
      </button>
      {!configured ? (
        <p id={blockedId} className="test-controls__note">
          Not configured: {profile.statusReasons.join('; ') || 'a required field is missing'}. Save the missing values to test.
        </p>
      ) : dirty ? (
        <p id={blockedId} className="test-controls__note">
          Unsaved changes are not tested: Test runs the saved profile.
        </p>
      ) : null}
    </div>
  );
}
