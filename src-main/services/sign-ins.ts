/**
 * The sign-ins that Tests wait for (docs/architecture.md, "A Test, step by step", step 7): the real authorization
 * URL of each profile whose authorization-code Test waits, held in main only while it waits, for "Open the browser
 * again" and a pasted redirected URL.
 */
import type { PasteCallbackResult } from '../../src-shared/callback';
import { AppError } from '../../src-shared/errors';
import type { HeldSignIn } from './run-context';

/** The waiting sign-ins by profile id. */
export class SignIns {
  private readonly waiting = new Map<string, HeldSignIn>();

  /** Records the sign-in profile `profileId`'s Test waits for, or (null) that it no longer waits. */
  hold(profileId: string, held: HeldSignIn | null): void {
    if (held) this.waiting.set(profileId, held);
    else this.waiting.delete(profileId);
  }

  /**
   * Opens the system browser again on the authorization URL of the sign-in the profile's Test waits for.
   * Throws AppError('not_found') when no sign-in of that profile is waiting, AppError('unavailable') when no
   * browser opener exists here or it failed (the message redacted; the Test keeps waiting).
   */
  async openAgain(profileId: string, open: ((url: string) => Promise<void>) | undefined): Promise<{ opened: true }> {
    const held = this.waiting.get(profileId);
    if (!held) throw new AppError('not_found', 'No sign-in of this profile is waiting (the Test has ended)');
    if (!open) throw new AppError('unavailable', 'No system browser is available here to sign in with');
    try {
      await open(held.url);
    } catch (err) {
      const reason = ((err as Error)?.message ?? String(err)).split(held.url).join('the authorization URL');
      throw new AppError('unavailable', `The browser could not be opened: ${held.redact(reason)}`);
    }
    return { opened: true };
  }

  /**
   * Hands `url`, pasted from the browser's address bar, to the profile's waiting sign-in, handled like a callback
   * (HeldSignIn.deliver). Throws AppError('not_found') when none waits, else as LoopbackServer.deliver does.
   */
  paste(profileId: string, url: string): PasteCallbackResult {
    const held = this.waiting.get(profileId);
    if (!held) throw new AppError('not_found', 'No sign-in of this profile is waiting (the Test has ended)');
    return held.deliver(url);
  }
}
