/** Types of device-login-cli.mjs (plain JavaScript so $BROWSER can run it). */
import type { Page } from 'playwright-core';

/** Approves (or aborts) an RFC 8628 user code at oidc-provider's pages; resolves to the final page's text. */
export function approveDevice(
  page: Page,
  url: string,
  options?: { abort?: boolean; login?: string; userCode?: string },
): Promise<string>;
