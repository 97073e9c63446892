/**
 * What the Test dialog asks for (docs/architecture.md, "How to add a grant"): the inputs follow GRANT_INFO,
 * not the grant type's name, so a grant whose row lists testInputs gets them asked, typed as secrets when
 * they are, and sent as formValues; the three grants of RFC 6749 ask for what they asked for before.
 */
import { describe, expect, it, vi } from 'vitest';
import type { GrantInfo, GrantType } from '../../src-shared/grants';
import { profileInput, type ProfileView } from '../../src-shared/profile';
import {
  buildTestInput,
  hiddenValues,
  inputSpecs,
  needsTestInput,
  tenantUrlFields,
} from '../../src-renderer/features/test-panel/dialogs/test-input';

// A grant row as a new grant would add it: one value typed at Test time, a secret.
vi.mock('../../src-shared/grants', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../src-shared/grants')>();
  const row: GrantInfo = {
    ...real.GRANT_INFO.client_credentials,
    secretFormKeys: ['password', 'assertion'],
    testInputs: [{ key: 'assertion', label: 'Assertion', help: 'The signed JWT' }],
  };
  return {
    ...real,
    GRANT_INFO: { ...real.GRANT_INFO, with_assertion: row },
    secretFormKeys: (profile: Parameters<typeof real.secretFormKeys>[0]) =>
      (profile.grantType as string) === 'with_assertion' ? new Set(row.secretFormKeys) : real.secretFormKeys(profile),
  };
});

function view(fields: Record<string, unknown>, grantType?: string): ProfileView {
  const input = profileInput.parse({
    grantType: 'client_credentials',
    name: 'p',
    identityProviderName: 'idp',
    clientId: 'c',
    tokenUrl: 'https://idp.example/token',
    ...fields,
  });
  return {
    ...input,
    ...(grantType ? { grantType: grantType as GrantType } : {}),
    id: 'id-1',
    createdAt: '',
    updatedAt: '',
    secrets: {
      clientSecret: true,
      username: false,
      password: false,
      clientPrivateKey: false,
      clientCertificatePassphrase: false,
      clientPfx: false,
      subjectToken: false,
      actorToken: false,
      dpopPrivateKey: false,
      jwtSigningKey: false,
    },
    status: 'configured',
    statusReasons: [],
  } as ProfileView;
}

const names = (profile: ProfileView) => inputSpecs(profile).map((s) => [s.name, s.type, s.required]);

describe('a grant with testInputs in its GRANT_INFO row', () => {
  const profile = view({}, 'with_assertion');

  it('opens the dialog and asks for each input, a secret one as a password', () => {
    expect(needsTestInput(profile)).toBe(true);
    expect(inputSpecs(profile)).toEqual([
      {
        name: 'field.assertion',
        key: 'assertion',
        label: 'Assertion',
        help: 'The signed JWT',
        type: 'password',
        dataType: 'string',
        required: true,
        readOnly: false,
        defaultValue: '',
        autoComplete: 'off',
      },
    ]);
  });

  it('sends the typed value as formValues, and refuses an empty one', () => {
    expect(buildTestInput(profile, { 'field.assertion': 'eyJ.a.b' })).toEqual({
      ok: true,
      input: { formValues: { assertion: 'eyJ.a.b' } },
    });
    expect(buildTestInput(profile, {})).toEqual({
      ok: false,
      errors: { 'field.assertion': 'Assertion is required' },
    });
  });

  it('asks for the tenant first when Tenancy is on', () => {
    const tenanted = view(
      { tenancy: { enabled: true }, tokenUrl: 'https://{tenant}.idp.example/token' },
      'with_assertion',
    );
    expect(names(tenanted)).toEqual([
      ['tenant', 'text', true],
      ['field.assertion', 'password', true],
    ]);
  });
});

describe('the grants of RFC 6749 ask for what they asked for before', () => {
  it('client credentials: no dialog without Tenancy, and no formValues with it', () => {
    expect(needsTestInput(view({}))).toBe(false);
    const tenanted = view({ tenancy: { enabled: true }, tokenUrl: 'https://{tenant}.idp.example/token' });
    expect(names(tenanted)).toEqual([['tenant', 'text', true]]);
    expect(buildTestInput(tenanted, { tenant: 'acme' })).toEqual({ ok: true, input: { tenant: 'acme' } });
  });

  it('password grant in user mode: Username, Password, then the visible IDP form fields; hidden ones sent', () => {
    const idpFormFields = [
      { title: 'PIN', key: 'pin', fieldType: 'password' },
      { title: 'Device', key: 'device', visibility: 'hidden', defaultValue: 'd1' },
    ];
    const profile = view({ grantType: 'password', authorizationMode: 'user', idpFormFields });
    expect(needsTestInput(profile)).toBe(true);
    expect(names(profile)).toEqual([
      ['field.username', 'text', true],
      ['field.password', 'password', true],
      ['field.pin', 'password', false],
    ]);
    expect(hiddenValues(profile)).toEqual({ device: 'd1' });
    const values = { 'field.username': 'alice', 'field.password': 'pw', 'field.pin': '12' };
    expect(buildTestInput(profile, values)).toEqual({
      ok: true,
      input: { formValues: { device: 'd1', username: 'alice', password: 'pw', pin: '12' } },
    });
  });

  it('password grant pre-authorized, and authorization code: no dialog without Tenancy', () => {
    expect(needsTestInput(view({ grantType: 'password', authorizationMode: 'pre_authorize' }))).toBe(false);
    const code = view({ grantType: 'authorization_code', authorizationUrl: 'https://idp.example/authorize' });
    expect(needsTestInput(code)).toBe(false);
    expect(hiddenValues(code)).toEqual({});
    const tenanted = view({
      grantType: 'authorization_code',
      tenancy: { enabled: true },
      authorizationUrl: 'https://{tenant}.idp.example/authorize',
    });
    expect(names(tenanted)).toEqual([['tenant', 'text', true]]);
    expect(tenantUrlFields(tenanted)).toEqual(['Authorization URL']);
  });
});
