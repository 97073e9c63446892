/**
 * Each of Kore's ten token-request content types through a whole Test (router, keychain, recording client) to a
 * real server: the echo IdP records the exact bytes and Content-Type it received and answers a token; the stored
 * run holds the request with its secret masked, and a warning for the types no token endpoint standard uses. The
 * form encoding also gets a token from @node-oauth/oauth2-server, which refuses the other media types (and the
 * failure's suggested variant is the form encoding).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Envelope } from '../../src-shared/errors';
import type { TestRun } from '../../src-shared/test-run';
import {
  TOKEN_CONTENT_TYPE_INFO,
  TOKEN_CONTENT_TYPES,
  type TokenContentType,
} from '../../src-shared/token-content-types';
import { encodeBody } from '../../src-main/oauth/token-body';
import { makeTestContext, type TestContext } from '../helpers/context';
import { startEchoIdp, type EchoIdp } from '../helpers/echo-idp';
import { startPasswordIdp, type PasswordIdp } from '../helpers/password-idp';

const SECRET = 'ct-Secret/9&"x"';
const CLIENT_ID = 'ct client';

describe('token content types on the wire', () => {
  let echo: EchoIdp;
  let idp: PasswordIdp;
  let ctx: TestContext;
  let n = 0;

  beforeAll(async () => {
    echo = await startEchoIdp();
    idp = await startPasswordIdp({
      clients: [{ id: CLIENT_ID, secret: SECRET }],
      users: [{ username: 'alice', password: 'alice-pw-1' }],
    });
    ctx = makeTestContext();
  });
  afterAll(async () => {
    await ctx?.dispose();
    await idp?.close();
    await echo?.close();
  });

  /** Creates a profile (its secrets to the keychain) and runs its Test, both through the router. */
  async function test(fields: Record<string, unknown>, secrets: Record<string, string>): Promise<TestRun> {
    const profile = { name: `ct ${++n}`, identityProviderName: 'idp', clientId: CLIENT_ID, ...fields };
    const created = (await ctx.router.handle('profiles:create', { profile, secrets })) as Envelope<{ id: string }>;
    if (!created.ok) throw new Error(created.error.message);
    const out = (await ctx.router.handle('test:run', {
      profileId: created.value.id,
      timeoutMs: 10_000,
    })) as Envelope<TestRun>;
    if (!out.ok) throw new Error(out.error.message);
    return out.value;
  }

  it.each(TOKEN_CONTENT_TYPES)('%s (chosen by Kore’s label): the echo IdP receives exactly its bytes', async (type) => {
    const info = TOKEN_CONTENT_TYPE_INFO[type];
    const run = await test(
      {
        grantType: 'client_credentials',
        tokenUrl: `${echo.origin}/token`,
        clientAuthMethod: 'client_secret_post',
        scopes: [{ key: 'scope', value: 'read write' }],
        tokenRequest: { method: 'POST', contentType: info.kore },
      },
      { clientSecret: SECRET },
    );
    expect(run.ok).toBe(true);
    const got = echo.received.at(-1)!;
    expect(got.method).toBe('POST');
    expect(got.url).toBe('/token');
    const contentType = String(got.headers['content-type']);
    const boundary = /boundary=(authbench-[0-9a-f]{24})$/.exec(contentType)?.[1];
    expect(Boolean(boundary)).toBe(type.startsWith('multipart'));
    const expected = expectedBody(type, boundary);
    expect(contentType).toBe(expected.contentType);
    expect(got.body).toBe(expected.body);
    expect(Number(got.headers['content-length'])).toBe(Buffer.byteLength(expected.body));
    // The stored run shows the request with the secret masked, and the warning of a non-standard type.
    const stored = run.exchanges[0]!.request;
    expect(stored.headers['content-type']).toBe(contentType);
    expect(stored.body).toContain('[redacted]');
    expect(stored.body).not.toContain('ct-Secret');
    expect(run.warnings ?? []).toEqual(info.warning ? [info.warning] : []);
  });

  /** The body buildTokenRequest makes of a client-credentials call with client_secret_post, in `type`. */
  function expectedBody(type: TokenContentType, boundary: string | undefined) {
    const encoded = encodeBody(type, [
      ['grant_type', 'client_credentials'],
      ['scope', 'read write'],
      ['client_id', CLIENT_ID],
      ['client_secret', SECRET],
    ]);
    const fresh = /boundary=(authbench-[0-9a-f]{24})$/.exec(encoded.contentType)?.[1];
    const swap = (s: string) => (fresh && boundary ? s.split(fresh).join(boundary) : s);
    return { contentType: swap(encoded.contentType), body: swap(encoded.body) };
  }

  it('URL Encoded JSON (form) gets a token from oauth2-server; Text and Multipart/Related are refused there', async () => {
    const password = (contentType: string) =>
      test(
        {
          grantType: 'password',
          authorizationMode: 'pre_authorize',
          tokenUrl: idp.tokenUrl,
          tokenRequest: { method: 'POST', contentType },
        },
        { clientSecret: SECRET, username: 'alice', password: 'alice-pw-1' },
      );
    const form = await password('URL Encoded JSON');
    expect(form.ok).toBe(true);
    expect(idp.issued.at(-1)?.grant).toBe('password');
    expect(idp.tokenRequests.at(-1)!.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(idp.tokenRequests.at(-1)!.body).toBe('grant_type=password&username=alice&password=alice-pw-1');

    for (const [label, mediaType] of [
      ['Text', 'text/plain; charset=utf-8'],
      ['Multipart/Related', 'multipart/related; type="application/x-www-form-urlencoded"; boundary='],
    ] as const) {
      const issued = idp.issued.length;
      const refused = await password(label);
      expect(refused.ok).toBe(false);
      expect(refused.exchanges[0]!.response!.status).toBe(400);
      expect(refused.exchanges[0]!.response!.body).toContain('application/x-www-form-urlencoded');
      expect(String(idp.tokenRequests.at(-1)!.headers['content-type']).startsWith(mediaType)).toBe(true);
      expect(idp.issued.length).toBe(issued);
      // The diagnosis offers the one change that fixes it.
      expect(refused.error?.variant).toEqual({
        label: 'Try with the token request as URL Encoded JSON',
        overrides: { tokenRequest: { method: 'POST', contentType: 'form' } },
      });
    }
  });
});
