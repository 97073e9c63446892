/**
 * The hostile corpus, user-input side (docs/security.md, "Hostile input"): values a user (or a pasted
 * import) may type, sent through the real IPC router onto the real services. Each is refused with an
 * `invalid_request` envelope naming the field, and nothing is stored; a look-alike host is accepted but
 * flagged in punycode.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Envelope } from '../../src-shared/errors';
import { insecureUrlWarning, type ProfileView } from '../../src-shared/profile';
import { makeTestContext, type TestContext } from '../helpers/context';

let ctx: TestContext;
let tenantProfile: ProfileView;
const base = {
  grantType: 'client_credentials',
  name: 'hostile input',
  identityProviderName: 'IdP',
  clientId: 'client',
  tokenUrl: 'https://idp.example.com/token',
};

beforeAll(async () => {
  ctx = makeTestContext();
  tenantProfile = await ctx.profiles.create(
    { ...base, name: 'tenant', tokenUrl: 'https://idp.example.com/{tenant}/token', tenancy: { enabled: true } },
    { clientSecret: 's' },
  );
});
afterAll(async () => ctx?.dispose());

const create = (profile: Record<string, unknown>) =>
  ctx.router.handle('profiles:create', { profile: { ...base, ...profile }, secrets: { clientSecret: 'x' } });

/** The envelope is invalid_request with an issue at `path`; no profile or run was stored. */
async function refusedAt(envelope: Envelope<unknown>, path: string) {
  expect(envelope.ok, JSON.stringify(envelope)).toBe(false);
  if (envelope.ok) return;
  expect(envelope.error.code).toBe('invalid_request');
  expect(envelope.error.details?.issues?.map((i) => i.path)).toContain(path);
  expect(await ctx.profiles.list()).toHaveLength(1);
  expect(ctx.db.prepare('SELECT count(*) AS n FROM test_runs').get()).toEqual({ n: 0 });
}

describe('hostile user input is refused at the IPC boundary, naming the field', () => {
  const urls: [string, string, string][] = [
    ['javascript: token URL', 'tokenUrl', 'javascript:alert(document.domain)'],
    ['file: token URL', 'tokenUrl', 'file:///etc/passwd'],
    ['data: check URL', 'checkUrl', 'data:text/html,<script>alert(1)</script>'],
    ['vbscript: refresh URL', 'refreshTokenUrl', 'vbscript:msgbox(1)'],
    ['user:pw@ in the token URL', 'tokenUrl', 'https://user:pw@idp.example.com/token'],
    ['user@ in the proxy URL', 'proxyUrl', 'http://admin@proxy.example:8080'],
    ['a token URL over 3000 characters', 'tokenUrl', `https://idp.example.com/${'a'.repeat(3000)}`],
    ['{tenant} in a URL with Tenancy off', 'tokenUrl', 'https://{tenant}.example.com/token'],
  ];
  it.each(urls)(
    '%s',
    async (_what, field, value) => await refusedAt(await create({ [field]: value }), `profile.${field}`),
  );

  const longFields: [string, number][] = [
    ['name', 101],
    ['identityProviderName', 256],
    ['clientId', 256],
    ['description', 1001],
  ];
  it.each(longFields)('an over-long %s (%i characters)', async (field, length) => {
    const envelope = await create({ [field]: 'x'.repeat(length) });
    await refusedAt(envelope, `profile.${field}`);
    if (!envelope.ok) expect(envelope.error.details?.issues?.[0]?.message).toMatch(/At most/);
  });

  it('an over-long client secret, named', async () => {
    const envelope = await ctx.router.handle('profiles:create', {
      profile: base,
      secrets: { clientSecret: 's'.repeat(256) },
    });
    await refusedAt(envelope, 'secrets.clientSecret');
  });

  const headers: [string, { key: string; value: string }, string][] = [
    ['CR/LF in a header value (header injection)', { key: 'X-A', value: 'a\r\nX-Injected: 1' }, 'value'],
    ['LF alone in a header value', { key: 'X-A', value: 'a\nb' }, 'value'],
    ['NUL in a header value', { key: 'X-A', value: 'a\u0000b' }, 'value'],
    ['CR/LF in a header name', { key: 'X-A\r\nX-B', value: 'v' }, 'key'],
    ['a colon in a header name', { key: 'X-A: b', value: 'v' }, 'key'],
  ];
  it.each(headers)(
    '%s',
    async (_what, header, part) =>
      await refusedAt(await create({ requestHeaders: [header] }), `profile.requestHeaders.0.${part}`),
  );

  it('CR/LF in an authorization field value', async () =>
    await refusedAt(
      await create({ authorizationFields: [{ type: 'header', key: 'Authorization', value: 'Bearer x\r\nX: y' }] }),
      'profile.authorizationFields.0.value',
    ));

  const tenants = ['evil.com/x?', '../', 'a#b', 'a@evil.com', 'a:1', 'a b', 'x'.repeat(129), '%2e%2e'];
  it.each(tenants)('the tenant %j, before any request', async (tenant) => {
    const envelope = await ctx.router.handle('test:run', { profileId: tenantProfile.id, tenant });
    await refusedAt(envelope, 'tenant');
  });
});

describe('a look-alike (homoglyph) host', () => {
  it('is accepted but shown in punycode, so the user can see it is not the IdP they expect', async () => {
    // "аccounts" starts with U+0430 CYRILLIC SMALL LETTER A, not the Latin "a".
    const url = 'https://\u0430ccounts.example.com/token';
    expect(insecureUrlWarning(url)).toMatch(/xn--ccounts-/);
    expect(insecureUrlWarning('https://accounts.example.com/token')).toBeNull();
    const envelope = await create({ name: 'look-alike', tokenUrl: url });
    expect(envelope.ok, JSON.stringify(envelope)).toBe(true);
    await ctx.profiles.delete((envelope as { value: ProfileView }).value.id);
  });
});
