/**
 * Dynamic `{{field}}`s in URLs, for every grant, against real IdPs on loopback (docs/architecture.md, "A Test,
 * step by step"): @node-oauth/oauth2-server (password grant: a field in the token URL's path and query, a
 * password-typed IDP form field redacted from the run), oidc-provider (client credentials: a field in the token
 * URL's path; authorization code: a field in the Authorization URL, signed in with Chromium). An unresolved field
 * stops the Test before any request, naming the field and where it is used.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../src-shared/errors';
import type { IdpFormField, ProfileInput } from '../../src-shared/profile';
import type { RunningIdp } from '../../src-main/demo/demo-idp';
import { startClientCredentialsIdp } from '../helpers/client-credentials-idp';
import { makeTestContext, type TestContext } from '../helpers/context';
import { startPasswordIdp, type PasswordIdp } from '../helpers/password-idp';
import { query, startAuthCodeBench, type AuthCodeBench } from '../helpers/auth-code-bench';

const CLIENT_SECRET = 'fields-client-secret';
const PASSWORD = 'fields-user-password';
const SUPPORT_PIN = 'pin-8812-secret';

const pinField = {
  title: 'Support PIN',
  key: 'pin',
  helpHint: '',
  fieldType: 'password',
  mandatory: true,
  dataType: 'string',
  visibility: 'visible',
  defaultValue: '',
} satisfies IdpFormField;

describe('{{field}}s in URLs against real IdPs', () => {
  let pw: PasswordIdp;
  let cc: RunningIdp;
  let ctx: TestContext;
  beforeAll(async () => {
    pw = await startPasswordIdp({
      clients: [{ id: 'pw-client', secret: CLIENT_SECRET }],
      users: [{ username: 'alice', password: PASSWORD }],
      scopes: ['read'],
    });
    cc = await startClientCredentialsIdp('cc-client', CLIENT_SECRET);
    ctx = makeTestContext();
  });
  afterAll(async () => {
    await ctx?.dispose();
    await pw?.close();
    await cc?.close();
  });

  let counter = 0;
  const create = (fields: Record<string, unknown>) =>
    ctx.profiles.create(
      {
        name: `fields ${++counter}`,
        identityProviderName: 'IdP',
        clientId: 'pw-client',
        scopes: [{ key: 'scope', value: 'read' }],
        ...fields,
      } as ProfileInput,
      { clientSecret: CLIENT_SECRET },
    );
  const passwordProfile = () =>
    create({
      grantType: 'password',
      tokenUrl: `${pw.origin}/t/{{tokenId}}/token?realm={{realm}}&pin={{pin}}`,
      checkUrl: `${pw.origin}/api/{{tokenId}}/me`,
      idpFormFields: [pinField],
    });

  it('password grant: renders the fields into the path and query, encoded, and redacts a password-typed one', async () => {
    const profile = await passwordProfile();
    const run = await ctx.tests.run(profile.id, {
      formValues: { username: 'alice', password: PASSWORD, tokenId: 'acme eu/1', realm: 'a&b=c', pin: SUPPORT_PIN },
    });
    expect(run.error).toBeUndefined();
    expect(run.ok).toBe(true);
    const got = pw.tokenRequests.at(-1)!;
    // One path segment and exactly the template's parameters, whatever the values held.
    expect(got.path).toBe('/t/acme%20eu%2F1/token');
    expect(got.query).toEqual({ realm: 'a&b=c', pin: SUPPORT_PIN });
    expect(pw.apiCalls.at(-1)!.path).toBe('/api/acme%20eu%2F1/me');
    // The PIN is an IDP form field of type password: a secret, redacted wherever it went.
    expect(JSON.stringify(run)).not.toContain(SUPPORT_PIN);
    expect(new URL(run.exchanges[0]!.request.url).searchParams.get('pin')).toBe('[redacted]');
    expect(new URL(run.exchanges[0]!.request.url).searchParams.get('realm')).toBe('a&b=c');
  });

  it("masks a password-typed field whose value the URL percent-encodes beyond encodeURIComponent (! ' ( ) *)", async () => {
    const pin = "p!n'(x)*-secret";
    const profile = await passwordProfile();
    const run = await ctx.tests.run(profile.id, {
      formValues: { username: 'alice', password: PASSWORD, tokenId: pin, realm: 'r', pin },
    });
    const url = run.exchanges[0]!.request.url;
    expect(url).toContain('/t/[redacted]/token');
    expect(url).not.toContain('p%21n');
    expect(JSON.stringify(run)).not.toMatch(/p(!|%21)n/);
  });

  it('Refresh now renders the fields with the values the token was obtained with, kept in the keychain, not the password', async () => {
    const profile = await passwordProfile();
    const run = await ctx.tests.run(profile.id, {
      formValues: { username: 'alice', password: PASSWORD, tokenId: 'acme eu/1', realm: 'r1', pin: SUPPORT_PIN },
    });
    expect(run.ok).toBe(true);
    const stored = (await ctx.tests.tokens.load(profile.id))!;
    expect(stored.fields).toEqual({ tokenId: 'acme eu/1', realm: 'r1', pin: SUPPORT_PIN });
    expect(JSON.stringify(stored)).not.toContain(PASSWORD);

    const refresh = await ctx.tests.refreshNow(profile.id);
    expect(refresh.error).toBeUndefined();
    expect(refresh.exchanges.map((e) => e.step)).toEqual(['refresh']);
    const got = pw.tokenRequests.at(-1)!;
    expect(got.path).toBe('/t/acme%20eu%2F1/token');
    expect(new URLSearchParams(got.body).get('grant_type')).toBe('refresh_token');
    // The stored run masks the password-typed field's value it rendered with.
    expect(JSON.stringify(refresh)).not.toContain(SUPPORT_PIN);
    expect((await ctx.tests.tokens.load(profile.id))!.fields).toEqual(stored.fields);
  });

  it('an unresolved field is refused before any request, naming the field and where it is used', async () => {
    const profile = await passwordProfile();
    const before = pw.tokenRequests.length;
    const err = await ctx.tests
      .run(profile.id, { formValues: { username: 'alice', password: PASSWORD, realm: 'r', pin: SUPPORT_PIN } })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe('invalid_request');
    expect((err as AppError).message).toBe(
      'Token Request URL, Authorization Check URL use {{tokenId}}, which has no value',
    );
    expect((err as AppError).details?.issues).toEqual([{ path: 'formValues.tokenId', message: 'Required' }]);
    expect(pw.tokenRequests.length).toBe(before);
    expect(ctx.runs.list(profile.id)).toHaveLength(0);
  });

  it('a value that would leave its host label is refused before any request', async () => {
    const profile = await create({
      grantType: 'client_credentials',
      clientId: 'cc-client',
      tokenUrl: 'http://{{host}}.localhost:1/token',
      scopes: [{ key: 'scope', value: 'api:read' }],
    });
    const err = await ctx.tests.run(profile.id, { formValues: { host: 'evil.com' } }).catch((e: unknown) => e);
    expect((err as AppError).message).toMatch(/\{\{host\}\} is in the host of the Token Request URL/);
  });

  it('a value the URL rules refuse stops the Test before discovery or any request', async () => {
    const profile = await create({
      grantType: 'password',
      // Discovery would GET <issuer>/.well-known/…, which the IdP's API records.
      issuer: `${pw.origin}/api/issuer`,
      tokenUrl: `${pw.origin}/t/{{tokenId}}/token`,
    });
    const before = [pw.tokenRequests.length, pw.apiCalls.length];
    const err = await ctx.tests
      .run(profile.id, { formValues: { username: 'alice', password: PASSWORD, tokenId: '..' } })
      .catch((e: unknown) => e);
    expect((err as AppError).message).toBe(
      'The value of {{tokenId}} would change the host or path of the Token Request URL; it was refused',
    );
    expect([pw.tokenRequests.length, pw.apiCalls.length]).toEqual(before);
  });

  it('client credentials: a field in the token URL path reaches the real token endpoint', async () => {
    const profile = await create({
      grantType: 'client_credentials',
      clientId: 'cc-client',
      tokenUrl: `${cc.issuer}/{{endpoint}}`,
      scopes: [{ key: 'scope', value: 'api:read' }],
      requestHeaders: [{ key: 'X-Pin', value: '{{pin}}' }],
      idpFormFields: [
        { ...pinField, key: 'endpoint', title: 'Endpoint', fieldType: 'textbox', defaultValue: 'token' },
        pinField,
      ],
    });
    // The IDP form field's pre-filled default is the value when nothing is typed; the PIN (a password-typed
    // field of a client-credentials profile) is a secret too.
    const run = await ctx.tests.run(profile.id, { formValues: { pin: SUPPORT_PIN } });
    expect(run.error).toBeUndefined();
    expect(run.exchanges[0]!.request.url).toBe(`${cc.issuer}/token`);
    expect(run.exchanges[0]!.request.headers['x-pin']).toBe('[redacted]');
    expect(JSON.stringify(run)).not.toContain(SUPPORT_PIN);
    expect(run.ok).toBe(true);
  });
});

describe('{{field}} in the Authorization URL against oidc-provider', () => {
  let bench: AuthCodeBench;
  beforeAll(async () => void (bench = await startAuthCodeBench()));
  afterAll(async () => bench?.close());

  it('fills the field into the authorization request the browser opens', async () => {
    const opener = bench.browser.opener();
    bench.setOpener(opener.open);
    const profile = await bench.createProfile({ authorizationUrl: `${bench.idp.issuer}/auth?login_hint={{hint}}` });
    const run = await bench.ctx.tests.run(profile.id, {
      authorizationTimeoutMs: 60_000,
      formValues: { hint: 'alice+eu@example.com&prompt=none' },
    });
    await opener.results[0];
    expect(run.error).toBeUndefined();
    expect(run.ok).toBe(true);
    const auth = query(run.exchanges[0]!.request.url);
    expect(auth.get('login_hint')).toBe('alice+eu@example.com&prompt=none');
    expect(auth.has('prompt')).toBe(false);
    expect(opener.urls[0]).toBe(run.exchanges[0]!.request.url);
  });

  it('without its value, the Test does not start and no browser opens', async () => {
    const opener = bench.browser.opener();
    bench.setOpener(opener.open);
    const profile = await bench.createProfile({ authorizationUrl: `${bench.idp.issuer}/auth?login_hint={{hint}}` });
    const err = await bench.ctx.tests.run(profile.id, {}).catch((e: unknown) => e);
    expect((err as AppError).message).toBe('Authorization URL uses {{hint}}, which has no value');
    expect(opener.urls).toEqual([]);
  });
});
