/**
 * The Test button, the Test dialog when the profile needs a tenant, credentials or typed fields first (else the
 * compact "Will call" list), and the running state with Cancel. Test is enabled only when the saved profile is Configured; otherwise it says why.
 */
import { Fragment, useEffect, useRef } from 'react';
import { FIELD_LABELS, requiredSecrets, type ProfileView } from '../../../src-shared/profile';
import { fieldId } from '../../components/form-field';
import { useShortcut } from '../../components/use-shortcut';
import { RunProgress } from './run/run-progress';
import { LegacyNote } from './run/run-warnings';
import { TestDialog } from './dialogs/test-dialog';
import { WillCall } from './dialogs/will-call';
import { needsTestInput } from './dialogs/test-input';
import { useTestEntry, useTestStore } from './test-store';
import { focusElement, isFocusLost } from '../../components/focus';

interface TestControlsProps {
  profile: ProfileView;
  /** The editor holds changes not yet saved: a Test runs the saved profile. */
  dirty: boolean;
}

/** Why a profile is not configured, each missing field a link that focuses it in the editor. */
function MissingFields({ profile }: { profile: ProfileView }) {
  const missing = requiredSecrets(profile).filter((field) => !profile.secrets[field]);
  if (missing.length === 0) return <>{profile.statusReasons.join('; ') || 'a required field is missing'}</>;
  return missing.map((field, index) => (
    <Fragment key={field}>
      {index > 0 ? '; ' : null}
      <button type="button" className="link-button" onClick={() => focusElement(fieldId(field))}>
        {FIELD_LABELS[field]} is not set
      </button>
    </Fragment>
  ));
}

/** Test (or the dialog first) / the running state + Cancel, with the reason a Test cannot run. */
export function TestControls({ profile, dirty }: TestControlsProps) {
  const entry = useTestEntry(profile.id);
  const run = useTestStore((s) => s.run);
  const ask = useTestStore((s) => s.ask);
  const dismiss = useTestStore((s) => s.dismiss);
  const cancel = useTestStore((s) => s.cancel);
  const configured = profile.status === 'configured';
  const asksFirst = needsTestInput(profile);
  const testRef = useRef<HTMLButtonElement>(null);
  const wasRunning = useRef(entry.running);

  // When a run ends its Cancel button goes away: keep keyboard users on Test rather than on <body>.
  useEffect(() => {
    if (wasRunning.current && !entry.running && isFocusLost()) testRef.current?.focus({ preventScroll: true });
    wasRunning.current = entry.running;
  }, [entry.running]);

  const start = () => (asksFirst ? ask(profile.id) : void run(profile.id, {}));
  // Ctrl/⌘+Enter tests the profile from anywhere on its screen.
  useShortcut('Enter', start, configured && !entry.running);

  if (entry.running) return <RunProgress profile={profile} entry={entry} onCancel={() => void cancel(profile.id)} />;

  const blockedId = `test-blocked-${profile.id}`;
  return (
    <div className="test-controls">
      <button
        ref={testRef}
        type="button"
        className="button button--primary"
        onClick={start}
        aria-keyshortcuts="Control+Enter Meta+Enter"
        title="Test (Ctrl+Enter)"
        disabled={!configured}
        aria-haspopup={asksFirst ? 'dialog' : undefined}
        aria-describedby={!configured || dirty ? blockedId : undefined}
      >
        Test
      </button>
      {!configured ? (
        <p id={blockedId} className="test-controls__note">
          Not configured: <MissingFields profile={profile} />. Save the missing values to test.
        </p>
      ) : dirty ? (
        <p id={blockedId} className="test-controls__note">
          Unsaved changes are not tested: Test runs the saved profile.
        </p>
      ) : null}
      <LegacyNote profileId={profile.id} grantType={profile.grantType} />
      {/* A profile that needs no dialog shows here what Test calls; the dialog shows it otherwise. */}
      {configured && !asksFirst ? <WillCall profile={profile} compact /> : null}
      {entry.asking && configured ? (
        <TestDialog
          profile={profile}
          lastTenant={entry.lastTenant}
          initialErrors={entry.inputErrors}
          onRun={(input) => void run(profile.id, input)}
          onClose={() => dismiss(profile.id)}
        />
      ) : null}
    </div>
  );
}
