/**
 * What `authbench test` prints on stderr while a device-code Test waits (RFC 8628 §3.3): the user code, the
 * verification URL and the polling, one wait per line; every value the IdP chose is made safe for a terminal.
 */
import type { DeviceWaiting } from '../../src-shared/test-run';
import { forTerminal } from '../http/log-text';

/** The lines for `device` (ends with a newline); a later call after `slow_down` repeats them with the new interval. */
export function deviceLines(device: DeviceWaiting): string {
  const seconds = Math.max(0, Math.round((Date.parse(device.expiresAt) - Date.now()) / 1000));
  const expires = `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
  const lines = [
    `User code: ${forTerminal(device.userCode)}`,
    `Enter it at: ${forTerminal(device.verificationUri)}`,
    ...(device.verificationUriComplete ? [`Or open: ${forTerminal(device.verificationUriComplete)}`] : []),
    ...(device.openerError ? [`Could not open a browser (${forTerminal(device.openerError)})`] : []),
    `… Waiting for approval (polling every ${device.intervalS} s, expires in ${expires})`,
  ];
  return `${lines.join('\n')}\n`;
}
