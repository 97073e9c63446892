/** The verdict links to the exchange a run failed at: the last with an error, else the last HTTP error, else the last sent. */
import { describe, expect, it } from 'vitest';
import type { Exchange, TestRun } from '../../src-shared/test-run';
import { failingExchangeIndex } from '../../src-renderer/features/test-panel/run/failing-exchange';

const exchange = (status: number | null, error?: Exchange['error']): Exchange => ({
  step: 'token',
  request: { method: 'POST', url: 'https://idp.example/token', headers: {}, body: null },
  response: status === null ? null : { status, statusText: '', headers: {}, body: null },
  durationMs: 1,
  error,
});

const run = (ok: boolean, exchanges: Exchange[]): TestRun => ({
  id: 'r',
  ok,
  profile: 'p',
  profileId: 'p',
  grantType: 'client_credentials',
  startedAt: '2026-01-01T00:00:00.000Z',
  durationMs: 1,
  exchanges,
});

describe('failingExchangeIndex', () => {
  it('is null for a passed run and for a run that sent nothing', () => {
    expect(failingExchangeIndex(run(true, [exchange(200)]))).toBeNull();
    expect(failingExchangeIndex(run(false, []))).toBeNull();
  });

  it('picks the last exchange with an error, even before a later one', () => {
    const refused = exchange(null, { code: 'connection_refused', message: 'Connection refused' });
    expect(failingExchangeIndex(run(false, [exchange(200), refused]))).toBe(1);
    expect(failingExchangeIndex(run(false, [refused, exchange(200)]))).toBe(0);
  });

  it('else the last HTTP error status, else the last exchange', () => {
    expect(failingExchangeIndex(run(false, [exchange(200), exchange(401), exchange(200)]))).toBe(1);
    expect(failingExchangeIndex(run(false, [exchange(200), exchange(302)]))).toBe(1);
  });
});
