/**
 * The help under Authorization Mode and Auto-refresh token says what the runner does (docs/architecture.md,
 * "Held tokens"): the sign-in-once promise only where a Test holds its token, the refresh before expiry only
 * there, and "With this on … instead of failing" exactly where auto-refresh regenerates (canRegenerate).
 */
import { describe, expect, it } from 'vitest';
import { AUTHORIZATION_MODES, canRegenerate, GRANT_TYPES } from '../../src-shared/grants';
import { holdsToken } from '../../src-shared/token-source';
import { autoRefreshHelp, signInModeHelp } from '../../src-renderer/features/profiles/editor/token-help';
import { EXPIRY_MARGIN_MS } from '../../src-main/services/held-token';

const cases = GRANT_TYPES.flatMap((grantType) =>
  AUTHORIZATION_MODES.map((authorizationMode) => ({ grantType, authorizationMode })),
);

describe('Authorization Mode and Auto-refresh token help', () => {
  it.each(cases)('$grantType in $authorizationMode mode', (profile) => {
    const help = autoRefreshHelp(profile);
    const regenerates = canRegenerate({ ...profile, autoRefresh: true });
    expect(help.includes('instead of failing')).toBe(regenerates);
    expect(help.startsWith('No effect')).toBe(!regenerates);
    // Only a profile that holds its token refreshes it before use; the margin the help names is the code's.
    expect(help.includes('expires within 30 s')).toBe(holdsToken(profile));
    if (holdsToken(profile)) expect(EXPIRY_MARGIN_MS).toBe(30_000);
    if (profile.grantType === 'authorization_code' && regenerates) expect(help).toMatch(/opens the browser/);
  });

  it('promises sign-in once only in pre-authorize mode, naming what makes the browser open again', () => {
    const once = signInModeHelp({ grantType: 'authorization_code', authorizationMode: 'pre_authorize' });
    expect(once).toMatch(/^You sign in once/);
    for (const reason of [
      'none held',
      'invalid_grant',
      'another tenant',
      'other {{field}} values',
      'Client ID',
      'scope',
      'Sign in again',
    ])
      expect(once).toContain(reason);
    expect(signInModeHelp({ grantType: 'authorization_code', authorizationMode: 'user' })).toBe(
      'Each Test opens the system browser for a person to sign in, even when a token is held.',
    );
  });
});

describe('the device code grant', () => {
  it('has its own help, not the authorization code’s modes', () => {
    const help = autoRefreshHelp({ grantType: 'device_code', authorizationMode: 'user' });
    expect(help).toMatch(/^No effect for the device code/);
    expect(help).not.toContain('User authorize mode');
  });
});
