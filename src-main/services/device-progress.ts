/**
 * The run-context side of a device-code Test (RFC 8628 §3.3, §3.5; docs/architecture.md, "A Test, step by
 * step"): reporting the approval it waits for as a 'browser' progress step with `device`, holding the
 * verification URL so "Open again" works, and the real timer between polls.
 */
import type { DeviceWait } from '../oauth/flow';
import type { RunContextInput } from './run-context';

/**
 * Reports `wait` as progress (the messages redacted with `redacted`) and holds its verification URL for
 * `test:open-browser`; a pasted URL is refused, as the device flow has no callback.
 */
export function deviceWaiting(
  input: Pick<RunContextInput, 'progress' | 'holdSignIn'>,
  redacted: (text: string) => string,
  message: string,
  wait: DeviceWait,
): void {
  const url = wait.verificationUriComplete ?? wait.verificationUri;
  input.holdSignIn?.({
    url,
    redact: redacted,
    deliver: () => ({
      accepted: false,
      message: 'A device-code Test has no redirect to paste: enter the user code at the verification URL',
    }),
  });
  input.progress('browser', redacted(message), {
    device: {
      userCode: wait.userCode,
      verificationUri: wait.verificationUri,
      ...(wait.verificationUriComplete ? { verificationUriComplete: wait.verificationUriComplete } : {}),
      intervalS: wait.intervalS,
      expiresAt: wait.expiresAt.toISOString(),
      ...(wait.openerError ? { openerError: redacted(wait.openerError) } : {}),
    },
  });
}

/** Resolves after `ms` (a real timer), or at once when `signal` aborts. */
export function realSleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
  });
}
