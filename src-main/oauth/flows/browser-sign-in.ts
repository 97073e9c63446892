/**
 * Handing the authorization URL to the system browser (RFC 8252 §7.3, §8.12; docs/architecture.md, "A Test,
 * step by step"): a browser that could not be started is not the end of the Test — the URL is shown, can be
 * copied or opened again, and the flow keeps waiting. Only a URL the hosts refuse to open (not https://, nor
 * http:// to a loopback host) ends it.
 */
import { isBrowsableUrl } from '../../../src-shared/profile-fields';
import type { FlowContext, SignInWait } from '../flow';

/** What the browser is opened on, and for how long the flow will wait (ms) — `waited` is that wait in words. */
export interface BrowserSignIn {
  url: string;
  redirectUri: string;
  timeoutMs: number;
  waited: string;
  /** The flow's own secret values (masked where the URL is shown). */
  secretValues: readonly string[];
  /** The loopback server's `deliver`: a pasted redirected URL, handled like a callback. */
  deliver: SignInWait['deliver'];
}

/** The progress message before the opener runs (the CLI's `--paste`, which opens nothing, leaves it out). */
export const OPENING_BROWSER = 'Opening the browser…';

/**
 * Opens `signIn.url` with `open` and reports the wait (ctx.signInWaiting). Resolves to the refusal message
 * when the opener failed on a URL that may not be opened in a browser; otherwise to undefined, the opener's
 * failure (if any) reported with the wait.
 */
export async function openForSignIn(
  ctx: FlowContext,
  open: (url: string) => Promise<void>,
  signIn: BrowserSignIn,
): Promise<string | undefined> {
  ctx.onStep('browser', OPENING_BROWSER);
  let openerError: string | undefined;
  try {
    await open(signIn.url);
  } catch (err) {
    openerError = (err as Error)?.message ?? String(err);
    if (!isBrowsableUrl(signIn.url)) return `The browser could not be opened: ${openerError}`;
  }
  const message = openerError
    ? `The browser could not be opened (${openerError}): open the authorization URL yourself; waiting for you to sign in (${signIn.waited})…`
    : `Waiting for you to sign in (${signIn.waited})…`;
  ctx.signInWaiting(message, {
    url: signIn.url,
    redirectUri: signIn.redirectUri,
    // Wall-clock, as the loopback server's own timer is.
    deadline: new Date(Date.now() + signIn.timeoutMs),
    secretValues: signIn.secretValues,
    deliver: signIn.deliver,
    ...(openerError ? { openerError } : {}),
  });
  return undefined;
}
