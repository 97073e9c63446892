/**
 * The device authorization grant's requests and readings (RFC 8628 §3.1-§3.5; src-main/oauth/flows/device-code.ts):
 * the device authorization request is a form POST with the client's authentication and scopes whatever the token
 * call's content type; the token request carries the URN grant type and the device code; a verification URL that
 * is not https:// (nor http:// to a loopback host) is never opened; a refused device authorization names that
 * endpoint. A FlowContext whose `send` records the request and answers from a table stands in for the IdP.
 */
import { flowSecrets } from '../helpers/profile-views';
import { describe, expect, it } from 'vitest';
import { DEVICE_CODE_GRANT_TYPE } from '../../src-shared/grants';
import { profileInput, type GrantProfile } from '../../src-shared/profile';
import type { Exchange } from '../../src-shared/test-run';
import { describePolls } from '../../src-shared/format';
import type { DeviceWait, FlowContext, OutgoingRequest } from '../../src-main/oauth/flow';
import { runDeviceCode } from '../../src-main/oauth/flows/device-code';
import { deviceLines } from '../../src-main/cli/device-lines';
import { personNeeded } from '../../src-shared/needs-person';

const profile = (fields: Record<string, unknown> = {}) =>
  profileInput.parse({
    grantType: 'device_code',
    name: 'tv',
    identityProviderName: 'idp',
    clientId: 'tv client',
    clientAuthMethod: 'client_secret_basic',
    deviceAuthorizationUrl: 'https://idp.test/device',
    tokenUrl: 'https://idp.test/token',
    scopes: [{ key: 'scope', value: 'openid profile' }],
    tokenRequest: { method: 'POST', contentType: 'json' },
    ...fields,
  }) as GrantProfile<'device_code'>;

/** A context answering the device endpoint with `device` and the token endpoint with `token`. */
function context(
  device: { status: number; body: unknown },
  token = { status: 200, body: { access_token: 'at', token_type: 'Bearer' } },
) {
  const sent: OutgoingRequest[] = [];
  const opened: string[] = [];
  const waits: DeviceWait[] = [];
  const answer = (
    request: OutgoingRequest,
    step: Exchange['step'],
    a: { status: number; body: unknown },
  ): Exchange => ({
    step,
    request: { ...request, body: request.body ?? null },
    response: {
      status: a.status,
      statusText: '',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(a.body),
    },
    durationMs: 1,
  });
  const ctx: FlowContext = {
    profile: profile(),
    send: async (step, request) => (sent.push(request), answer(request, step, step === 'token' ? token : device)),
    formValues: {},
    secrets: flowSecrets({ clientSecret: 's3cret' }),
    openBrowser: async (url) => void opened.push(url),
    onStep: () => {},
    signInWaiting: () => {},
    signInEnded: () => {},
    deviceWaiting: (_message, wait) => void waits.push(wait),
    sleep: async () => {},
    warn: () => {},
    now: () => new Date('2026-01-01T00:00:00Z'),
  };
  return { ctx, sent, opened, waits };
}

const DEVICE = {
  device_code: 'dc-0123456789',
  user_code: 'WDJB-MJHT',
  verification_uri: 'https://idp.test/activate',
  verification_uri_complete: 'https://idp.test/activate?user_code=WDJB-MJHT',
  expires_in: 900,
};

