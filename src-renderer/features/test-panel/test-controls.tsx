/**
 * The Test button, the Test dialog when the profile needs a tenant, credentials or typed fields first (else the
 * compact "Will call" list), and the running state with Cancel. Test is enabled only when the saved profile is
 * Configured; otherwise it says why. A pre-authorize authorization-code profile also has "Sign in again"
 * (`test:run` with `signIn`).
 */
import { Fragment, useEffect, useRef } from 'react';
import { FIELD_LABELS, requiredSecrets, type ProfileView } from '../../../src-shared/profile';
import { holdsToken } from '../../../src-shared/token-source';
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

/**
 * Test (or the dialog first) / the running state + Cancel, with the reason a Test cannot run; "Sign in again" for a
 * profile that holds its token.
 */
export function TestControls({ profile, dirty }: TestControlsProps) {
  const entry = useTestEntry(profile.id);
  const run = useTestStore((s) => s.run);
  const ask = useTestStore((s) => s.ask);
  const dismiss = useTestStore((s) => s.dismiss);
  const cancel = useTestStore((s) => s.cancel);
  const configured = profile.status === 'configured';
  const asksFirst = needsTestInput(profile);
  const testRef = useRef<HTMLButtonElement>(null);
  const againRef = useRef<HTMLButtonElement>(null);
  const wasRunning = useRef(entry.running);
  // "Sign in again" asks main to skip the held token; the flag waits here while the Test dialog is open.
  const signInAgain = useRef(false);

  // When a run ends its Cancel button goes away: keep keyboard users on the button that started it, not on <body>.
  useEffect(() => {
    if (wasRunning.current && !entry.running && isFocusLost())
      (signInAgain.current ? againRef : testRef).current?.focus({ preventScroll: true });
    wasRunning.current = entry.running;
  }, [entry.running]);

  const start = (signIn = false) => {
    signInAgain.current = signIn;
    return asksFirst ? ask(profile.id) : void run(profile.id, signIn ? { signIn } : {});
  };
  // Ctrl/⌘+Enter tests the profile from anywhere on its screen.
  useShortcut('Enter', () => start(), configured && !entry.running);

  if (entry.running) return <RunProgress profile={profile} entry={entry} onCancel={() => void cancel(profile.id)} />;

  const blockedId = `test-blocked-${profile.id}`;
  return (
    <div className="test-controls">
      <button
        ref={testRef}
        type="button"
        className="button button--primary"
        onClick={() => start()}
        aria-keyshortcuts="Control+Enter Meta+Enter"
        title="Test (Ctrl+Enter)"
        disabled={!configured}
        aria-haspopup={asksFirst ? 'dialog' : undefined}
        aria-describedby={!configured || dirty ? blockedId : undefined}
      >
        Test
      </button>
      {holdsToken(profile) ? (
        <button
          ref={againRef}
          type="button"
          className="button"
          onClick={() => start(true)}
          disabled={!configured}
          aria-haspopup={asksFirst ? 'dialog' : undefined}
          aria-describedby={`sign-in-again-${profile.id}`}
        >
          Sign in again
        </button>
      ) : null}
      {holdsToken(profile) ? (
        <p id={`sign-in-again-${profile.id}`} className="test-controls__note">
          Pre-authorize: Test uses the held token (refreshed when it expires) and signs in only when none is usable;
          Sign in again opens the browser now.
        </p>
      ) : null}
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
          onRun={(input) => void run(profile.id, signInAgain.current ? { ...input, signIn: true } : input)}
          onClose={() => dismiss(profile.id)}
        />
      ) : null}
    </div>
  );
}
