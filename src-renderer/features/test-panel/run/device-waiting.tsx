/**
 * The approval a running device-code Test waits for (RFC 8628 §3.3; docs/architecture.md, "The Test panel"): the
 * user code large, with Copy; the verification URL, with Copy and Open again (main opens the URL it holds:
 * `test:open-browser`); and "Waiting for approval… (polling every N s, expires in M:SS)". Cancel is the running
 * state's (run-progress.tsx). The device code itself never reaches the window.
 */
import { useState } from 'react';
import type { DeviceWaiting } from '../../../../src-shared/test-run';
import { CopyButton } from '../../../components/copy-button';
import { useNow } from '../token/token-time';
import { useTestStore } from '../test-store';
import { timeLeft } from './sign-in-info';
import './device-waiting.css';

interface DeviceWaitingProps {
  profileId: string;
  device: DeviceWaiting;
}

/** The user code to enter, where to enter it, and the polling. */
export function DeviceWaitingView({ profileId, device }: DeviceWaitingProps) {
  const openBrowserAgain = useTestStore((s) => s.openBrowserAgain);
  const [opened, setOpened] = useState('');
  const [opening, setOpening] = useState(false);
  const now = useNow(1000);

  const openAgain = async () => {
    setOpening(true);
    setOpened('');
    setOpened(await openBrowserAgain(profileId));
    setOpening(false);
  };

  return (
    <section className="device-wait" aria-label="Device approval">
      <p className="device-wait__lead">Enter this code at the verification URL:</p>
      <div className="device-wait__code-row">
        <output className="device-wait__code" aria-label="User code">
          {device.userCode}
        </output>
        <CopyButton text={device.userCode} label="Copy user code" caption="Copy code" small />
      </div>
      <div className="device-wait__url-row">
        <code className="device-wait__url">{device.verificationUri}</code>
        <CopyButton text={device.verificationUri} label="Copy verification URL" caption="Copy URL" small />
        <button type="button" className="button button--small" onClick={() => void openAgain()} disabled={opening}>
          Open again
        </button>
        <span className="device-wait__opened" role="status">
          {opened}
        </span>
      </div>
      {device.openerError ? (
        <p className="device-wait__problem" role="alert">
          The browser could not be opened ({device.openerError}): open the URL yourself.
        </p>
      ) : null}
      <p className="device-wait__time" role="timer" aria-live="off">
        Waiting for approval… (polling every {device.intervalS} s, expires in {timeLeft(device.expiresAt, now)})
      </p>
    </section>
  );
}
