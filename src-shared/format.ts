/**
 * Pure display helpers for Test results, shared by the renderer and the CLI's text output.
 * No node:, electron or DOM imports.
 */
import type { ExchangeStep } from './test-run';

/** A duration in milliseconds, e.g. `3.1 ms`, `250 ms`, `1,204 ms`. */
export function formatMs(ms: number): string {
  if (!Number.isFinite(ms)) return '? ms';
  const value = ms < 10 ? Math.round(ms * 10) / 10 : Math.round(ms);
  return `${value.toLocaleString('en-US')} ms`;
}

/** Whole seconds (rounded down, at least 0) as `1 d 2 h 3 min 4 s`: largest units first, zero parts left out. */
export function formatSeconds(seconds: number): string {
  let rest = Math.max(0, Math.floor(seconds));
  const parts: string[] = [];
  for (const [unit, size] of [
    ['d', 86_400],
    ['h', 3600],
    ['min', 60],
  ] as const) {
    if (rest >= size) {
      parts.push(`${Math.floor(rest / size)} ${unit}`);
      rest %= size;
    }
  }
  if (rest > 0 || parts.length === 0) parts.push(`${rest} s`);
  return parts.join(' ');
}

/** A lifetime in seconds with a human reading, e.g. `3600 s (1 h)`, `90 s (1 min 30 s)` (RFC 6749 §5.1 `expires_in`). */
export function formatLifetime(seconds: number): string {
  if (!Number.isFinite(seconds)) return String(seconds);
  const rounded = Math.round(seconds);
  return rounded >= 60 ? `${seconds} s (${formatSeconds(rounded)})` : `${seconds} s`;
}

/** A status line's status part, e.g. `200 OK`, `401 Unauthorized`. */
export function formatStatus(status: number, statusText: string): string {
  return statusText ? `${status} ${statusText}` : String(status);
}

/** Header entries sorted by name, for stable tables (header names are already lower case on the wire). */
export function sortedHeaders(headers: Record<string, string>): Array<[string, string]> {
  return Object.entries(headers).sort(([a], [b]) => a.localeCompare(b));
}

/** Human names for the steps of a flow, keyed by the union: a new step does not compile until it is named. */
export const STEP_LABELS: Record<ExchangeStep, string> = {
  discovery: 'Discovery',
  par: 'Pushed authorization request',
  authorize: 'Authorization request',
  callback: 'Callback',
  device_authorization: 'Device authorization',
  token: 'Token request',
  refresh: 'Refresh',
  check: 'Authorization check',
  introspection: 'Introspection',
  revocation: 'Revocation',
  userinfo: 'UserInfo',
};

/**
 * One sentence on a device-code Test's polling (RFC 8628 §3.4, §3.5), e.g. "Polled the token endpoint 14 times
 * (12 authorization_pending, 1 slow_down; interval at the end 10 s): the first answer of each kind and the last
 * are shown".
 */
export function describePolls(polls: { count: number; pending: number; slowDown: number; intervalS: number }): string {
  const kinds = [
    polls.pending ? `${polls.pending} authorization_pending` : '',
    polls.slowDown ? `${polls.slowDown} slow_down` : '',
  ].filter(Boolean);
  const times = polls.count === 1 ? 'once' : `${polls.count} times`;
  return (
    `Polled the token endpoint ${times}` +
    (kinds.length
      ? ` (${kinds.join(', ')}; interval at the end ${polls.intervalS} s)`
      : ` (every ${polls.intervalS} s)`) +
    (polls.count > 2 ? ': the first answer of each kind and the last are shown' : '')
  );
}
