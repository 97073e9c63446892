/**
 * The browser sign-in a running authorization-code Test waits for (docs/architecture.md, "A Test, step by
 * step"): the authorization URL in full and its parameters one per line, Copy URL, Open again (main opens
 * the real URL it holds: `test:open-browser`), the callback URL the browser must reach, the field to paste the
 * redirected URL into when the browser cannot reach it (paste-callback.tsx), and the time left.
 * Everything shown is as main redacted it.
 */
import { useEffect, useState } from 'react';
import type { SignInWaiting as SignInInfo } from '../../../../src-shared/test-run';
import { CopyButton } from '../../../components/copy-button';
import { useTestStore } from '../test-store';
import { PasteCallback } from './paste-callback';
import { hasRedactedValue, timeLeft, urlParameters } from './sign-in-info';
import './sign-in-waiting.css';

interface SignInWaitingProps {
  profileId: string;
  signIn: SignInInfo;
}

/** The current time (ms since the epoch), re-read every second. */
function useNow(): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  return now;
}

/**
 * The waiting sign-in: what to do first (Copy URL, Open again, the callback URL, the time left), under the
 * running state's Cancel, then the URL and its parameters, which may run below the fold of a small window.
 */
export function SignInWaiting({ profileId, signIn }: SignInWaitingProps) {
  const openBrowserAgain = useTestStore((s) => s.openBrowserAgain);
  const [opened, setOpened] = useState('');
  const [opening, setOpening] = useState(false);
  const now = useNow();
  const url = signIn.authorizationUrl;
  const parameters = urlParameters(url);

  const openAgain = async () => {
    setOpening(true);
    setOpened('');
    setOpened(await openBrowserAgain(profileId));
    setOpening(false);
  };

  return (
    <section className="sign-in" aria-label="Sign-in">
      <div className="sign-in__actions">
        <CopyButton text={url} label="Copy URL" caption="Copy URL" small />
        <button type="button" className="button button--small" onClick={() => void openAgain()} disabled={opening}>
          Open again
        </button>
        <span className="sign-in__opened" role="status">
          {opened}
        </span>
      </div>
      {hasRedactedValue(url) ? (
        <p className="sign-in__note">
          The copied URL has [redacted] in place of secret values: use Open again to reach the real one.
        </p>
      ) : null}
      <p className="sign-in__callback">
        After you sign in, your browser is sent to <code>{signIn.redirectUri}</code>
      </p>
      <PasteCallback profileId={profileId} />
      <p className="sign-in__time" role="timer" aria-live="off">
        Time left: {timeLeft(signIn.deadline, now)}
      </p>
      <details className="sign-in__url" open>
        <summary>Authorization URL</summary>
        <code className="sign-in__url-text">{url}</code>
        <ul className="sign-in__parameters" aria-label="Parameters">
          {parameters.map(([name, value], i) => (
            <li key={`${i}-${name}`}>
              <code className="sign-in__name">{name}</code> = <code className="sign-in__value">{value}</code>
            </li>
          ))}
        </ul>
      </details>
    </section>
  );
}
