/**
 * The grant registry (docs/architecture.md, "How to add a grant"): every grant type has a flow row in main
 * and a GRANT_INFO row in src-shared, the tables are exhaustive at compile time, and the facts the runner and
 * the renderer read from GRANT_INFO give the answers the old per-grant branches gave.
 */
import { describe, expect, it } from 'vitest';
import { AppError } from '../../src-shared/errors';
import {
  canRegenerate,
  GRANT_INFO,
  GRANT_TYPES,
  secretFormKeys,
  storedUserSecrets,
  type GrantInfo,
  type GrantInfoTable,
  type GrantType,
} from '../../src-shared/grants';
import * as profileModule from '../../src-shared/profile';
import { profileInput, RESERVED_PARAMETERS, requiredSecrets, type IdpFormField } from '../../src-shared/profile';
import { GRANT_FLOWS, loadGrantFlow, type GrantFlows } from '../../src-main/oauth/grants';
import { runAuthorizationCode } from '../../src-main/oauth/flows/authorization-code';
import { runClientCredentials } from '../../src-main/oauth/flows/client-credentials';
import { runPassword } from '../../src-main/oauth/flows/password';
import { runDeviceCode } from '../../src-main/oauth/flows/device-code';

describe('GRANT_FLOWS (src-main/oauth/grants.ts)', () => {
  it('has exactly one row per grant type', () => {
    expect(Object.keys(GRANT_FLOWS).sort()).toEqual([...GRANT_TYPES].sort());
  });

  it.each(GRANT_TYPES)('the %s row loads a flow with a run function', async (grantType) => {
    const flow = await GRANT_FLOWS[grantType]();
    expect(typeof flow.run).toBe('function');
    expect(flow.run.length).toBe(2);
  });

  it('each row loads its own grant’s flow', async () => {
    expect((await loadGrantFlow('authorization_code')).run).toBe(runAuthorizationCode);
    expect((await loadGrantFlow('client_credentials')).run).toBe(runClientCredentials);
    expect((await loadGrantFlow('password')).run).toBe(runPassword);
    expect((await loadGrantFlow('device_code')).run).toBe(runDeviceCode);
  });

  it('refuses a grant type without a row (a value from outside the schema) with unsupported_grant', async () => {
    const error = await loadGrantFlow('saml2_bearer' as GrantType).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({
      code: 'unsupported_grant',
      message: 'Testing saml2_bearer profiles is not supported',
    });
  });

  it('does not compile without a row for every grant type', () => {
    const run = async () => ({ exchanges: [] });
    // @ts-expect-error -- the password row is missing
    const missing: GrantFlows = {
      authorization_code: async () => ({ run }),
      client_credentials: async () => ({ run }),
    };
    expect(Object.keys(missing)).not.toContain('password');
  });
});

describe('GRANT_INFO (src-shared/grants.ts)', () => {
  it('has exactly one row per grant type, and GRANT_TYPE_LABELS are its labels', () => {
    expect(Object.keys(GRANT_INFO).sort()).toEqual([...GRANT_TYPES].sort());
    expect(profileModule.GRANT_TYPE_LABELS).toEqual({
      authorization_code: 'OAuth v2',
      client_credentials: 'OAuth v2 client credentials',
      password: 'OAuth v2 password grant',
      device_code: 'OAuth v2 device authorization',
      jwt_bearer: 'OAuth v2 JWT bearer',
      token_exchange: 'OAuth v2 token exchange',
    });
    expect(profileModule.GRANT_TYPES).toBe(GRANT_TYPES);
    expect(profileModule.canRegenerate).toBe(canRegenerate);
  });

  it('knows which grant needs the browser and which is legacy', () => {
    expect(GRANT_TYPES.filter((g) => GRANT_INFO[g].needsBrowser)).toEqual(['authorization_code', 'device_code']);
    expect(GRANT_TYPES.filter((g) => GRANT_INFO[g].legacy)).toEqual(['password']);
  });

  it('lists the exchange steps each grant may record', () => {
    expect(GRANT_INFO.authorization_code.steps).toEqual(['par', 'authorize', 'callback', 'token', 'refresh', 'check']);
    expect(GRANT_INFO.client_credentials.steps).toEqual(['token', 'refresh', 'check']);
    expect(GRANT_INFO.password.steps).toEqual(['token', 'refresh', 'check']);
    expect(GRANT_INFO.device_code.steps).toEqual(['device_authorization', 'token', 'refresh', 'check']);
    expect(GRANT_INFO.jwt_bearer.steps).toEqual(['token', 'refresh', 'check']);
  });

  it('asks for no Test inputs of its own for the grants of RFC 6749', () => {
    expect(GRANT_TYPES.filter((g) => GRANT_INFO[g].testInputs.length > 0)).toEqual([]);
  });

  it('does not compile without a row for every grant type, or a row without testInputs and tokenParameters', () => {
    // @ts-expect-error -- testInputs and tokenParameters are missing
    const partial: GrantInfo = {
      label: 'x',
      needsBrowser: false,
      steps: ['token'],
      regenerates: 'never',
      userSecrets: [],
      secretFormKeys: [],
      legacy: false,
    };
    expect(partial).not.toHaveProperty('testInputs');
    const row: GrantInfo = GRANT_INFO.password;
    // @ts-expect-error -- the client_credentials row is missing
    const missing: GrantInfoTable = { authorization_code: row, password: row };
    expect(Object.keys(missing)).toHaveLength(2);
  });
});

