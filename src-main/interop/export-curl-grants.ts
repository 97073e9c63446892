/**
 * The grant-specific steps of the cURL export (export-curl.ts; docs/architecture.md, "Export to other tools"): the
 * authorization code's URL to open — after a pushed authorization request when the profile says Always (RFC 9126) —
 * and code exchange, the device authorization grant's two requests (RFC 8628 §3.1, §3.4) and the JWT bearer grant's
 * token request (RFC 7523 §2.1). Each request is built by the engine's own builder (authorizationRequestUrl,
 * parRequest, deviceAuthorizationRequest, buildTokenRequest) with stand-ins for what the script cannot know.
 */
import { DEVICE_CODE_GRANT_TYPE } from '../../src-shared/grants';
import { JWT_BEARER_GRANT_TYPE } from '../../src-shared/client-auth';
import { callbackUrl, scopeString, type GrantProfile } from '../../src-shared/profile';
import { authorizationRequestUrl } from '../oauth/flows/authorization-code';
import { deviceAuthorizationRequest } from '../oauth/flows/device-authorization';
import { parRequest, parRequestParameters, pushedAuthorizationUrl } from '../oauth/flows/pushed-authorization';
import type { TemplateVars } from '../oauth/templates';
import type { TokenRequest, TokenRequestIncludes } from '../oauth/token-request';
import type { BuiltRequest, StandIns } from './export-curl-command';

/** A step of a profile in the script: `# <step>: <title>`, its guards and its command. */
export type StepName = 'par' | 'authorize' | 'device_authorization' | 'token' | 'refresh' | 'check';

/** What the grant steps need of export-curl.ts's per-profile state. */
export interface StepContext {
  s: StandIns;
  vars: TemplateVars;
  tenant: string | undefined;
  /** The stored client secret (only when secrets were asked for), else the CLIENT_SECRET stand-in. */
  clientSecret: string;
  /** The CLIENT_ASSERTION stand-in for private_key_jwt / client_secret_jwt, which the script cannot sign. */
  clientAssertion: string | undefined;
  /** Adds a step built by `build`, or a note when it throws AppError. */
  attempt(
    step: StepName,
    title: string,
    build: () => BuiltRequest | { url: string } | Promise<BuiltRequest>,
  ): Promise<void>;
  /** `template` of URL field `field` rendered with the stand-ins (renderUrl). */
  url(template: string, field: string): string;
  /** The token request with `grant` and the profile's rows `include` (buildTokenRequest). */
  token(grant: [string, string][], include: TokenRequestIncludes): Promise<TokenRequest>;
  /** The profile's notes. */
  notes: string[];
}

/** What a stand-in variable holds, for the script's header (the grant steps' own variables). */
export const GRANT_MEANINGS: Readonly<Record<string, string>> = {
  PAR_URL: "the IdP's pushed_authorization_request_endpoint, from its metadata (RFC 9126 §5)",
  REQUEST_URI: 'the request_uri of the pushed authorization answer (RFC 9126 §2.2)',
  DEVICE_CODE: 'the device_code of the device authorization answer (RFC 8628 §3.2)',
  ASSERTION: 'the JWT bearer assertion signed with the JWT Signing Key (RFC 7523 §2.1, §3): the script cannot sign it',
};

/**
 * The authorization code's steps: with Pushed Authorization Request Always, `par` POSTs the authorization
 * parameters to the PAR URL (the profile's, else `$PAR_URL`) with the client authentication, and the URL to open
 * carries only `client_id` and `request_uri` (RFC 9126 §2.1, §4); otherwise the URL carries every parameter. Then
 * the code exchange (RFC 6749 §4.1.3). Auto with an Issuer is noted: only a Test reads the metadata that decides.
 */
