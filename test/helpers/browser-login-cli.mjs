#!/usr/bin/env node
// A "system browser" for the CLI's $BROWSER (docs/architecture.md, "How it is tested"): `node browser-login-cli.mjs [--cancel] URL`
// opens URL in headless Chromium, signs in at oidc-provider's dev login page and gives consent (or, with
// --cancel, clicks "[ Cancel ]"), waits for the loopback callback page, then exits 0 (1 on failure).
// Plain JavaScript because $BROWSER runs it outside the test transformer; test/helpers/browser-login.ts
// is the in-process twin.
import { chromium } from 'playwright-core';

const args = process.argv.slice(2);
const cancel = args.includes('--cancel');
const url = args.find((a) => !a.startsWith('--'));
if (!url) {
  process.stderr.write('usage: browser-login-cli.mjs [--cancel] URL\n');
  process.exit(2);
}

const isCallback = (u) => /^http:\/\/127\.0\.0\.1:\d+\/callback\?/.test(String(u));
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
  ],
});
try {
  const page = await browser.newPage();
  const callback = page.waitForResponse((r) => isCallback(r.url()), { timeout: 20_000 });
  await page.goto(url, { waitUntil: 'domcontentloaded' });
  if (cancel) {
    await page.click('a[href$="/abort"]');
  } else {
    await page.fill('input[name=login]', 'cli-user');
    await page.fill('input[name=password]', 'any password');
    await page.click('button:has-text("Sign-in")');
    await page.click('button:has-text("Continue")');
  }
  const response = await callback;
  process.stderr.write(`browser-login-cli: callback page answered HTTP ${response.status()}\n`);
} catch (err) {
  process.stderr.write(`browser-login-cli: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exitCode = 1;
} finally {
  await browser.close();
}
