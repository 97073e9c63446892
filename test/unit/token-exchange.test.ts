/**
 * The token exchange grant's request and readings (RFC 8693 §2.1, §2.2.1; src-main/oauth/flows/token-exchange.ts):
 * the parameter set and its order with several audiences and resources, the token type URIs, the warnings for a
 * missing issued_token_type and a token_type N_A, which held token a `profile` source sends
 * (services/exchange-tokens.ts), the schema's rules, and the redaction of subject_token / actor_token by name.
 */
import { flowSecrets } from '../helpers/profile-views';
import { describe, expect, it } from 'vitest';
import { profileInput, requiredSecrets, type GrantProfile } from '../../src-shared/profile';
import type { Exchange } from '../../src-shared/test-run';
import { tokenExchangeOptions } from '../../src-shared/token-exchange-profile';
import type { FlowContext, FlowSecrets, OutgoingRequest } from '../../src-main/oauth/flow';
import { runTokenExchange, tokenExchangeParameters } from '../../src-main/oauth/flows/token-exchange';
import { pickHeldToken } from '../../src-main/services/exchange-tokens';
import type { StoredToken } from '../../src-main/services/tokens';
import { createRedactor } from '../../src-main/http/redact';
import { exportBruno } from '../../src-main/interop/export-bruno';
import { exportCurl } from '../../src-main/interop/export-curl';
import { exportPostman } from '../../src-main/interop/export-postman';

const URN = (t: string) => `urn:ietf:params:oauth:token-type:${t}`;
const SUBJECT = 'subject-token-value-0123456789';
const ACTOR = 'actor-token-value-9876543210';

const profile = (o: Record<string, unknown> = {}, fields: Record<string, unknown> = {}) =>
  profileInput.parse({
    grantType: 'token_exchange',
    name: 'exchange',
    identityProviderName: 'idp',
    clientId: 'svc',
    clientAuthMethod: 'client_secret_post',
    tokenUrl: 'https://idp.test/token',
    scopes: [{ key: 'scope', value: 'api:read' }],
    tokenExchange: { subjectSource: 'pasted', ...o },
    ...fields,
  }) as GrantProfile<'token_exchange'>;

function context(body: unknown, secrets: Partial<FlowSecrets> = {}) {
  const sent: OutgoingRequest[] = [];
  const ctx: FlowContext = {
    profile: profile(),
    send: async (step, request): Promise<Exchange> => {
      sent.push(request);
      return {
        step,
        request: { ...request, body: request.body ?? null },
        response: {
          status: 200,
          statusText: 'OK',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(body),
        },
        durationMs: 1,
      };
    },
    formValues: {},
    secrets: flowSecrets({ clientSecret: 's3cret', subjectToken: SUBJECT, ...secrets }),
    onStep: () => {},
    signInWaiting: () => {},
    signInEnded: () => {},
    warn: () => {},
    now: () => new Date('2026-01-01T00:00:00Z'),
  };
  return { ctx, sent };
}

describe('tokenExchangeParameters', () => {
  it('sends grant_type, subject, actor, requested type, then every audience and every resource in order', () => {
    const o = tokenExchangeOptions.parse({
      subjectTokenType: 'id_token',
      actorSource: 'pasted',
      actorTokenType: 'jwt',
      requestedTokenType: 'saml2',
      audiences: ['urn:example:cooperation-context', 'api-b'],
      resources: ['https://backend.example/api', 'urn:example:res'],
    });
    expect(tokenExchangeParameters(o, { subject: 'S', actor: 'A' })).toEqual([
      ['grant_type', 'urn:ietf:params:oauth:grant-type:token-exchange'],
      ['subject_token', 'S'],
      ['subject_token_type', URN('id_token')],
      ['actor_token', 'A'],
      ['actor_token_type', URN('jwt')],
      ['requested_token_type', URN('saml2')],
      ['audience', 'urn:example:cooperation-context'],
      ['audience', 'api-b'],
      ['resource', 'https://backend.example/api'],
      ['resource', 'urn:example:res'],
    ]);
  });

  it('leaves out the actor, the requested type, audiences and resources when not set; maps every type to its URI', () => {
    const o = tokenExchangeOptions.parse({});
    expect(tokenExchangeParameters(o, { subject: 'S' })).toEqual([
      ['grant_type', 'urn:ietf:params:oauth:grant-type:token-exchange'],
      ['subject_token', 'S'],
      ['subject_token_type', URN('access_token')],
    ]);
    for (const t of ['access_token', 'refresh_token', 'id_token', 'jwt', 'saml2', 'saml1'] as const) {
      const [, , type] = tokenExchangeParameters(tokenExchangeOptions.parse({ subjectTokenType: t }), { subject: 'S' });
      expect(type).toEqual(['subject_token_type', URN(t)]);
    }
  });
});

