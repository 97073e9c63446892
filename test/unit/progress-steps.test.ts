/**
 * The step indicator's headline while no message from main has arrived (docs/architecture.md, "A Test, step
 * by step"): the token request after a browser sign-in redeems the code (RFC 6749 §4.1.3), read from
 * GRANT_INFO's needsBrowser rather than a grant type's name.
 */
import { describe, expect, it } from 'vitest';
import { GRANT_INFO, GRANT_TYPES } from '../../src-shared/grants';
import { stepHeadline } from '../../src-renderer/features/test-panel/run/progress-steps';

describe('stepHeadline', () => {
  it('says the code is exchanged only for a grant that signs in in the browser', () => {
    expect(stepHeadline('token', 'authorization_code')).toBe('Exchanging the code…');
    expect(stepHeadline('token', 'client_credentials')).toBe('Requesting a token…');
    expect(stepHeadline('token', 'password')).toBe('Requesting a token…');
    for (const grantType of GRANT_TYPES)
      expect(stepHeadline('token', grantType) === 'Exchanging the code…').toBe(GRANT_INFO[grantType].needsBrowser);
  });

  it('names the other phases the same for every grant', () => {
    expect(stepHeadline(null, 'password')).toBe('Starting…');
    expect(stepHeadline('callback', 'authorization_code')).toBe('Waiting for the browser sign-in…');
    expect(stepHeadline('check', 'client_credentials')).toBe('Calling the check URL…');
    expect(stepHeadline('done', 'client_credentials')).toBe('Starting…');
  });
});
