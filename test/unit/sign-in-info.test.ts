/**
 * What the Test panel derives from a waiting sign-in (src-renderer/features/test-panel/run/sign-in-info.ts):
 * the authorization URL's parameters, whether it carries a masked value, and the countdown, on a fake clock.
 */
import { describe, expect, it } from 'vitest';
import { hasRedactedValue, timeLeft, urlParameters } from '../../src-renderer/features/test-panel/run/sign-in-info';

const DEADLINE = '2026-01-01T10:05:00.000Z';
const at = (iso: string) => Date.parse(iso);

describe('timeLeft', () => {
  it('counts down in m:ss, rounding up to the second', () => {
    expect(timeLeft(DEADLINE, at('2026-01-01T10:00:00.000Z'))).toBe('5:00');
    expect(timeLeft(DEADLINE, at('2026-01-01T10:00:00.001Z'))).toBe('5:00');
    expect(timeLeft(DEADLINE, at('2026-01-01T10:00:01.000Z'))).toBe('4:59');
    expect(timeLeft(DEADLINE, at('2026-01-01T10:04:50.500Z'))).toBe('0:10');
    expect(timeLeft(DEADLINE, at('2026-01-01T10:04:59.999Z'))).toBe('0:01');
  });

  it('says 0:00 once the deadline has passed, or when it does not parse', () => {
    expect(timeLeft(DEADLINE, at(DEADLINE))).toBe('0:00');
    expect(timeLeft(DEADLINE, at('2026-01-01T11:00:00.000Z'))).toBe('0:00');
    expect(timeLeft('not a date', at(DEADLINE))).toBe('0:00');
  });
});

describe('urlParameters', () => {
  it('lists the query parameters in order, decoded, repeats kept', () => {
    const url =
      'https://idp.example/authorize?scope=openid+profile&redirect_uri=http%3A%2F%2F127.0.0.1%3A5000%2Fcallback' +
      '&resource=a&resource=b&api_key=[redacted]&empty=';
    expect(urlParameters(url)).toEqual([
      ['scope', 'openid profile'],
      ['redirect_uri', 'http://127.0.0.1:5000/callback'],
      ['resource', 'a'],
      ['resource', 'b'],
      ['api_key', '[redacted]'],
      ['empty', ''],
    ]);
  });

  it('is empty for a URL without a query or one that does not parse', () => {
    expect(urlParameters('https://idp.example/authorize')).toEqual([]);
    expect(urlParameters('not a url')).toEqual([]);
  });
});

describe('hasRedactedValue', () => {
  it('is true when main masked a value, literally or percent-encoded', () => {
    expect(hasRedactedValue('https://idp.example/a?api_key=[redacted]')).toBe(true);
    expect(hasRedactedValue('https://idp.example/a?x=%5Bredacted%5D')).toBe(true);
    expect(hasRedactedValue('https://idp.example/a?state=abc&code_challenge=def')).toBe(false);
  });
});
