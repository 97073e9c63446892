/**
 * The running state of a Test (docs/architecture.md, "A Test, step by step"): "Testing…" with the current
 * step as main words it (e.g. "Waiting for you to sign in…", "Exchanging the code…"), a step indicator,
 * Cancel (`test:cancel`), and while a browser sign-in waits, its URL and what to do (sign-in-waiting.tsx).
 */
import { useEffect, useRef } from 'react';
import type { ProfileView } from '../../../../src-shared/profile';
import { phaseMarks, stepHeadline, type PhaseMark } from './progress-steps';
import { SignInWaiting } from './sign-in-waiting';
import { DeviceWaitingView } from './device-waiting';
import type { TestEntry } from '../test-store';
import { isFocusLost } from '../../../components/focus';

interface RunProgressProps {
  profile: ProfileView;
  entry: TestEntry;
  onCancel(): void;
}

const MARK_SYMBOL: Record<PhaseMark['state'], string> = { done: '✓', current: '●', pending: '○' };
const MARK_STATE: Record<PhaseMark['state'], string> = { done: 'done', current: 'in progress', pending: 'to come' };

/** Where the running Test is, and Cancel. */
export function RunProgress({ profile, entry, onCancel }: RunProgressProps) {
  const cancelRef = useRef<HTMLButtonElement>(null);
  // The Test button (or the dialog) that had focus is gone: Cancel is the one action left.
  useEffect(() => {
    if (isFocusLost()) cancelRef.current?.focus({ preventScroll: true });
  }, []);

  const marks = phaseMarks(profile, entry.stepsSeen, entry.step);
  const message = entry.cancelling
    ? 'Cancelling…'
    : entry.step === 'starting' || !entry.progress
      ? stepHeadline(entry.step, profile.grantType)
      : entry.progress;
  return (
    <div className="run-progress">
      <div className="run-progress__head">
        <div className="run-progress__status" role="status" aria-live="polite">
          <p className="test-controls__running">
            <span className="spinner" aria-hidden="true" />
            <span className="test-controls__label">Testing…</span>
            <span
              className={`test-controls__progress run-progress__message${entry.signIn?.openerError || entry.device?.openerError ? ' run-progress__message--problem' : ''}`}
            >
              {message}
            </span>
          </p>
        </div>
        <button ref={cancelRef} type="button" className="button" onClick={onCancel} disabled={entry.cancelling}>
          {entry.cancelling ? 'Cancelling…' : 'Cancel'}
        </button>
      </div>
      <ol className="step-indicator" aria-label="Steps">
        {marks.map((mark) => (
          <li
            key={mark.phase}
            className={`step-indicator__step step-indicator__step--${mark.state}`}
            aria-current={mark.state === 'current' ? 'step' : undefined}
          >
            <span className="step-indicator__mark" aria-hidden="true">
              {MARK_SYMBOL[mark.state]}
            </span>
            {mark.label}
            <span className="visually-hidden"> ({MARK_STATE[mark.state]})</span>
          </li>
        ))}
      </ol>
      {entry.signIn && !entry.cancelling ? <SignInWaiting profileId={profile.id} signIn={entry.signIn} /> : null}
      {entry.device && !entry.cancelling ? <DeviceWaitingView profileId={profile.id} device={entry.device} /> : null}
    </div>
  );
}