describe('runDeviceCode', () => {
  it('POSTs a form to the Device Authorization URL with Basic auth and the scopes, then polls with the URN grant', async () => {
    const { ctx, sent, opened, waits } = context({ status: 200, body: DEVICE });
    const outcome = await runDeviceCode(profile(), ctx);
    expect(outcome.error).toBeUndefined();
    const [device, token] = sent;
    expect(device).toMatchObject({ method: 'POST', url: 'https://idp.test/device' });
    expect(device!.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(device!.headers.authorization).toBe(`Basic ${Buffer.from('tv+client:s3cret').toString('base64')}`);
    expect(Object.fromEntries(new URLSearchParams(device!.body!))).toEqual({ scope: 'openid profile' });
    // The token call keeps the profile's content type (JSON here) and sends no scope (RFC 8628 §3.4).
    expect(token!.headers['content-type']).toBe('application/json');
    expect(JSON.parse(token!.body!)).toEqual({ grant_type: DEVICE_CODE_GRANT_TYPE, device_code: 'dc-0123456789' });
    expect(opened).toEqual([DEVICE.verification_uri_complete]);
    expect(waits).toEqual([
      {
        userCode: 'WDJB-MJHT',
        verificationUri: DEVICE.verification_uri,
        verificationUriComplete: DEVICE.verification_uri_complete,
        intervalS: 5,
        expiresAt: new Date('2026-01-01T00:15:00Z'),
      },
    ]);
    expect(outcome.secretValues).toEqual(['dc-0123456789']);
    expect(outcome.polls).toEqual({ count: 1, pending: 0, slowDown: 0, intervalS: 5 });
  });

  it('never opens a verification URL that is not https:// (nor http:// to loopback), and says so', async () => {
    const { ctx, opened, waits } = context({
      status: 200,
      body: { ...DEVICE, verification_uri: 'file:///etc/passwd', verification_uri_complete: undefined, interval: 2 },
    });
    await runDeviceCode(profile(), ctx);
    expect(opened).toEqual([]);
    expect(waits[0]!.openerError).toContain('not https://');
    expect(waits[0]!.intervalS).toBe(2);
  });

  it('reports a refused device authorization request as that endpoint’s OAuth error, without polling', async () => {
    const { ctx, sent } = context({ status: 401, body: { error: 'invalid_client' } });
    const outcome = await runDeviceCode(profile(), ctx);
    expect(sent).toHaveLength(1);
    expect(outcome.error).toMatchObject({ code: 'oauth_error', oauthError: 'invalid_client', status: 401 });
    expect(outcome.error!.message).toBe(
      'The IdP refused the device authorization request: HTTP 401, error "invalid_client"',
    );
    expect(outcome.error!.diagnosis).toContain('client credentials');
  });

  it('fails with invalid_response naming what an RFC 8628 §3.2 answer lacks', async () => {
    const { ctx } = context({ status: 200, body: { device_code: 'x', expires_in: 'soon' } });
    const outcome = await runDeviceCode(profile(), ctx);
    expect(outcome.error).toMatchObject({ code: 'invalid_response' });
    expect(outcome.error!.message).toContain('no valid user_code, verification_uri, expires_in');
  });
});

describe('how a device-code wait and its polls are told', () => {
  it('Test all skips a device-code profile: a person must approve the user code', () => {
    expect(personNeeded(profile())).toBe('Needs a person to approve the user code in a browser');
  });

  it('the CLI lines: the code, the URLs and the polling, with what the IdP sent made safe for a terminal', () => {
    const expiresAt = new Date(Date.now() + 125_500).toISOString();
    const text = deviceLines({
      userCode: 'WDJB\u001b[2J-MJHT',
      verificationUri: 'https://idp.test/activate',
      verificationUriComplete: 'https://idp.test/activate?user_code=WDJB-MJHT',
      intervalS: 10,
      expiresAt,
    });
    expect(text).not.toContain('\u001b');
    expect(text).toMatch(/^User code: WDJB.*-MJHT\nEnter it at: https:\/\/idp\.test\/activate\nOr open: .*\n/);
    expect(text).toMatch(/… Waiting for approval \(polling every 10 s, expires in 2:0[56]\)\n$/);
  });

  it('describePolls counts the answers and says which are shown', () => {
    expect(describePolls({ count: 1, pending: 0, slowDown: 0, intervalS: 5 })).toBe(
      'Polled the token endpoint once (every 5 s)',
    );
    expect(describePolls({ count: 14, pending: 12, slowDown: 1, intervalS: 10 })).toBe(
      'Polled the token endpoint 14 times (12 authorization_pending, 1 slow_down; interval at the end 10 s): the first answer of each kind and the last are shown',
    );
  });
});
