/**
 * The bench of authorization-code integration tests: a real oidc-provider on loopback with a public
 * native client and a confidential one, Chromium as the system browser, and the real services
 * (makeTestContext) whose HTTP client also keeps the raw requests so a test can check what was sent.
 */
import { expect } from 'vitest';
import type { Envelope } from '../../src-shared/errors';
import type { AuthorizationCodeProfile, ProfileView } from '../../src-shared/profile';
import type { Exchange, TestProgress, TestRun } from '../../src-shared/test-run';
import { startOidcIdp, type IdpClient, type IdpOptions, type RunningIdp } from '../../src-main/demo/demo-idp';
import { createRecordingClient, type HttpRequest } from '../../src-main/http/recording-client';
import { launchLoginBrowser, type LoginBrowser } from './browser-login';
import { makeTestContext, type TestContext } from './context';

/** The confidential client's secret (`web-app`, client_secret_basic). */
export const WEB_APP_SECRET = 'web-app secret with spaces & symbols';

/** A started bench; `close` stops services, browser and IdP. */
export interface AuthCodeBench {
  idp: RunningIdp;
  browser: LoginBrowser;
  ctx: TestContext;
  /** Raw (unredacted) requests sent by the engine, oldest first. */
  sent: HttpRequest[];
  /** Raw (unredacted) exchanges the engine recorded, oldest first: tokens included, for tests that check them. */
  received: Exchange[];
  progress: TestProgress[];
  /** What `ctx.openBrowser` does for the next Tests (default: nothing, as if no one signs in). */
  setOpener(open: (url: string) => Promise<void>): void;
  call(channel: string, payload: unknown): Promise<Envelope<unknown>>;
  /** A configured auth-code profile for `native-app` (public, PKCE) unless `fields` say otherwise. */
  createProfile(fields?: Partial<AuthorizationCodeProfile>, clientSecret?: string): Promise<ProfileView>;
  close(): Promise<void>;
}

/** Starts IdP (with `extraClients` registered too, and `idpOptions` such as requirePar), browser and services. */
export async function startAuthCodeBench(
  extraClients: IdpClient[] = [],
  idpOptions: Omit<IdpOptions, 'clients'> = {},
): Promise<AuthCodeBench> {
  const idp = await startOidcIdp({
    ...idpOptions,
    clients: [
      {
        client_id: 'native-app',
        token_endpoint_auth_method: 'none',
        grant_types: ['authorization_code', 'refresh_token'],
        redirect_uris: ['http://127.0.0.1/callback'],
        application_type: 'native',
        scope: 'openid offline_access',
      },
      {
        client_id: 'web-app',
        client_secret: WEB_APP_SECRET,
        token_endpoint_auth_method: 'client_secret_basic',
        grant_types: ['authorization_code'],
        redirect_uris: ['http://127.0.0.1/callback'],
        application_type: 'native',
        scope: 'openid',
      },
      ...extraClients,
    ],
  });
  const browser = await launchLoginBrowser();
  const sent: HttpRequest[] = [];
  const received: Exchange[] = [];
  const progress: TestProgress[] = [];
  let open: (url: string) => Promise<void> = async () => {};
  const real = createRecordingClient();
  const ctx = makeTestContext({
    http: {
      send: async (req) => {
        sent.push(req);
        const exchange = await real.send(req);
        received.push(exchange);
        return exchange;
      },
    },
    openBrowser: (url) => open(url),
  });
  ctx.events.on('test:progress', (p) => progress.push(p));
  let counter = 0;

  return {
    idp,
    browser,
    ctx,
    sent,
    received,
    progress,
    setOpener: (next) => void (open = next),
    call: (channel, payload) => ctx.router.handle(channel, payload),
    async createProfile(fields = {}, clientSecret) {
      const profile = await ctx.profiles.create(
        {
          grantType: 'authorization_code',
          name: `auth code ${++counter}`,
          identityProviderName: 'oidc-provider',
          clientId: 'native-app',
          clientAuthMethod: 'none',
          authorizationUrl: `${idp.issuer}/auth`,
          tokenUrl: idp.tokenEndpoint,
          scopes: [{ key: 'scope', value: 'openid offline_access' }],
          ...fields,
        },
        clientSecret ? { clientSecret } : {},
      );
      expect(profile.status).toBe('configured');
      return profile;
    },
    async close() {
      await ctx.dispose();
      await browser.close();
      await idp.close();
    },
  };
}

/** The steps of a run's exchanges, in order. */
export const steps = (run: TestRun) => run.exchanges.map((e) => e.step);
/** The query parameters of a URL. */
export const query = (url: string) => new URL(url).searchParams;
