/**
 * Which Tests need a person (docs/architecture.md, "Test all"): the one rule the Test dialog and the batch read
 * (src-shared/needs-person.ts), each reason in the user's terms, and null for a profile a batch can test.
 */
import { describe, expect, it } from 'vitest';
import { needsTestInput, personNeeded } from '../../src-shared/needs-person';
import { profileView } from '../helpers/profile-views';

const browser = { grantType: 'authorization_code', authorizationUrl: 'https://idp.test/auth' };

describe('personNeeded', () => {
  it.each([
    ['client credentials', {}, null],
    ['authorization code, user authorize', browser, 'Needs a browser sign-in (Authorization Mode: user authorize)'],
    // Whether its held token is usable is main's to say (services/batch-skip.ts).
    ['authorization code, pre-authorize', { ...browser, authorizationMode: 'pre_authorize' }, null],
    [
      'password grant, user authorize',
      { grantType: 'password', authorizationMode: 'user' },
      "Asks for the resource owner's username and password at Test time",
    ],
    ['password grant, pre-authorize', { grantType: 'password', authorizationMode: 'pre_authorize' }, null],
    ['Tenancy on', { tenancy: { enabled: true } }, 'Asks for a tenant at Test time (Tenancy is on)'],
    [
      'typed {{field}}s',
      { tokenUrl: 'https://idp.test/{{realm}}/token', scopes: [{ key: 'scope', value: '{{scope}}' }] },
      'Asks for {{realm}}, {{scope}} at Test time',
    ],
  ])('%s', (_what, fields, reason) => {
    const profile = profileView({ grantType: 'client_credentials', ...fields });
    expect(personNeeded(profile)).toBe(reason);
  });

  it('agrees with the Test dialog: whatever the dialog asks for first, a batch skips', () => {
    for (const fields of [{ tenancy: { enabled: true } }, { grantType: 'password', authorizationMode: 'user' }, {}]) {
      const profile = profileView({ grantType: 'client_credentials', ...fields });
      expect(personNeeded(profile) !== null).toBe(needsTestInput(profile));
    }
  });
});
