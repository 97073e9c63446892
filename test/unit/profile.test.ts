import { describe, expect, it } from 'vitest';
import {
  deriveStatus,
  insecureUrlWarning,
  profileInput,
  scopeString,
  secretsPatch,
  SECRET_FIELDS,
} from '../../src-shared/profile';
import { splitImportedProfile } from '../../src-shared/export-format';
import { fieldIssues } from '../../src-shared/validate';

const presence = (set: Partial<Record<(typeof SECRET_FIELDS)[number], boolean>>) =>
  Object.fromEntries(SECRET_FIELDS.map((f) => [f, set[f] ?? false])) as Record<(typeof SECRET_FIELDS)[number], boolean>;

const valid = {
  grantType: 'client_credentials',
  name: 'Okta prod',
  identityProviderName: 'Okta',
  clientId: 'client-1',
  tokenUrl: 'https://idp.example.com/oauth2/token',
};

function issuesFor(patch: Record<string, unknown>): string[] {
  const result = profileInput.safeParse({ ...valid, ...patch });
  return result.success ? [] : fieldIssues(result.error).map((i) => `${i.path}: ${i.message}`);
}

describe('profileInput (client credentials)', () => {
  it('accepts a minimal profile and fills the defaults', () => {
    const parsed = profileInput.parse(valid);
    expect(parsed).toMatchObject({ clientAuthMethod: 'client_secret_basic', scopes: [], description: '' });
  });

  it.each([
    ['name', { name: '' }, 'name: Required'],
    ['name', { name: 'x'.repeat(101) }, 'name: At most 100 characters'],
    ['clientId', { clientId: 'x'.repeat(256) }, 'clientId: At most 255 characters'],
    ['identityProviderName', { identityProviderName: ' ' }, 'identityProviderName: Required'],
    ['tokenUrl', { tokenUrl: 'not a url' }, 'tokenUrl: Not a valid URL'],
    ['tokenUrl', { tokenUrl: 'javascript:alert(1)' }, 'tokenUrl: javascript: URLs are not allowed'],
    ['tokenUrl', { tokenUrl: 'file:///etc/passwd' }, 'tokenUrl: file: URLs are not allowed'],
    ['tokenUrl', { tokenUrl: 'data:text/html,hi' }, 'tokenUrl: data: URLs are not allowed'],
    ['tokenUrl', { tokenUrl: 'ftp://idp.example.com/token' }, 'tokenUrl: Only http:// and https://'],
    ['tokenUrl', { tokenUrl: 'https://user:pw@idp.example.com/token' }, 'tokenUrl: Credentials in the URL'],
    ['tokenUrl', { tokenUrl: `https://idp.example.com/${'a'.repeat(3000)}` }, 'tokenUrl: At most 3000 characters'],
    ['clientAuthMethod', { clientAuthMethod: 'client_secret_jwt_bearer' }, 'clientAuthMethod:'],
    ['scopes', { scopes: [{ key: '', value: 'x' }] }, 'scopes.0.key: Required'],
    ['identityProviderName', { identityProviderName: 'Okta\u001b[31m' }, 'identityProviderName: No control'],
    ['clientId', { clientId: 'client\u0000' }, 'clientId: No control'],
    ['description', { description: 'line\u009b2J' }, 'description: No control'],
  ])('rejects a bad %s and names the field', (_field, patch, expected) => {
    expect(issuesFor(patch).join('\n')).toContain(expected);
  });

  it('keeps tabs and newlines in a description', () => {
    expect(issuesFor({ description: 'first line\n\tsecond line\r\n' })).toEqual([]);
  });

  it('rejects unknown keys, including __proto__ and secrets smuggled into the fields', () => {
    expect(issuesFor({ clientSecret: 's3cret' }).join()).toMatch(/clientSecret|Unrecognized/);
    expect(
      profileInput.safeParse(
        JSON.parse(
          `{"grantType":"client_credentials","name":"a","identityProviderName":"b","clientId":"c","tokenUrl":"https://x.example/t","__proto__":{"admin":true}}`,
        ),
      ).success,
    ).toBe(false);
  });

  it('rejects an unknown grant type', () => {
    expect(profileInput.safeParse({ ...valid, grantType: 'implicit' }).success).toBe(false);
  });
});

describe('authorization fields of type path', () => {
  const path = (value: string) => ({
    checkUrl: 'https://api.example.com/users/{id}/me',
    authorizationFields: [{ type: 'path', key: 'id', value }],
  });
  it.each(['.', '..'])('refuse the value %j: it would collapse the path segments of the check URL', (value) => {
    expect(issuesFor(path(value))).toEqual([
      'authorizationFields.0.value: "." and ".." are not allowed as a path value (they would move up the URL path)',
    ]);
  });
  it.each(['..x', '{{access_token}}', '.well-known'])('accept %j', (value) => {
    expect(issuesFor(path(value))).toEqual([]);
  });
  it('leave "." alone in other placements', () => {
    expect(issuesFor({ authorizationFields: [{ type: 'query', key: 'id', value: '..' }] })).toEqual([]);
  });
});

