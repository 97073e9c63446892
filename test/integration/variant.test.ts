/**
 * One-click variants (docs/architecture.md, "Variants"): a failed Test suggests the one change its hint names,
 * and a run with that override passes without touching the stored profile; overrides that would send the stored
 * secret to another host, or that name an unknown field, are refused before anything is sent. Real services
 * (SQLite in a temp dir, the real keychain) against a real oidc-provider on 127.0.0.1.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startOidcIdp, type RunningIdp } from '../../src-main/demo/demo-idp';
import { makeTestContext, type TestContext } from '../helpers/context';

const SECRET = 'post-only-secret-5b1e';

describe('Test variants against oidc-provider (a client_secret_post-only client)', () => {
  let idp: RunningIdp;
  let ctx: TestContext;
  let profileId: string;

  beforeAll(async () => {
    idp = await startOidcIdp({
      scopes: ['api:read'],
      strictClientAuth: true,
      clients: [
        {
          client_id: 'post-only',
          client_secret: SECRET,
          token_endpoint_auth_method: 'client_secret_post',
          grant_types: ['client_credentials'],
          scope: 'api:read',
        },
      ],
    });
    ctx = makeTestContext();
    const profile = await ctx.profiles.create(
      {
        grantType: 'client_credentials',
        name: 'post only',
        identityProviderName: 'oidc-provider',
        clientId: 'post-only',
        clientAuthMethod: 'client_secret_basic',
        tokenUrl: idp.tokenEndpoint,
        scopes: [{ key: 'scope', value: 'api:read' }],
      },
      { clientSecret: SECRET },
    );
    profileId = profile.id;
  });

  afterAll(async () => {
    await ctx?.dispose();
    await idp?.close();
  });

  it('fails with invalid_client and suggests client_secret_post; the variant passes and is recorded, not saved', async () => {
    const failed = await ctx.tests.run(profileId, { timeoutMs: 10_000 });
    expect(failed.ok).toBe(false);
    expect(failed.error?.oauthError).toBe('invalid_client');
    expect(failed.error?.variant).toEqual({
      label: 'Try with Client Authentication = client_secret_post',
      overrides: { clientAuthMethod: 'client_secret_post' },
    });
    expect(failed.overrides).toBeUndefined();

    const passed = await ctx.tests.run(profileId, { timeoutMs: 10_000, overrides: failed.error!.variant!.overrides });
    expect(passed.ok).toBe(true);
    expect(passed.overrides).toEqual({ clientAuthMethod: 'client_secret_post' });
    expect(passed.exchanges[0]!.request.body).toContain('client_secret=[redacted]');
    expect(passed.exchanges[0]!.request.headers.authorization).toBeUndefined();
    expect(JSON.stringify(passed)).not.toContain(SECRET);

    // History keeps the override; the stored profile still says client_secret_basic.
    const history = ctx.runs.list(profileId);
    expect(history.find((r) => r.id === passed.id)?.overrides).toEqual({ clientAuthMethod: 'client_secret_post' });
    expect((await ctx.profiles.get(profileId)).clientAuthMethod).toBe('client_secret_basic');
  });

  it('refuses an override that moves the Token Request URL to another host, before sending anything', async () => {
    const before = ctx.runs.list(profileId).length;
    const moved = idp.tokenEndpoint.replace('127.0.0.1', 'localhost');
    await expect(ctx.tests.run(profileId, { overrides: { tokenUrl: moved } })).rejects.toMatchObject({
      code: 'invalid_request',
      message: expect.stringMatching(/Token Request URL to another host \(http:\/\/localhost:\d+\)/),
    });
    expect(ctx.runs.list(profileId).length).toBe(before);
    // The same origin with another path is allowed (and fails at the IdP, as a result).
    const samePlace = await ctx.tests.run(profileId, {
      timeoutMs: 10_000,
      overrides: { tokenUrl: `${idp.tokenEndpoint}/elsewhere`, clientAuthMethod: 'client_secret_post' },
    });
    expect(samePlace.ok).toBe(false);
    expect(samePlace.overrides?.tokenUrl).toBe(`${idp.tokenEndpoint}/elsewhere`);

    // A secret typed into an override is masked in the recorded run like anywhere else of it.
    const typed = await ctx.tests.run(profileId, {
      timeoutMs: 10_000,
      overrides: { clientAuthMethod: 'client_secret_post', requestHeaders: [{ key: 'x-note', value: SECRET }] },
    });
    expect(typed.overrides?.requestHeaders).toEqual([{ key: 'x-note', value: '[redacted]' }]);
    expect(JSON.stringify(ctx.runs.get(typed.id))).not.toContain(SECRET);
  });

  it('refuses unknown or secret fields, fields of another grant and invalid values', async () => {
    const refused = (overrides: Record<string, unknown>) =>
      expect(ctx.tests.run(profileId, { overrides })).rejects.toMatchObject({ code: 'invalid_request' });
    await refused({ clientSecret: 'x' });
    await refused({ name: 'renamed' });
    await refused({ pkce: { enabled: true, method: 'S256' } });
    await refused({ clientAuthMethod: 'client_secret_magic' });
    await refused({ scopes: 'api:read' });
    expect((await ctx.profiles.get(profileId)).name).toBe('post only');
  });
});
