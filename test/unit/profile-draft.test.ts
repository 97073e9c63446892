/**
 * The editor's draft, derived from the shared schema: a new draft holds the schema's defaults, a stored
 * profile round-trips through the draft unchanged for every grant type, only the grant's own fields are
 * sent, and number fields typed as text are read back (or named when they are not numbers).
 */
import { describe, expect, it } from 'vitest';
import { GRANT_TYPES, profileInput, SECRET_FIELDS, type GrantType, type ProfileView } from '../../src-shared/profile';
import { draftFromView, draftToInput, emptyDraft } from '../../src-renderer/features/profiles/form/draft-convert';
import { editorPath, validateDraft } from '../../src-renderer/features/profiles/form/draft-validate';
import { has } from '../../src-renderer/features/profiles/form/grant-forms';
import { kvRow } from '../../src-renderer/features/profiles/form/profile-draft';

const row = expect.any(String);

/** A profile of `grantType` with every field set away from its default. */
function fullInput(grantType: GrantType): Record<string, unknown> {
  const common = {
    grantType,
    name: `Full ${grantType}`,
    identityProviderName: 'Okta',
    description: 'Every field set',
    clientId: 'client-1',
    clientAuthMethod: 'client_secret_post',
    clientAssertion: { alg: '', kid: '', audience: 'token_endpoint' },
    tokenUrl: 'https://{tenant}.example.com/token',
    refreshTokenUrl: 'https://idp.example.com/refresh',
    issuer: 'https://idp.example.com',
    introspectionUrl: 'https://idp.example.com/introspect',
    revocationUrl: 'https://idp.example.com/revoke',
    userinfoUrl: 'https://idp.example.com/me',
    scopes: [
      { key: 'scope', value: 'openid api:read' },
      { key: 'audience', value: 'api' },
    ],
    tenancy: { enabled: true },
    authorizationFields: [{ type: 'path', key: 'user', value: '{{access_token}}' }],
    requestHeaders: [{ key: 'X-Api-Version', value: '2' }],
    applyHeadersToRefresh: true,
    tokenRequest: { method: 'PUT', contentType: 'json' },
    checkUrl: 'https://api.example.com/{user}/me',
    authErrorStatusCodes: [401, 403],
    autoRefresh: true,
    clientCertificate: { enabled: true, format: 'pfx', certificate: '' },
    caBundle: '-----BEGIN CERTIFICATE-----',
    proxyUrl: 'http://proxy.example.com:3128',
    dpop: { enabled: true, alg: 'EdDSA' },
    idpFormFields: [],
  };
  if (grantType === 'authorization_code') {
    return {
      ...common,
      authorizationUrl: 'https://idp.example.com/authorize',
      callbackPort: 53682,
      additionalFields: [{ key: 'prompt', value: 'login' }],
      authorizationMode: 'pre_authorize',
      pkce: { enabled: true, method: 'plain' },
    };
  }
  if (grantType === 'password') {
    return {
      ...common,
      additionalFields: [{ key: 'pin', value: '{{pin}}' }],
      idpFormFields: [
        {
          title: 'PIN',
          key: 'pin',
          helpHint: 'On your badge',
          fieldType: 'password',
          mandatory: true,
          dataType: 'number',
          visibility: 'visible',
          defaultValue: '',
        },
      ],
      authorizationMode: 'pre_authorize',
    };
  }
  if (grantType === 'device_code') return { ...common, deviceAuthorizationUrl: 'https://{tenant}.example.com/device' };
  if (grantType === 'token_exchange')
    return {
      ...common,
      tokenExchange: {
        subjectSource: 'profile',
        subjectProfile: 'Other',
        subjectTokenKind: 'id_token',
        subjectTokenType: 'id_token',
        actorSource: 'pasted',
        actorProfile: '',
        actorTokenKind: 'access_token',
        actorTokenType: 'jwt',
        requestedTokenType: 'saml2',
        audiences: ['api-a', 'api-b'],
        resources: ['https://api.example.com/a'],
      },
    };
  return common;
}

function viewOf(input: Record<string, unknown>): ProfileView {
  const fields = profileInput.parse(input);
  const secrets = Object.fromEntries(SECRET_FIELDS.map((f) => [f, f === 'clientSecret'])) as ProfileView['secrets'];
  return { ...fields, id: 'p1', createdAt: '', updatedAt: '', secrets, status: 'configured', statusReasons: [] };
}