export async function authorizationCodeSteps(p: GrantProfile<'authorization_code'>, c: StepContext): Promise<void> {
  const { s } = c;
  const redirectUri = p.callbackPort ? callbackUrl(p) : s.of('REDIRECT_URI');
  const openid = scopeString(p.scopes).split(' ').includes('openid');
  const pkce = p.pkce.enabled
    ? {
        verifier: '',
        challenge: s.of(p.pkce.method === 'plain' ? 'CODE_VERIFIER' : 'CODE_CHALLENGE'),
        method: p.pkce.method,
      }
    : undefined;
  const state = s.of('STATE');
  const nonce = openid ? s.of('NONCE') : undefined;
  const authorizeUrl = () =>
    authorizationRequestUrl(
      p,
      c.url(p.authorizationUrl, 'authorizationUrl'),
      { redirectUri, state, nonce, pkce, responseMode: p.responseMode },
      c.vars,
      c.tenant,
    );
  const open = 'open this URL in a browser, sign in, then set CODE to the redirect’s code';
  if (p.pushedAuthorization === 'always') {
    await c.attempt(
      'par',
      'the pushed authorization request (RFC 9126 §2.1): set REQUEST_URI to its request_uri',
      () => {
        const parUrl = p.pushedAuthorizationRequestUrl
          ? c.url(p.pushedAuthorizationRequestUrl, 'pushedAuthorizationRequestUrl')
          : s.of('PAR_URL');
        const secrets = {
          clientSecret: c.clientSecret,
          ...(c.clientAssertion ? { clientAssertion: c.clientAssertion } : {}),
        };
        return parRequest(p, parUrl, parRequestParameters(authorizeUrl()), secrets, new Date()).then((r) => ({
          ...r,
          body: r.body ?? null,
        }));
      },
    );
    await c.attempt('authorize', `${open} (RFC 9126 §4: only client_id and request_uri)`, () => ({
      url: pushedAuthorizationUrl(authorizeUrl(), p.clientId, s.of('REQUEST_URI')),
    }));
  } else {
    if (p.pushedAuthorization === 'auto' && p.issuer)
      c.notes.push(
        "Pushed Authorization Request is Auto: the script does not push, since a Test pushes only when the IdP's metadata requires it (RFC 9126 §5); set Always to export the push",
      );
    await c.attempt('authorize', open, () => ({ url: authorizeUrl() }));
  }
  const grant: [string, string][] = [
    ['grant_type', 'authorization_code'],
    ['code', s.of('CODE')],
    ['redirect_uri', redirectUri],
    ...(p.pkce.enabled ? [['code_verifier', s.of('CODE_VERIFIER')] as [string, string]] : []),
  ];
  await c.attempt('token', 'the code exchange (RFC 6749 §4.1.3)', () => c.token(grant, { headers: true }));
}

/**
 * The device authorization grant's steps: the device authorization request to the Device Authorization URL with
 * the client authentication and the scopes (RFC 8628 §3.1), then — once the user has entered the user code at the
 * verification URI — the token request with `$DEVICE_CODE` (§3.4), repeated by hand while it answers
 * `authorization_pending` (§3.5).
 */
export async function deviceCodeSteps(p: GrantProfile<'device_code'>, c: StepContext): Promise<void> {
  await c.attempt('device_authorization', 'the device authorization request (RFC 8628 §3.1)', () =>
    deviceAuthorizationRequest(
      p,
      c.url(p.deviceAuthorizationUrl, 'deviceAuthorizationUrl'),
      c.clientSecret,
      c.vars,
      c.tenant,
      c.clientAssertion ? { clientAssertion: c.clientAssertion } : {},
    ),
  );
  const title =
    'open the answer’s verification_uri, enter its user_code, set DEVICE_CODE to its device_code, then run the token request (RFC 8628 §3.4; again while it answers authorization_pending, §3.5)';
  await c.attempt('token', title, () =>
    c.token(
      [
        ['grant_type', DEVICE_CODE_GRANT_TYPE],
        ['device_code', c.s.of('DEVICE_CODE')],
      ],
      // As a Test sends it: the scopes went with the device authorization request.
      { headers: true },
    ),
  );
}

/**
 * The JWT bearer grant's token request (RFC 7523 §2.1) with `$ASSERTION`: the script cannot sign, so the title
 * names the claims a Test puts in the assertion (`iss`, `sub`, `aud`, scope, extra claims; §3).
 */
export async function jwtBearerSteps(p: GrantProfile<'jwt_bearer'>, c: StepContext): Promise<void> {
  await c.attempt('token', `the JWT bearer token request (RFC 7523 §2.1): ${assertionClaims(p)}`, () =>
    c.token(
      [
        ['grant_type', JWT_BEARER_GRANT_TYPE],
        ['assertion', c.s.of('ASSERTION')],
      ],
      // The scope travels inside the assertion and, as a Test sends it, as the `scope` parameter too.
      { scopes: true, headers: true },
    ),
  );
  c.notes.push('The script cannot sign the JWT bearer assertion: set ASSERTION to one signed with the JWT Signing Key');
}

/** "set ASSERTION to a JWT … with iss …, sub …, aud …", the claims runJwtBearer signs (aud: the token URL, no query). */
function assertionClaims(p: GrantProfile<'jwt_bearer'>): string {
  const o = p.jwtBearer;
  const aud = o.audience ?? p.tokenUrl.split(/[?#]/)[0];
  const extra = [...(scopeString(p.scopes) ? ['scope'] : []), ...o.claims.map((claim) => claim.key)];
  return `set ASSERTION to a JWT signed with the JWT Signing Key, with iss ${o.issuer || p.clientId}, sub ${o.subject || p.clientId}, aud ${aud}, ${[...extra, 'jti', 'iat', 'exp'].join(', ')}`;
}
