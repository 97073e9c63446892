#!/usr/bin/env node
// The "system browser" of device-code tests (docs/architecture.md, "How it is tested"): approves an RFC 8628 user code
// at oidc-provider's pages. As a module, `approveDevice(page, url, options)` drives a playwright-core page; run as
// `node device-login-cli.mjs [--abort] URL` (the CLI's $BROWSER) it opens headless Chromium itself and exits 0
// once the IdP's success page shows (1 on failure). Plain JavaScript because $BROWSER runs it outside the test
// transformer.
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';

/**
 * Opens `url` (verification_uri_complete, or verification_uri with `userCode`), confirms the code (or, with
 * `abort`, aborts: the IdP then answers access_denied), signs in as `login` and consents. Resolves to the text
 * of the page the browser ends on.
 */
export async function approveDevice(page, url, { abort = false, login = 'device-user', userCode } = {}) {
  await page.goto(url, { waitUntil: 'domcontentloaded' });
  if (userCode) await page.fill('input[name=user_code]', userCode);
  // verification_uri_complete posts the code itself; the plain URI shows the input page first.
  if (await page.locator('form#op\\.deviceInputForm').count()) await page.click('button:has-text("Continue")');
  await page.waitForSelector('form#op\\.deviceConfirmForm', { state: 'attached' });
  if (abort) {
    await page.click('button[name=abort]');
  } else {
    await page.click('button:has-text("Continue")');
    await page.fill('input[name=login]', login);
    await page.fill('input[name=password]', 'any password');
    await page.click('button:has-text("Sign-in")');
    await page.click('button:has-text("Continue")');
  }
  // The success page, or the input page again saying the sign-in was aborted.
  await page.waitForSelector(abort ? 'text=aborted' : 'text=Device approved', { timeout: 20_000 });
  return page.innerText('body');
}

const main = process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href;
if (main) {
  const args = process.argv.slice(2);
  const url = args.find((a) => !a.startsWith('--'));
  if (!url) {
    process.stderr.write('usage: device-login-cli.mjs [--abort] URL\n');
    process.exit(2);
  }
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'],
  });
  try {
    const text = await approveDevice(await browser.newPage(), url, { abort: args.includes('--abort') });
    process.stderr.write(`device-login-cli: ${text.split('\n')[0]}\n`);
  } catch (err) {
    process.stderr.write(`device-login-cli: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 1;
  } finally {
    await browser.close();
  }
}