describe('a PFX client certificate is a secret', () => {
  const pfx = (certificate: string) => ({ clientCertificate: { enabled: true, format: 'pfx', certificate } });
  it('is refused in the profile fields, which SQLite stores', () => {
    expect(issuesFor(pfx('MIIKSQIBAzCCCg8GCSqGSIb3DQEHAaCCCgAEggn8MIIJ'))).toEqual([
      'clientCertificate.certificate: A PFX holds the private key: it is stored in the keychain as Client Certificate (PFX), not here',
    ]);
    expect(issuesFor(pfx(''))).toEqual([]);
    expect(issuesFor({ clientCertificate: { enabled: true, format: 'pem', certificate: '' } })).toEqual([
      'clientCertificate.certificate: Required when Client Certificate Exchange is on',
    ]);
  });
  it('is the secret clientPfx: a profile using one is configured only when it is set', () => {
    expect(SECRET_FIELDS).toContain('clientPfx');
    expect(secretsPatch.parse({ clientPfx: 'UEZY', clientPrivateKey: null })).toEqual({
      clientPfx: 'UEZY',
      clientPrivateKey: null,
    });
    const profile = profileInput.parse({ ...valid, ...pfx('') });
    expect(deriveStatus(profile, presence({ clientSecret: true }))).toEqual({
      status: 'not_configured',
      reasons: ['Client Certificate (PFX) is not set'],
    });
    expect(deriveStatus(profile, presence({ clientSecret: true, clientPfx: true })).status).toBe('configured');
  });
  it('moves from an old export file into the secrets on import, an inline clientPfx winning', () => {
    const entry = { ...valid, ...pfx('UEZYLW9sZA==') };
    expect(splitImportedProfile(entry)).toEqual({
      fields: { ...valid, ...pfx('') },
      secrets: { clientPfx: 'UEZYLW9sZA==' },
    });
    expect(splitImportedProfile({ ...entry, clientPfx: 'bmV3' }).secrets).toEqual({ clientPfx: 'bmV3' });
    const pem = { ...valid, clientCertificate: { enabled: true, format: 'pem', certificate: 'PEM' } };
    expect(splitImportedProfile(pem)).toEqual({ fields: pem, secrets: {} });
  });
});

describe('secretsPatch', () => {
  it('distinguishes keep (absent), replace (string) and delete (null)', () => {
    expect(secretsPatch.parse({})).toEqual({});
    expect(secretsPatch.parse({ clientSecret: 'x' })).toEqual({ clientSecret: 'x' });
    expect(secretsPatch.parse({ clientSecret: null })).toEqual({ clientSecret: null });
    expect(secretsPatch.safeParse({ clientSecret: 'x'.repeat(256) }).success).toBe(false);
  });
});

describe('deriveStatus', () => {
  const profile = profileInput.parse(valid);
  it('is Configured only when the client secret is set', () => {
    expect(deriveStatus(profile, presence({ clientSecret: true }))).toEqual({ status: 'configured', reasons: [] });
    expect(deriveStatus(profile, presence({ clientSecret: false }))).toEqual({
      status: 'not_configured',
      reasons: ['Client Secret is not set'],
    });
  });
  it('needs no secret for a public client', () => {
    expect(deriveStatus({ ...profile, clientAuthMethod: 'none' }, presence({ clientSecret: false })).status).toBe(
      'configured',
    );
  });
});

describe('scopeString and insecureUrlWarning', () => {
  it('joins the values of scope keys with single spaces (RFC 6749 §3.3)', () => {
    expect(
      scopeString([
        { key: 'scope', value: 'read  write' },
        { key: 'audience', value: 'api' },
        { key: 'scope', value: 'admin' },
      ]),
    ).toBe('read write admin');
  });
  it('shows an internationalised host in punycode, so a look-alike is visible', () => {
    expect(insecureUrlWarning('https://аccounts.google.com/token')).toMatch(/xn--ccounts-/);
  });
  it('flags http to a remote host, not to loopback or https', () => {
    expect(insecureUrlWarning('http://idp.example.com/token')).toMatch(/unencrypted/);
    expect(insecureUrlWarning('http://127.0.0.1:8080/token')).toBeNull();
    expect(insecureUrlWarning('https://idp.example.com/token')).toBeNull();
  });
});

describe('scope pairs', () => {
  it.each(['grant_type', 'client_id', 'client_secret'])('refuse the engine-owned parameter %s', (key) => {
    expect(issuesFor({ scopes: [{ key, value: 'x' }] }).join()).toContain(
      'scopes.0.key: This parameter is set by Authbench itself',
    );
  });
  it('accept extra parameters such as audience', () => {
    expect(issuesFor({ scopes: [{ key: 'audience', value: 'https://api.example.com' }] })).toEqual([]);
  });
});
