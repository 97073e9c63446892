/** Display helpers shared by the CLI and the renderer: durations and lifetimes read the same everywhere. */
import { describe, expect, it } from 'vitest';
import { formatLifetime, formatSeconds } from '../../src-shared/format';
import { formatSpan } from '../../src-renderer/features/test-panel/token/token-time';

describe('formatSeconds', () => {
  it('writes the largest units first and leaves zero parts out', () => {
    expect(formatSeconds(0)).toBe('0 s');
    expect(formatSeconds(58.9)).toBe('58 s');
    expect(formatSeconds(3600)).toBe('1 h');
    expect(formatSeconds(90_061)).toBe('1 d 1 h 1 min 1 s');
    expect(formatSeconds(-5)).toBe('0 s');
  });
});

describe('formatLifetime', () => {
  it('keeps the IdP’s number and adds a reading from one minute up', () => {
    expect(formatLifetime(3600)).toBe('3600 s (1 h)');
    expect(formatLifetime(90)).toBe('90 s (1 min 30 s)');
    expect(formatLifetime(59)).toBe('59 s');
    expect(formatLifetime(-5)).toBe('-5 s');
    expect(formatLifetime(Number.NaN)).toBe('NaN');
  });
});

describe('formatSpan', () => {
  it('reads milliseconds as whole seconds, rounded down', () => {
    expect(formatSpan(3_599_999)).toBe('59 min 59 s');
    expect(formatSpan(999)).toBe('0 s');
  });
});
