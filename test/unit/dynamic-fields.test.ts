/**
 * The dynamic `{{field}}`s of a profile (src-shared/dynamic-fields.ts): which names the engine provides where,
 * which the person running the Test types, what the Test dialog asks and shows, and the profile rule that keeps a
 * `{{field}}` out of a URL's scheme, user info and port.
 */
import { describe, expect, it } from 'vitest';
import { fieldProblems, fieldUses, typedFields, withFieldDefaults } from '../../src-shared/dynamic-fields';
import { profileInput, type IdpFormField } from '../../src-shared/profile';
import { fieldPlacementProblem } from '../../src-shared/url-field-placement';
import { buildTestInput, inputSpecs, needsTestInput } from '../../src-renderer/features/test-panel/dialogs/test-input';
import { MASK, willCallItems } from '../../src-renderer/features/test-panel/dialogs/will-call-items';
import { profileView as baseView } from '../helpers/profile-views';

const profileView = (fields: Record<string, unknown>) => baseView({ grantType: 'client_credentials', ...fields });

const field = (over: Partial<IdpFormField>): IdpFormField => ({
  title: 'Field',
  key: 'f',
  helpHint: '',
  fieldType: 'textbox',
  mandatory: false,
  dataType: 'string',
  visibility: 'visible',
  defaultValue: '',
  ...over,
});

describe('typedFields: what the engine provides and what is typed', () => {
  it('lists every name where it is used, and types all but the engine’s', () => {
    const p = profileView({
      grantType: 'client_credentials',
      tenancy: { enabled: true },
      tokenUrl: 'https://{tenant}.idp.test/t/{{tokenId}}/token',
      refreshTokenUrl: 'https://idp.test/r/{{tokenId}}',
      checkUrl: 'https://api.test/{{tenant}}/me?t={{access_token}}',
      requestHeaders: [{ key: 'X-Org', value: '{{org}}' }],
      authorizationFields: [{ type: 'header', key: 'Authorization', value: '{{token_type}} {{access_token}}' }],
    });
    expect(fieldUses(p).map((u) => u.name)).toEqual([
      'tokenId',
      'tokenId',
      'org',
      'tenant',
      'access_token',
      'token_type',
      'access_token',
    ]);
    expect(typedFields(p)).toEqual([
      { key: 'tokenId', uses: ['Token Request URL', 'Refresh Token URL'] },
      { key: 'org', uses: ['Header X-Org'] },
    ]);
  });

  it('types the token names where no token exists yet, and tenant when Tenancy is off', () => {
    const p = profileView({
      tokenUrl: 'https://idp.test/{{access_token}}',
      requestHeaders: [{ key: 'X-Tenant', value: '{{tenant}}' }],
    });
    expect(typedFields(p).map((f) => f.key)).toEqual(['access_token', 'tenant']);
  });

  it('password grant: username and password come from the user in user mode, only in the token request when pre-authorized', () => {
    const fields = {
      grantType: 'password',
      tokenUrl: 'https://idp.test/{{username}}/token',
      checkUrl: 'https://api.test/{{username}}',
    };
    expect(typedFields(profileView({ ...fields, authorizationMode: 'user' }))).toEqual([]);
    expect(typedFields(profileView({ ...fields, authorizationMode: 'pre_authorize' }))).toEqual([
      { key: 'username', uses: ['Authorization Check URL'] },
    ]);
    // For other grants these are ordinary typed fields.
    expect(typedFields(profileView({ tokenUrl: fields.tokenUrl }))).toEqual([
      { key: 'username', uses: ['Token Request URL'] },
    ]);
  });
});

describe('fieldProblems and withFieldDefaults', () => {
  const p = profileView({
    tokenUrl: 'https://idp.test/{{region}}/{{tokenId}}/token?n={{n}}&opt={{opt}}&fixed={{fixed}}',
    idpFormFields: [
      field({ key: 'region', title: 'Region', visibility: 'hidden', defaultValue: 'eu' }),
      field({ key: 'n', title: 'Number', dataType: 'number', mandatory: true }),
      field({ key: 'opt', title: 'Optional' }),
      field({ key: 'fixed', title: 'Fixed', visibility: 'readonly', defaultValue: 'x' }),
    ],
  });

  it('names a missing field and where it is used; an optional one may be empty', () => {
    expect(fieldProblems(p, { n: '1' }, (k) => ` (--field ${k})`)).toEqual([
      {
        key: 'tokenId',
        message: 'Token Request URL uses {{tokenId}}, which has no value (--field tokenId)',
        issue: 'Required',
      },
    ]);
    expect(fieldProblems(p, { n: '1', tokenId: 't' })).toEqual([]);
    expect(withFieldDefaults(p, { tokenId: 't' })).toEqual({ tokenId: 't', region: 'eu', n: '', opt: '', fixed: 'x' });
  });

  it('refuses an empty mandatory field, a wrong data type and a changed hidden or read-only value', () => {
    const messages = (values: Record<string, string>) =>
      fieldProblems(p, { tokenId: 't', n: '1', ...values }).map((x) => x.message);
    expect(messages({ n: '' })).toEqual(['"Number" is required to test this profile (Token Request URL uses {{n}})']);
    expect(messages({ n: 'x' })).toEqual(['"Number" must be a number']);
    expect(messages({ region: 'us' })[0]).toMatch(/^"Region" is hidden/);
    expect(messages({ fixed: 'y' })[0]).toMatch(/^"Fixed" is read-only/);
  });
});

