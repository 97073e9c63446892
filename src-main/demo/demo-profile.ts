/**
 * The demo profile: a client-credentials profile pointing at the embedded demo IdP, the "try it now"
 * path of the CLI (`authbench demo`) and the app's default data.
 */
import { profileInput, type ProfileInput, type ProfileView } from '../../src-shared/profile';
import type { AppContext } from '../context';
import type { ProfileService } from '../services/profiles';
import { DEMO_BROWSER_CLIENT_ID, DEMO_DEVICE_CLIENT_ID, type DemoIdp } from './demo-idp';

export const DEMO_PROFILE_NAME = 'Authbench demo IdP';
export const DEMO_BROWSER_PROFILE_NAME = 'Authbench demo IdP (browser sign-in)';
export const DEMO_DEVICE_PROFILE_NAME = 'Authbench demo IdP (device code)';
export const DEMO_JWT_PROFILE_NAME = 'Authbench demo IdP (private_key_jwt)';
export const DEMO_EXCHANGE_PROFILE_NAME = 'Demo: token exchange';
export const DEMO_DPOP_PROFILE_NAME = 'Authbench demo IdP (DPoP)';
export const DEMO_PAR_PROFILE_NAME = 'Authbench demo IdP (pushed authorization request)';
const DEMO_NAMES = [
  DEMO_PROFILE_NAME,
  DEMO_BROWSER_PROFILE_NAME,
  DEMO_DEVICE_PROFILE_NAME,
  DEMO_JWT_PROFILE_NAME,
  DEMO_EXCHANGE_PROFILE_NAME,
  DEMO_DPOP_PROFILE_NAME,
  DEMO_PAR_PROFILE_NAME,
];

/** The demo profile's fields for an IdP whose token endpoint is `tokenEndpoint`. */
export function demoProfileInput(tokenEndpoint: string, clientId: string): ProfileInput {
  return profileInput.parse({
    grantType: 'client_credentials',
    name: DEMO_PROFILE_NAME,
    identityProviderName: 'Authbench demo (oidc-provider on 127.0.0.1)',
    description:
      'Created by Authbench: a client-credentials profile for the embedded demo IdP. The URL and secret change each time the IdP starts.',
    clientId,
    clientAuthMethod: 'client_secret_basic',
    tokenUrl: tokenEndpoint,
    scopes: [{ key: 'scope', value: 'api:read' }],
  });
}

/** The browser sign-in demo profile: authorization code + PKCE with a public client (any login works). */
export function demoBrowserProfileInput(issuer: string): ProfileInput {
  return profileInput.parse({
    grantType: 'authorization_code',
    name: DEMO_BROWSER_PROFILE_NAME,
    identityProviderName: 'Authbench demo (oidc-provider on 127.0.0.1)',
    description: 'Created by Authbench: press Test, sign in at the demo IdP with any login and password, and consent.',
    clientId: DEMO_BROWSER_CLIENT_ID,
    clientAuthMethod: 'none',
    authorizationUrl: `${issuer}/auth`,
    tokenUrl: `${issuer}/token`,
    issuer,
    scopes: [{ key: 'scope', value: 'openid offline_access' }],
  });
}

/** The browser sign-in demo profile that always pushes its authorization request first (RFC 9126). */
export function demoParProfileInput(issuer: string): ProfileInput {
  return profileInput.parse({
    ...demoBrowserProfileInput(issuer),
    name: DEMO_PAR_PROFILE_NAME,
    description:
      'Created by Authbench: a Test POSTs the authorization request to the demo IdP first (RFC 9126); the browser gets only its request_uri. Sign in with any login.',
    pushedAuthorization: 'always',
  });
}

/** The device-code demo profile (RFC 8628) with a public client: Test shows a code to approve at the demo IdP. */
export function demoDeviceProfileInput(issuer: string): ProfileInput {
  return profileInput.parse({
    grantType: 'device_code',
    name: DEMO_DEVICE_PROFILE_NAME,
    identityProviderName: 'Authbench demo (oidc-provider on 127.0.0.1)',
    description:
      'Created by Authbench: press Test, enter the code shown at the demo IdP, sign in with any login and password, and consent.',
    clientId: DEMO_DEVICE_CLIENT_ID,
    clientAuthMethod: 'none',
    deviceAuthorizationUrl: `${issuer}/device/auth`,
    tokenUrl: `${issuer}/token`,
    issuer,
    scopes: [{ key: 'scope', value: 'openid offline_access' }],
  });
}