describe('the rules GRANT_INFO answers', () => {
  it('reserves grant_type, client authentication, refresh_token and every grant’s tokenParameters', () => {
    expect(GRANT_INFO.authorization_code.tokenParameters).toEqual(['code', 'code_verifier', 'redirect_uri']);
    expect(GRANT_INFO.client_credentials.tokenParameters).toEqual([]);
    expect(GRANT_INFO.password.tokenParameters).toEqual(['username', 'password']);
    expect(GRANT_INFO.device_code.tokenParameters).toEqual(['device_code']);
    expect(GRANT_INFO.jwt_bearer.tokenParameters).toEqual(['assertion']);
    expect(GRANT_INFO.token_exchange.tokenParameters).toEqual([
      'subject_token',
      'subject_token_type',
      'actor_token',
      'actor_token_type',
      'requested_token_type',
    ]);
    expect([...RESERVED_PARAMETERS].sort()).toEqual(
      [
        'grant_type',
        'client_id',
        'client_secret',
        'client_assertion',
        'client_assertion_type',
        'assertion',
        'code',
        'code_verifier',
        'redirect_uri',
        'refresh_token',
        'username',
        'password',
        'device_code',
        ...['subject_token', 'subject_token_type', 'actor_token', 'actor_token_type', 'requested_token_type'],
      ].sort(),
    );
    const base = { grantType: 'client_credentials', name: 'p', identityProviderName: 'i', clientId: 'c' };
    const withScope = (key: string) =>
      profileInput.safeParse({ ...base, tokenUrl: 'https://idp.example/t', scopes: [{ key, value: 'v' }] });
    expect(withScope('audience').success).toBe(true);
    expect(withScope('code').error?.issues.map((i) => i.message)).toEqual([
      'This parameter is set by Authbench itself; use the field for it',
    ]);
  });

  it('canRegenerate: client credentials with auto-refresh; the others only pre-authorized; never without consent', () => {
    expect(canRegenerate({ grantType: 'client_credentials', autoRefresh: true })).toBe(true);
    expect(canRegenerate({ grantType: 'client_credentials', autoRefresh: false })).toBe(false);
    for (const grantType of ['authorization_code', 'password'] as const) {
      expect(canRegenerate({ grantType, autoRefresh: true, authorizationMode: 'pre_authorize' })).toBe(true);
      expect(canRegenerate({ grantType, autoRefresh: true, authorizationMode: 'user' })).toBe(false);
      expect(canRegenerate({ grantType, autoRefresh: false, authorizationMode: 'pre_authorize' })).toBe(false);
    }
  });

  it('stores the user’s username and password only for a pre-authorized password-grant profile', () => {
    expect(storedUserSecrets({ grantType: 'password', authorizationMode: 'pre_authorize' })).toEqual([
      'username',
      'password',
    ]);
    expect(storedUserSecrets({ grantType: 'password', authorizationMode: 'user' })).toEqual([]);
    expect(storedUserSecrets({ grantType: 'authorization_code', authorizationMode: 'pre_authorize' })).toEqual([]);
    const cert = { enabled: false, format: 'pem' } as const;
    const base = { clientAuthMethod: 'client_secret_post', clientCertificate: cert } as const;
    expect(requiredSecrets({ ...base, grantType: 'password', authorizationMode: 'pre_authorize' })).toEqual([
      'clientSecret',
      'username',
      'password',
    ]);
    expect(requiredSecrets({ ...base, grantType: 'authorization_code', authorizationMode: 'pre_authorize' })).toEqual([
      'clientSecret',
    ]);
  });

  it('treats a typed password, and IDP form fields of type password, as secrets; textbox fields stay visible', () => {
    const field = (key: string, fieldType: 'textbox' | 'password') => ({ key, fieldType }) as IdpFormField;
    const idpFormFields = [field('pin', 'password'), field('realm', 'textbox')];
    expect([...secretFormKeys({ grantType: 'password', idpFormFields })].sort()).toEqual(['password', 'pin']);
    expect([...secretFormKeys({ grantType: 'client_credentials' })]).toEqual(['password']);
  });
});
