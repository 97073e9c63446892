/**
 * The "system browser" of authorization-code tests (docs/architecture.md, "How it is tested"): Debian's Chromium driven by
 * playwright-core, signing in at oidc-provider's dev login page and answering its consent page, each
 * sign-in in a fresh browser context (no session left over from another test).
 */
import { chromium, type Browser } from 'playwright-core';

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
}

/** Where the browser ended: the callback URL it was sent to, the status and the text of our page. */
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

const isCallback = (url: string) => /^http:\/\/127\.0\.0\.1:\d+\/callback\?/.test(url);

/** Launches Chromium (headless). */
export async function launchLoginBrowser(): Promise<LoginBrowser> {
  const browser: Browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });

  async function signIn(url: string, options: SignInOptions = {}): Promise<SignInResult> {
    const target = new URL(url);
    options.editUrl?.(target);
    const context = await browser.newContext();
    try {
      const page = await context.newPage();
      const callback = page.waitForResponse((r) => isCallback(r.url()), { timeout: 20_000 });
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
