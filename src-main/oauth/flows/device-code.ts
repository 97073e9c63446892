/**
 * The device authorization grant (RFC 8628; docs/architecture.md, "A Test, step by step"): a device
 * authorization request (its own `device_authorization` exchange), the verification URL opened in the system
 * browser while the user code is shown (ctx.deviceWaiting), then polling the token endpoint (device-polling.ts)
 * until the user approves, denies, or the code expires. The device code is returned as a secret value.
 */
import { DEVICE_CODE_GRANT_TYPE } from '../../../src-shared/grants';
import type { GrantProfile } from '../../../src-shared/profile';
import { isBrowsableUrl } from '../../../src-shared/profile-fields';
import type { FlowContext, FlowOutcome } from '../flow';
import { renderUrl, urlVars, type TemplateVars } from '../templates';
import { buildTokenRequest } from '../token-request';
import { interpretTokenExchange } from '../token-response';
import { deviceAuthorizationRequest, readDeviceAuthorization, type DeviceAuthorization } from './device-authorization';
import { pollForToken } from './device-polling';

/**
 * Runs the grant for `profile`: the exchanges (device authorization, the first pending poll, the final poll),
 * the polling counts, and the token or a classified error. Throws AppError('invalid_request') before sending when
 * a URL or template cannot be rendered.
 */
export async function runDeviceCode(profile: GrantProfile<'device_code'>, ctx: FlowContext): Promise<FlowOutcome> {
  const vars: TemplateVars = { ...ctx.formValues, ...(ctx.tenant ? { tenant: ctx.tenant } : {}) };
  const deviceUrl = renderUrl(profile.deviceAuthorizationUrl, ctx.tenant, 'deviceAuthorizationUrl', urlVars(ctx));
  const tokenUrl = renderUrl(profile.tokenUrl, ctx.tenant, 'tokenUrl', urlVars(ctx));
  const tokenRequest = (deviceCode: string) =>
    buildTokenRequest({
      profile,
      url: tokenUrl,
      grant: [
        ['grant_type', DEVICE_CODE_GRANT_TYPE],
        ['device_code', deviceCode],
      ],
      clientSecret: ctx.secrets.clientSecret,
      signingKey: ctx.secrets.jwtSigningKey,
      now: ctx.now(),
      // Scopes travel on the device authorization request (RFC 8628 §3.1), not the token request (§3.4).
      include: { headers: true },
      vars,
      tenant: ctx.tenant,
    });
  // Templates of the token call are checked before anyone is asked to approve for nothing.
  await tokenRequest('template-check');
  const request = await deviceAuthorizationRequest(profile, deviceUrl, ctx.secrets.clientSecret, vars, ctx.tenant, {
    signingKey: ctx.secrets.jwtSigningKey,
    now: ctx.now(),
  });
  ctx.onStep('device_authorization', `Requesting a device code from ${new URL(deviceUrl).host}`);
  const first = await ctx.send('device_authorization', request);
  const read = readDeviceAuthorization(first, profile, ctx.now());
  if (!read.ok) return { exchanges: [first], error: read.error };
  const device = read.value;
  const secretValues = [device.deviceCode];

  const expiresAt = new Date(ctx.now().getTime() + device.expiresIn * 1000);
  const openerError = await openVerification(ctx, device);
  const report = (intervalS: number) =>
    ctx.deviceWaiting?.(waitingMessage(device, intervalS, openerError), {
      userCode: device.userCode,
      verificationUri: device.verificationUri,
      ...(device.verificationUriComplete ? { verificationUriComplete: device.verificationUriComplete } : {}),
      intervalS,
      expiresAt,
      ...(openerError ? { openerError } : {}),
    });
  report(device.intervalS);
  const polled = await pollForToken({
    // Built afresh for each poll: a client assertion's `jti` is single-use (RFC 7523 §3).
    request: () => tokenRequest(device.deviceCode),
    intervalS: device.intervalS,
    expiresAt,
    expiresIn: device.expiresIn,
    send: (req) => ctx.send('token', req),
    sleep: (ms) => (ctx.sleep ? ctx.sleep(ms) : new Promise((resolve) => setTimeout(resolve, ms))),
    now: () => ctx.now(),
    signal: ctx.signal,
    onInterval: report,
  }).finally(() => ctx.signInEnded());

  const exchanges = [first, ...polled.exchanges];
  const base = { exchanges, secretValues, polls: polled.polls };
  if (polled.error || !polled.final)
    return { ...base, error: polled.error ?? { code: 'internal', message: 'No answer' } };
  ctx.onStep('token', 'The user code was answered');
  const result = interpretTokenExchange(polled.final, { profile, now: ctx.now() });
  return result.ok ? { ...base, token: result.token } : { ...base, error: result.error };
}

/**
 * Opens `verification_uri_complete` (else `verification_uri`) in the system browser; resolves to why it was not
 * opened, if it was not. A URL that is not https:// (nor http:// to a loopback host) is never handed to the
 * opener: the IdP's answer chooses it (docs/security.md, "OAuth defences").
 */
async function openVerification(ctx: FlowContext, device: DeviceAuthorization): Promise<string | undefined> {
  const url = device.verificationUriComplete ?? device.verificationUri;
  if (!isBrowsableUrl(url)) return 'the verification URL is not https:// (nor http:// to a loopback host)';
  if (!ctx.openBrowser) return 'no system browser is available here';
  ctx.onStep('browser', 'Opening the browser…');
  try {
    await ctx.openBrowser(url);
    return undefined;
  } catch (err) {
    return (err as Error)?.message ?? String(err);
  }
}

/** "Waiting for the user code to be approved (polling every 5 s)…", or what to do when the browser did not open. */
function waitingMessage(device: DeviceAuthorization, intervalS: number, openerError?: string): string {
  if (openerError)
    return `The browser could not be opened (${openerError}): open ${device.verificationUri} yourself and enter the code ${device.userCode}; waiting for approval (polling every ${intervalS} s)…`;
  return `Waiting for the user code to be approved (polling every ${intervalS} s)…`;
}