/** The private_key_jwt demo profile: client credentials with a signed client assertion (RFC 7523 §2.2). */
export function demoJwtProfileInput(tokenEndpoint: string, clientId: string): ProfileInput {
  return profileInput.parse({
    ...demoProfileInput(tokenEndpoint, clientId),
    name: DEMO_JWT_PROFILE_NAME,
    description:
      'Created by Authbench: client credentials with private_key_jwt; the key is new each time the IdP starts.',
    clientAuthMethod: 'private_key_jwt',
    clientAssertion: { alg: 'ES256', kid: 'demo-1', audience: 'token_endpoint' },
  });
}

/**
 * The token exchange demo profile (RFC 8693): the demo client trades the access token held by the client-credentials
 * demo profile (Test that one first) for a token for the demo API.
 */
export function demoExchangeProfileInput(idp: DemoIdp['idp'], clientId: string): ProfileInput {
  return profileInput.parse({
    ...demoProfileInput(idp.tokenEndpoint, clientId),
    grantType: 'token_exchange',
    name: DEMO_EXCHANGE_PROFILE_NAME,
    description: `Created by Authbench: exchanges the access token of "${DEMO_PROFILE_NAME}" (Test it first) for a token for the demo API.`,
    tokenExchange: { subjectSource: 'profile', subjectProfile: DEMO_PROFILE_NAME, audiences: [idp.apiResource] },
  });
}

/** The DPoP demo profile (RFC 9449): client credentials with sender-constrained tokens; its key is made by the first Test. */
export function demoDpopProfileInput(issuer: string, clientId: string): ProfileInput {
  return profileInput.parse({
    ...demoProfileInput(`${issuer}/token`, clientId),
    name: DEMO_DPOP_PROFILE_NAME,
    description:
      'Created by Authbench: client credentials with DPoP (RFC 9449); the token is bound to a key pair kept in the OS keychain.',
    issuer,
    dpop: { enabled: true, alg: 'ES256' },
  });
}

/** Creates the demo profiles, or points the existing ones at the running IdP (and its new secret). Returns the client-credentials one. */
export async function ensureDemoProfile(profiles: ProfileService, demo: DemoIdp): Promise<ProfileView> {
  const upsert = async (input: ProfileInput, secrets: { clientSecret?: string; jwtSigningKey?: string }) => {
    const existing = await profiles.getByName(input.name).catch(() => undefined);
    if (!existing) return profiles.create(input, secrets);
    return profiles.update(existing.id, { ...input, description: existing.description }, secrets);
  };
  await upsert(demoBrowserProfileInput(demo.idp.issuer), {});
  await upsert(demoParProfileInput(demo.idp.issuer), {});
  await upsert(demoDeviceProfileInput(demo.idp.issuer), {});
  const { clientId, privateKeyPem } = demo.jwtClient;
  await upsert(demoJwtProfileInput(demo.idp.tokenEndpoint, clientId), { jwtSigningKey: privateKeyPem });
  await upsert(demoExchangeProfileInput(demo.idp, demo.clientId), { clientSecret: demo.clientSecret });
  await upsert(demoDpopProfileInput(demo.idp.issuer, demo.clientId), { clientSecret: demo.clientSecret });
  return upsert(demoProfileInput(demo.idp.tokenEndpoint, demo.clientId), { clientSecret: demo.clientSecret });
}

/**
 * For the desktop app: starts the demo IdP when the demo profile exists or no profile exists yet
 * (first run), and keeps the profile pointing at it. Returns a function that stops the IdP.
 */
export async function startDemoForApp(context: AppContext): Promise<(() => Promise<void>) | undefined> {
  const list = await context.profiles.list();
  if (list.length > 0 && !list.some((p) => DEMO_NAMES.includes(p.name))) return undefined;
  const { startDemoIdp } = await import('./demo-idp');
  const demo = await startDemoIdp();
  await ensureDemoProfile(context.profiles, demo);
  return () => demo.idp.close();
}
