import { describe, expect, it } from 'vitest';
import { expiryStatus, type TokenExpiry } from '../../src-shared/token-expiry';
import { formatCoarseSpan, refreshCountdown } from '../../src-renderer/features/test-panel/token/token-time';

const H = 3_600_000;
const NOW = Date.parse('2026-12-02T08:00:00.000Z');
const held = (refreshInMs: number | undefined, extra: Partial<TokenExpiry> = {}): TokenExpiry => ({
  accessExpiresAt: new Date(NOW + 300_000).toISOString(),
  ...(refreshInMs !== undefined ? { refreshExpiresAt: new Date(NOW + refreshInMs).toISOString() } : {}),
  hasRefreshToken: true,
  usable: true,
  ...extra,
});

describe('expiryStatus (the list, the CLI)', () => {
  it('"expires_soon" within the lead, "expired" once passed, nothing further out', () => {
    expect(expiryStatus(held(2 * H), NOW, 24 * H)).toBe('expires_soon');
    expect(expiryStatus(held(24 * H), NOW, 24 * H)).toBe('expires_soon');
    expect(expiryStatus(held(24 * H + 1), NOW, 24 * H)).toBeUndefined();
    expect(expiryStatus(held(36 * H), NOW, 48 * H)).toBe('expires_soon');
    expect(expiryStatus(held(0), NOW, 24 * H)).toBe('expired');
    expect(expiryStatus(held(-5 * 24 * H), NOW, 1 * H)).toBe('expired');
  });

  it('nothing without a refresh token, a stated lifetime, or once the IdP refused it', () => {
    expect(expiryStatus(undefined, NOW, 24 * H)).toBeUndefined();
    expect(expiryStatus(held(undefined), NOW, 24 * H)).toBeUndefined();
    expect(expiryStatus(held(H, { hasRefreshToken: false }), NOW, 24 * H)).toBeUndefined();
    expect(expiryStatus(held(-H, { usable: false }), NOW, 24 * H)).toBeUndefined();
    expect(expiryStatus(held(H, { refreshExpiresAt: 'soon' }), NOW, 24 * H)).toBeUndefined();
  });
});

describe('the token view refresh countdown', () => {
  it('reads in its two largest units', () => {
    expect(formatCoarseSpan((3 * 24 + 4) * H + 5 * 60_000 + 6000)).toBe('3 d 4 h');
    expect(formatCoarseSpan(2 * H + 5 * 60_000 + 59_000)).toBe('2 h 5 min');
    expect(formatCoarseSpan(4 * 60_000 + 3000)).toBe('4 min 3 s');
    expect(formatCoarseSpan(24 * H)).toBe('1 d');
    expect(formatCoarseSpan(0)).toBe('0 s');
  });

  it('says "expires in" before and "expired … ago" after, or nothing without an expiry', () => {
    const at = new Date(NOW + (3 * 24 + 4) * H).toISOString();
    expect(refreshCountdown(at, NOW)).toEqual({
      text: 'Refresh token expires in 3 d 4 h',
      expired: false,
      leftMs: (3 * 24 + 4) * H,
    });
    expect(refreshCountdown(at, NOW + (3 * 24 + 6) * H)).toMatchObject({
      text: 'Refresh token expired 2 h ago',
      expired: true,
    });
    expect(refreshCountdown(undefined, NOW)).toBeNull();
    expect(refreshCountdown('not a date', NOW)).toBeNull();
  });
});