describe('a {{field}} in a URL field', () => {
  it.each([
    ['{{s}}://idp.test/token', 'scheme'],
    ['https://{{u}}@idp.test/token', 'user info'],
    ['https://a:{{p}}@idp.test/token', 'user info'],
    ['https://idp.test:{{port}}/token', 'port'],
  ])('is refused in %s (%s)', (url, part) => {
    expect(fieldPlacementProblem(url)).toContain(`URL's ${part}`);
    const parsed = profileInput.safeParse({
      grantType: 'client_credentials',
      name: 'p',
      identityProviderName: 'i',
      clientId: 'c',
      tokenUrl: url,
    });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]).toMatchObject({ path: ['tokenUrl'], message: expect.stringContaining(part) });
  });

  it.each(['https://{{org}}.idp.test/t/{{id}}?q={{q}}#{{f}}', 'https://[::1]:8443/{{id}}', 'https://idp.test/a:{{b}}'])(
    'is allowed in the host, path, query and fragment: %s',
    (url) => expect(fieldPlacementProblem(url)).toBeNull(),
  );
});

describe('the Test dialog and the Will call list', () => {
  const p = profileView({
    grantType: 'client_credentials',
    tokenUrl: 'https://idp.test/t/{{tokenId}}/token?pin={{pin}}&h={{hidden}}',
    checkUrl: 'https://api.test/{{tokenId}}/me',
    idpFormFields: [
      field({
        key: 'pin',
        title: 'PIN',
        fieldType: 'password',
        dataType: 'number',
        mandatory: true,
        helpHint: 'Yours',
      }),
      field({ key: 'hidden', visibility: 'hidden', defaultValue: 'h1' }),
    ],
  });

  it('needs the dialog and asks each typed field as its IDP form field says (a hidden one not at all)', () => {
    expect(needsTestInput(p)).toBe(true);
    expect(needsTestInput(profileView({}))).toBe(false);
    const specs = inputSpecs(p);
    expect(specs.map((s) => [s.name, s.label, s.type, s.required])).toEqual([
      ['field.tokenId', 'tokenId', 'text', true],
      ['field.pin', 'PIN', 'password', true],
    ]);
    expect(specs[0]!.help).toBe('Fills in {{tokenId}} in the Token Request URL, Authorization Check URL.');
    expect(specs[1]!.help).toBe('Yours. Fills in {{pin}} in the Token Request URL.');
    expect(buildTestInput(p, { 'field.tokenId': ' t1 ', 'field.pin': '42' })).toEqual({
      ok: true,
      input: { formValues: { tokenId: 't1', pin: '42' } },
    });
    expect(buildTestInput(p, {})).toMatchObject({ ok: false, errors: { 'field.tokenId': 'tokenId is required' } });
  });

  it('shows the calls with the typed values filled in, a password-typed one masked', () => {
    expect(willCallItems(p, undefined, { tokenId: 'acme', pin: '4242' })).toEqual([
      { label: 'Token Request URL', text: `https://idp.test/t/acme/token?pin=${MASK}&h={{hidden}}` },
      { label: 'Authorization Check URL', text: 'https://api.test/acme/me' },
    ]);
    const code = profileView({
      grantType: 'authorization_code',
      tenancy: { enabled: true },
      authorizationUrl: 'https://{tenant}.idp.test/authorize?x={{x}}',
    });
    expect(willCallItems(code, 'acme')[0]).toEqual({ label: 'Authorization URL host', text: 'acme.idp.test' });
    expect(willCallItems(code)[0]).toEqual({ label: 'Authorization URL host', text: '{tenant}.idp.test' });
  });
});
