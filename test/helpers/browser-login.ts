/**
 * The "system browser" of authorization-code tests (docs/architecture.md, "How it is tested"): Debian's Chromium driven by
 * playwright-core, signing in at oidc-provider's dev login page and answering its consent page, each
 * sign-in in a fresh browser context (no session left over from another test).
 */
import { chromium, type Browser, type Page } from 'playwright-core';

/** Debian's Chromium and the flags it runs with here (docs/architecture.md, "How it is tested"). */
export const CHROMIUM = '/usr/bin/chromium';
/** Headless, no sandbox (containers), nothing fetched from the network on its own. */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/** How a sign-in goes: who signs in, whether consent is given, and an edit to the authorization URL. */
export interface SignInOptions {
  login?: string;
  /** `cancel` clicks the IdP's "[ Cancel ]" link on the login page: the IdP answers access_denied. */
  consent?: 'approve' | 'cancel';
  /** Changes the authorization URL before the browser goes there (e.g. a forged `state`). */
  editUrl?: (url: URL) => void;
  /**
   * Stops the browser at the redirect, as on a laptop whose browser cannot reach the loopback: the request to
   * the redirect URI is aborted (the callback server never sees it) and its URL is the result's `callbackUrl`.
   */
  capture?: boolean;
}

/**
 * Where the browser ended: the callback URL it was sent to (for form_post, without the posted form), the status
 * and the text of our page (0 and '' when the redirect was captured).
 */
export interface SignInResult {
  callbackUrl: string;
  status: number;
  text: string;
}

/** A running Chromium for sign-ins. */
export interface LoginBrowser {
  signIn(url: string, options?: SignInOptions): Promise<SignInResult>;
  /**
   * A `ctx.openBrowser` for the engine: resolves at once (as a real browser launch does) and signs in in
   * the background; `results` holds one promise per opened URL, `urls` the URLs as opened.
   */
  opener(options?: SignInOptions): {
    open: (url: string) => Promise<void>;
    results: Promise<SignInResult>[];
    urls: string[];
  };
  close(): Promise<void>;
}

/** A test of "is this the redirect URI (any query)?" for the authorization URL `target`. */
const callbackOf = (target: URL) => {
  const redirect = target.searchParams.get('redirect_uri');
  // A pushed request's URL has no redirect_uri (RFC 9126 §4): any loopback /callback.
  if (!redirect) return (url: string) => /^http:\/\/127\.0\.0\.1(:\d+)?\/callback(\?|$)/.test(url);
  return (url: string) => url === redirect || url.startsWith(`${redirect}?`);
};

/**
 * Stops `page` at the redirect URI and resolves to the URL it was sent to. Playwright's routing does not see
 * the requests a redirect leads to, so each navigation is fetched without following redirects, and a redirect
 * becomes a page that navigates on (a fresh, routed request) — unless it leads to the redirect URI, which is
 * captured and refused as an unreachable loopback would be.
 */
async function captureRedirect(page: Page, isCallback: (url: string) => boolean): Promise<{ url: Promise<string> }> {
  let captured!: (url: string) => void;
  const url = new Promise<string>((resolve, reject) => {
    captured = resolve;
    setTimeout(() => reject(new Error('the browser never reached the redirect URI')), 20_000).unref();
  });
  await page.route(
    () => true,
    async (route) => {
      const request = route.request();
      if (isCallback(request.url())) return (captured(request.url()), route.abort('connectionrefused'));
      if (!request.isNavigationRequest()) return route.continue();
      const response = await route.fetch({ maxRedirects: 0 });
      const location = response.headers()['location'];
      if (response.status() < 300 || response.status() > 399 || !location) return route.fulfill({ response });
      const next = new URL(location, request.url()).toString();
      if (isCallback(next)) return (captured(next), route.abort('connectionrefused'));
      const html = `<!doctype html><meta http-equiv="refresh" content="0;url=${next.replace(/"/g, '&quot;')}">`;
      return route.fulfill({ status: 200, contentType: 'text/html', body: html });
    },
  );
  return { url };
}

/** Launches Chromium (headless). */
export async function launchLoginBrowser(): Promise<LoginBrowser> {
  const browser: Browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });

  async function signIn(url: string, options: SignInOptions = {}): Promise<SignInResult> {
    const target = new URL(url);
    options.editUrl?.(target);
    const isCallback = callbackOf(target);
    const context = await browser.newContext();
    try {
      const page = await context.newPage();
      const capturedUrl = options.capture ? (await captureRedirect(page, isCallback)).url : undefined;
      capturedUrl?.catch(() => {}); // observed when awaited below
      const callback = page.waitForResponse((r) => isCallback(r.url()), { timeout: 20_000 });
      callback.catch(() => {}); // not awaited when the redirect is captured
      // 'domcontentloaded': the dev pages import a web font that cannot load here.
      await page.goto(target.toString(), { waitUntil: 'domcontentloaded' });
      if (options.consent === 'cancel') {
        await page.click('a[href$="/abort"]');
      } else {
        await page.fill('input[name=login]', options.login ?? 'alice');
        await page.fill('input[name=password]', 'any password');
        await page.click('button:has-text("Sign-in")');
        // The consent page follows the login page; click waits for its button.
        await page.click('button:has-text("Continue")');
      }
      if (capturedUrl) return { callbackUrl: await capturedUrl, status: 0, text: '' };
      const response = await callback;
      await page.waitForURL((u) => isCallback(u.toString()), { waitUntil: 'domcontentloaded' });
      return { callbackUrl: response.url(), status: response.status(), text: await page.innerText('body') };
    } finally {
      await context.close();
    }
  }

  return {
    signIn,
    opener(options = {}) {
      const results: Promise<SignInResult>[] = [];
      const urls: string[] = [];
      const open = async (url: string) => {
        urls.push(url);
        const result = signIn(url, options);
        result.catch(() => {}); // observed through `results`
        results.push(result);
      };
      return { open, results, urls };
    },
    close: () => browser.close(),
  };
}
