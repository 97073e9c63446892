/**
 * Tenancy (docs/security.md, "Hostile input") against real servers: `{tenant}` rendered in the
 * path, the query and a host label (host names DNS cannot resolve reach 127.0.0.1 through a test proxy,
 * the profile's Proxy URL), kept for refresh; a tenant that tries to change the host or path is refused
 * before any request is sent — by the runner and at the IPC boundary.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../src-shared/errors';
import type { ProfileInput } from '../../src-shared/profile';
import { makeTestContext, type TestContext } from '../helpers/context';
import { startPasswordIdp, type PasswordIdp } from '../helpers/password-idp';
import { startTestProxy, type TestProxy } from '../helpers/test-proxy';
import { PROXIED_HOST } from '../helpers/tls-fixtures';

const SECRET = 'tenant-client-secret';
const PASSWORD = 'tenant-user-password';
const formValues = { username: 'carol', password: PASSWORD };

describe('tenancy', () => {
  let idp: PasswordIdp;
  let proxy: TestProxy;
  let ctx: TestContext;
  let port: string;

  beforeAll(async () => {
    idp = await startPasswordIdp({
      clients: [{ id: 'tenant-client', secret: SECRET }],
      users: [{ username: 'carol', password: PASSWORD }],
      scopes: ['read'],
    });
    proxy = await startTestProxy();
    port = new URL(idp.origin).port;
    ctx = makeTestContext();
  });
  afterAll(async () => {
    await ctx?.dispose();
    await proxy?.close();
    await idp?.close();
  });

  let n = 0;
  const create = (fields: Record<string, unknown>) =>
    ctx.profiles.create(
      {
        grantType: 'password',
        name: `tenant ${++n}`,
        identityProviderName: 'oauth2-server',
        clientId: 'tenant-client',
        tenancy: { enabled: true },
        ...fields,
      } as ProfileInput,
      { clientSecret: SECRET },
    );
  /** Nothing reached the IdP or the proxy while `fn` ran. */
  async function expectNothingSent(fn: () => Promise<unknown>): Promise<unknown> {
    const before = [idp.tokenRequests.length, idp.apiCalls.length, proxy.records.length];
    const result = await fn().catch((e: unknown) => e);
    expect([idp.tokenRequests.length, idp.apiCalls.length, proxy.records.length]).toEqual(before);
    return result;
  }

  it('renders the tenant in the path and query of the token, check and refresh URLs', async () => {
    const profile = await create({
      tokenUrl: `${idp.origin}/t/{tenant}/token?realm={tenant}`,
      checkUrl: `${idp.origin}/t/{tenant}/api/me`,
      scopes: [
        { key: 'scope', value: 'read' },
        { key: 'audience', value: 'urn:{tenant}' },
      ],
      requestHeaders: [{ key: 'X-Tenant', value: '{tenant}' }],
    });
    const run = await ctx.tests.run(profile.id, { tenant: 'Acme_1', formValues });
    expect(run.ok).toBe(true);
    const token = idp.tokenRequests.at(-1)!;
    expect(token.path).toBe('/t/Acme_1/token');
    expect(token.query).toEqual({ realm: 'Acme_1' });
    expect(token.headers['x-tenant']).toBe('Acme_1');
    expect(new URLSearchParams(token.body).get('audience')).toBe('urn:Acme_1');
    expect(idp.apiCalls.at(-1)!.path).toBe('/t/Acme_1/api/me');
    const refreshed = await ctx.tests.refreshNow(profile.id);
    expect(refreshed.ok).toBe(true);
    expect(idp.tokenRequests.at(-1)!.path).toBe('/t/Acme_1/token');
  });

  it('renders a tenant in a host label (through the profile’s proxy), dots adding subdomains', async () => {
    const profile = await create({ tokenUrl: `http://{tenant}.${PROXIED_HOST}:${port}/token`, proxyUrl: proxy.url });
    for (const tenant of ['acme', 'eu.acme']) {
      const run = await ctx.tests.run(profile.id, { tenant, formValues });
      expect(run.ok).toBe(true);
      expect(proxy.records.at(-1)).toMatchObject({
        method: 'POST',
        target: `http://${tenant}.${PROXIED_HOST}:${port}/token`,
      });
      expect(idp.tokenRequests.at(-1)!.headers.host).toBe(`${tenant}.${PROXIED_HOST}:${port}`);
    }
  });

  it.each(['evil.com/x?', '../', '#', '..', 'a@evil.com', 'evil.com:443', 'a b', 'x'.repeat(129)])(
    'refuses the tenant %j before any request is sent',
    async (tenant) => {
      const profile = await create({
        tokenUrl: `http://{tenant}.${PROXIED_HOST}:${port}/t/{tenant}/token`,
        proxyUrl: proxy.url,
      });
      const err = await expectNothingSent(() => ctx.tests.run(profile.id, { tenant, formValues }));
      expect(err).toBeInstanceOf(AppError);
      expect(err).toMatchObject({ code: 'invalid_request', details: { issues: [{ path: 'tenant' }] } });
    },
  );

  it('refuses a dotted tenant where the template leaves the whole domain to it, before sending', async () => {
    const profile = await create({ tokenUrl: `http://{tenant}:${port}/token`, proxyUrl: proxy.url });
    const err = await expectNothingSent(() => ctx.tests.run(profile.id, { tenant: 'evil.example', formValues }));
    expect((err as AppError).message).toMatch(/no fixed parent domain/);
  });

  it('refuses a tenant that would reach the check URL differently, before the token request', async () => {
    const profile = await create({
      tokenUrl: `${idp.origin}/t/{tenant}/token`,
      checkUrl: `http://{tenant}:${port}/api/me`,
    });
    const err = await expectNothingSent(() => ctx.tests.run(profile.id, { tenant: 'a.b', formValues }));
    expect((err as AppError).message).toMatch(/Authorization Check URL/);
  });

  it('asks for the tenant when the profile uses {tenant} and none is given', async () => {
    const profile = await create({ tokenUrl: `${idp.origin}/t/{tenant}/token` });
    const err = await expectNothingSent(() => ctx.tests.run(profile.id, { formValues }));
    expect((err as AppError).message).toMatch(/enter the tenant/);
  });

  it('refuses a hostile tenant at the IPC boundary (test:run schema), with a field issue', async () => {
    const profile = await create({ tokenUrl: `${idp.origin}/t/{tenant}/token` });
    const result = await expectNothingSent(() =>
      ctx.router.handle('test:run', { profileId: profile.id, tenant: 'evil.com/x?', formValues }),
    );
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'invalid_request', details: { issues: [{ path: 'tenant' }] } },
    });
  });
});
