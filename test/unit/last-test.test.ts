import { describe, expect, it } from 'vitest';
import { formatFullTime, formatWhen, lastTestVerdict, toLastTest } from '../../src-shared/last-test';

const columns = { ok: 0, errorCode: null, oauthError: null, startedAt: '2026-12-02T10:42:00.000Z', durationMs: 35 };

describe('toLastTest', () => {
  it('reads a pass, a failure with the IdP error, and a cancelled run', () => {
    expect(toLastTest({ ...columns, ok: 1 })).toEqual({ ok: true, startedAt: columns.startedAt, durationMs: 35 });
    const failed = toLastTest({ ...columns, errorCode: 'oauth_error', oauthError: 'invalid_client' });
    expect(failed).toEqual({
      ok: false,
      code: 'oauth_error',
      oauthError: 'invalid_client',
      startedAt: columns.startedAt,
      durationMs: 35,
    });
    expect(lastTestVerdict(failed)).toBe('Failed · invalid_client');
    expect(lastTestVerdict(toLastTest({ ...columns, errorCode: 'timeout' }))).toBe('Failed · timeout');
    expect(lastTestVerdict(toLastTest({ ...columns, errorCode: 'cancelled' }))).toBe('Cancelled');
    expect(lastTestVerdict(toLastTest({ ...columns, ok: 1 }))).toBe('Passed');
  });

  it('leaves out an IdP error that is not an RFC 6749 §5.2 value, and maps an unknown code to internal', () => {
    for (const hostile of ['bad\u001b[31m', 'quote"d', 'x'.repeat(65), '']) {
      expect(toLastTest({ ...columns, errorCode: 'oauth_error', oauthError: hostile })).not.toHaveProperty(
        'oauthError',
      );
    }
    expect(toLastTest({ ...columns, errorCode: 'made_up' }).code).toBe('internal');
    expect(toLastTest({ ...columns }).code).toBe('internal');
    expect(toLastTest({ ...columns, ok: 1, durationMs: null }).durationMs).toBe(0);
  });
});

describe('formatWhen', () => {
  const now = new Date(2026, 11, 2, 15, 30, 0);
  const at = (...parts: [number, number, number, number, number]) => new Date(...parts).toISOString();

  it('is relative for the last hour, the time for earlier today, the date before', () => {
    expect(formatWhen(at(2026, 11, 2, 15, 29), now)).toBe('1 min ago');
    expect(formatWhen(now.toISOString(), now)).toBe('just now');
    expect(formatWhen(at(2026, 11, 2, 15, 31), now)).toBe('just now');
    expect(formatWhen(at(2026, 11, 2, 14, 31), now)).toBe('59 min ago');
    expect(formatWhen(at(2026, 11, 2, 10, 42), now)).toBe('10:42');
    expect(formatWhen(at(2026, 11, 1, 23, 59), now)).toBe('1 Dec');
    expect(formatWhen(at(2025, 2, 3, 9, 0), now)).toBe('3 Mar 2025');
    expect(formatWhen('not a date', now)).toBe('');
  });

  it('gives the full local date and time', () => {
    expect(formatFullTime(new Date(2026, 11, 3, 10, 42, 7).toISOString())).toBe('2026-12-03 10:42:07');
    expect(formatFullTime('garbage')).toBe('garbage');
  });
});