describe('emptyDraft', () => {
  it('starts from the schema defaults, numbers as text, optional URLs empty, and one scope row', () => {
    expect(emptyDraft('authorization_code')).toEqual({
      grantType: 'authorization_code',
      name: '',
      identityProviderName: '',
      description: '',
      clientId: '',
      clientAuthMethod: 'client_secret_basic',
      authorizationUrl: '',
      deviceAuthorizationUrl: '',
      tokenUrl: '',
      refreshTokenUrl: '',
      issuer: '',
      introspectionUrl: '',
      revocationUrl: '',
      userinfoUrl: '',
      callbackPort: '',
      callbackHost: '127.0.0.1',
      callbackPath: '/callback',
      responseMode: 'query',
      scopes: [{ rowId: row, key: 'scope', value: '' }],
      tenancy: { enabled: false },
      additionalFields: [],
      idpFormFields: [],
      authorizationFields: [],
      requestHeaders: [],
      applyHeadersToRefresh: false,
      tokenRequest: { method: 'POST', contentType: 'form' },
      checkUrl: '',
      authErrorStatusCodes: '401',
      authorizationMode: 'user',
      autoRefresh: false,
      pkce: { enabled: true, method: 'S256' },
      pushedAuthorization: 'auto',
      pushedAuthorizationRequestUrl: '',
      clientCertificate: { enabled: false, format: 'pem', certificate: '' },
      caBundle: '',
      proxyUrl: '',
      clientAssertion: { alg: '', kid: '', audience: 'token_endpoint' },
      jwtBearer: { issuer: '', subject: '', claims: [], alg: '', kid: '' },
      tokenExchange: {
        subjectSource: 'profile',
        subjectProfile: '',
        subjectTokenKind: 'access_token',
        subjectTokenType: 'access_token',
        actorSource: 'none',
        actorProfile: '',
        actorTokenKind: 'access_token',
        actorTokenType: 'access_token',
        requestedTokenType: '',
        audiences: [],
        resources: [],
        allowOtherHost: false,
      },
      dpop: { enabled: false, alg: 'ES256' },
    });
  });

  it('gives each new draft its own groups and rows', () => {
    const a = emptyDraft('client_credentials');
    const b = emptyDraft('client_credentials');
    expect(a.tokenRequest).not.toBe(b.tokenRequest);
    expect(a.scopes[0]!.rowId).not.toBe(b.scopes[0]!.rowId);
  });
});

describe('draftFromView and draftToInput', () => {
  it.each(GRANT_TYPES)('round-trips a stored %s profile with every field set', (grantType) => {
    const input = fullInput(grantType);
    const view = viewOf(input);
    const draft = draftFromView(view);
    expect(draft.authErrorStatusCodes).toBe('401, 403');
    expect(draft.scopes.every((r) => typeof r.rowId === 'string')).toBe(true);
    expect(profileInput.parse(draftToInput(draft))).toEqual(profileInput.parse(input));
    expect(validateDraft(draft)).toEqual({});
  });

  it('sends only the fields of the grant type, without row ids', () => {
    const draft = {
      ...emptyDraft('client_credentials'),
      additionalFields: [kvRow('prompt', 'login')],
      callbackPort: '8080',
    };
    const sent = draftToInput(draft);
    expect(Object.keys(sent).sort()).toEqual(Object.keys(fullInput('client_credentials')).sort());
    expect(sent).toMatchObject({ grantType: 'client_credentials', scopes: [{ key: 'scope', value: '' }] });
    expect(JSON.stringify(sent)).not.toContain('rowId');
  });

  it('reads typed numbers back, leaving an empty or unreadable port out', () => {
    const draft = { ...emptyDraft('authorization_code'), callbackPort: ' 8080 ', authErrorStatusCodes: '401, 403,' };
    expect(draftToInput(draft)).toMatchObject({ callbackPort: 8080, authErrorStatusCodes: [401, 403] });
    expect(draftToInput({ ...draft, callbackPort: '' })).not.toHaveProperty('callbackPort');
    expect(draftToInput({ ...draft, callbackPort: 'abc' })).not.toHaveProperty('callbackPort');
  });
});

describe('validateDraft', () => {
  it('names number fields that are not numbers, for the grant types that have them', () => {
    const draft = { ...emptyDraft('authorization_code'), callbackPort: 'abc', authErrorStatusCodes: '401, x' };
    expect(validateDraft(draft)).toMatchObject({
      callbackPort: 'Enter a port number from 1024 to 65535, or leave empty',
      authErrorStatusCodes: 'Comma-separated HTTP status codes from 100 to 599, e.g. 401, 403',
    });
    expect(validateDraft({ ...draft, grantType: 'client_credentials' })).not.toHaveProperty('callbackPort');
  });

  it('shows an issue on one status code on the whole text field', () => {
    expect(editorPath('profile.authErrorStatusCodes.1')).toBe('authErrorStatusCodes');
    expect(editorPath('profile.scopes.0.key')).toBe('scopes.0.key');
  });
});

describe('has', () => {
  it('reads which grant has which field from the schema', () => {
    expect(GRANT_TYPES.filter((grantType) => has({ grantType }, 'pkce'))).toEqual(['authorization_code']);
    expect(GRANT_TYPES.filter((grantType) => has({ grantType }, 'idpFormFields'))).toEqual([...GRANT_TYPES]);
    const withMode = GRANT_TYPES.filter((grantType) => has({ grantType }, 'authorizationMode'));
    expect(withMode).toEqual(['authorization_code', 'password']);
    expect(GRANT_TYPES.every((grantType) => has({ grantType }, 'tokenUrl'))).toBe(true);
  });
});