describe('runTokenExchange', () => {
  it('posts the form with client_secret_post and the scope; reads issued_token_type into the summary', async () => {
    const { ctx, sent } = context({
      access_token: 'new-at',
      token_type: 'Bearer',
      issued_token_type: URN('access_token'),
    });
    const out = await runTokenExchange(profile({ audiences: ['a1', 'a2'] }), ctx);
    expect(out.error).toBeUndefined();
    expect(out.token?.summary.issuedTokenType).toBe(URN('access_token'));
    expect(out.warnings).toEqual([]);
    expect(out.secretValues).toEqual([SUBJECT]);
    const form = new URLSearchParams(sent[0]!.body!);
    expect(form.getAll('audience')).toEqual(['a1', 'a2']);
    expect(form.get('scope')).toBe('api:read');
    expect(form.get('client_secret')).toBe('s3cret');
    expect(form.get('subject_token')).toBe(SUBJECT);
  });

  it('warns when issued_token_type is missing, and of a token_type N_A', async () => {
    const { ctx } = context({ access_token: 'a.b.c', token_type: 'N_A' });
    const out = await runTokenExchange(profile(), ctx);
    expect(out.token?.summary.tokenType).toBe('N_A');
    expect(out.warnings).toEqual([
      expect.stringMatching(/no issued_token_type, which RFC 8693 §2\.2\.1 requires/),
      expect.stringMatching(/not an access token \(token_type N_A/),
    ]);
  });

  it('refuses to start without the subject token, or with an actor source but no actor token', async () => {
    await expect(runTokenExchange(profile(), context({}, { subjectToken: null }).ctx)).rejects.toMatchObject({
      code: 'secret_missing',
      message: expect.stringMatching(/^Subject Token is not set/),
    });
    await expect(runTokenExchange(profile({ actorSource: 'pasted' }), context({}).ctx)).rejects.toMatchObject({
      code: 'secret_missing',
      message: expect.stringMatching(/^Actor Token is not set/),
    });
  });
});

describe('the held token keeps its ID token', () => {
  it('interpretTokenExchange returns the id_token of the answer, for a later exchange to send (RFC 8693 §3)', async () => {
    const { ctx } = context({
      access_token: 'at',
      token_type: 'Bearer',
      id_token: 'h.p.s',
      issued_token_type: URN('access_token'),
    });
    const out = await runTokenExchange(profile(), ctx);
    expect(out.token?.idToken).toBe('h.p.s');
  });
});

describe('pickHeldToken', () => {
  const now = new Date('2026-01-01T00:00:00Z');
  const jwt = (exp: number) => `e30.${Buffer.from(JSON.stringify({ exp })).toString('base64url')}.sig-0123456789`;
  const held: StoredToken = {
    accessToken: 'held-at',
    refreshToken: 'held-rt',
    idToken: jwt(now.getTime() / 1000 + 600),
    tokenType: 'Bearer',
    obtainedAt: now.toISOString(),
    expiresAt: '2026-01-01T01:00:00Z',
    usable: true,
  };
  it('sends the access, refresh or ID token held', () => {
    expect(pickHeldToken(held, 'access_token', now)).toEqual({ token: 'held-at' });
    expect(pickHeldToken(held, 'refresh_token', now)).toEqual({ token: 'held-rt' });
    expect(pickHeldToken(held, 'id_token', now)).toEqual({ token: held.idToken });
  });
  it('refuses none held, an unusable one, an expired access token or ID token, or a kind not held', () => {
    expect(pickHeldToken(null, 'access_token', now)).toEqual({ why: 'holds no token' });
    expect(pickHeldToken({ ...held, usable: false }, 'access_token', now)).toHaveProperty('why');
    expect(pickHeldToken({ ...held, expiresAt: '2026-01-01T00:00:20Z' }, 'access_token', now)).toEqual({
      why: 'holds an access token that expired (or expires within 30 s) at 2026-01-01T00:00:20Z',
    });
    expect(pickHeldToken({ ...held, idToken: jwt(now.getTime() / 1000 - 1) }, 'id_token', now)).toHaveProperty('why');
    expect(pickHeldToken({ ...held, refreshToken: undefined }, 'refresh_token', now)).toEqual({
      why: 'holds no refresh token',
    });
  });
});

describe('token exchange profile rules', () => {
  it('a resource must be an absolute URI; a profile source needs another profile; pasted tokens are required secrets', () => {
    expect(() => profile({ resources: ['relative/path'] })).toThrow(/absolute URI/);
    expect(() => profile({ resources: ['https://a.example/#frag'] })).toThrow(/absolute URI/);
    expect(() => profile({ subjectSource: 'profile', subjectProfile: '' })).toThrow(/Choose the profile/);
    expect(() => profile({ subjectSource: 'profile', subjectProfile: 'exchange' })).toThrow(
      /another profile than this one/,
    );
    expect(requiredSecrets(profile({ actorSource: 'pasted' }))).toEqual(['clientSecret', 'subjectToken', 'actorToken']);
    expect(requiredSecrets(profile({ subjectSource: 'profile', subjectProfile: 'A' }))).toEqual(['clientSecret']);
  });
});

describe('redaction of subject_token and actor_token by name', () => {
  const r = createRedactor();
  it('masks them in a form body, a JSON body, a URL query and free text (logs)', () => {
    const form = r.body(`grant_type=x&subject_token=${SUBJECT}&actor_token=${ACTOR}&audience=api`)!;
    expect(form).toBe('grant_type=x&subject_token=[redacted]&actor_token=[redacted]&audience=api');
    const json = r.body(JSON.stringify({ subject_token: SUBJECT, actorToken: ACTOR }), 'application/json')!;
    expect(json).not.toContain(SUBJECT);
    expect(json).not.toContain(ACTOR);
    expect(r.url(`https://idp.test/token?subject_token=${SUBJECT}`)).not.toContain(SUBJECT);
    expect(r.text(`sent subject_token=${SUBJECT} actor_token=${ACTOR}`)).not.toMatch(
      /subject-token-value|actor-token-value/,
    );
  });
});

describe('exporters of a token exchange profile', () => {
  const p = profile({ actorSource: 'pasted', audiences: ['api-b'], resources: ['https://backend.example/api'] });
  const sources = [{ profile: p, secrets: null }];
  it('Postman and Bruno note what they cannot express; Bruno gets a grant type it knows', () => {
    for (const out of [exportPostman(sources, 'c'), exportBruno(sources, 'c')]) {
      expect(out.notes.map((n) => n.message)).toContainEqual(
        expect.stringMatching(/has no token exchange grant \(RFC 8693\): exported as client credentials/),
      );
    }
    const bru = exportBruno(sources, 'c').files.find((f) => f.name.endsWith('.bru'))!.text;
    expect(bru).toContain('grant_type: client_credentials');
  });
  it('cURL builds the exchange request with the engine, the subject and actor tokens as stand-ins', async () => {
    const { files } = await exportCurl(sources, 'c', false);
    const script = files.map((f) => f.text).join('\n');
    expect(script).toContain('the token exchange request (RFC 8693 §2.1)');
    expect(script).toContain('grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Atoken-exchange');
    expect(script).toContain(`'subject_token='"$SUBJECT_TOKEN"`);
    expect(script).toContain(`'actor_token='"$ACTOR_TOKEN"`);
    expect(script).toContain('SUBJECT_TOKEN: the subject token to exchange (RFC 8693 §2.1)');
    expect(script).toContain('audience=api-b');
    expect(script).toContain('resource=https%3A%2F%2Fbackend.example%2Fapi');
  });
});
