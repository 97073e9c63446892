/**
 * Warns before a held refresh token expires (its end means a new sign-in): once per token, `lead` ms before its
 * expiry, through a `notify` hook (Electron's Notification in the app). Node-testable: the clock and the timer
 * are injected. Decisions (docs/architecture.md, "Token expiry warnings"):
 * - a token already inside the lead window (or expired) at start is announced at once;
 * - the refresh expiry announced is stored in `token_expiry.notified_for`, so a restart never announces the
 *   same token again (a rotated refresh token has a new expiry and is announced afresh);
 * - a changed lead re-plans every token; a token already announced stays announced;
 * - lead `null` (warnings off) announces nothing.
 */
import { formatSeconds } from '../../src-shared/format';
import type { ExpiryRow } from '../store/token-expiry-repo';

/** One OS notification: a title, a sentence, and the profile it is about (clicking it may open that profile). */
export interface ExpiryNotice {
  title: string;
  body: string;
  profileId: string;
}

/** A timer like Node's and the browser's: injected so tests drive it with a fake clock. */
export interface NotifierClock {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

/** What the notifier reads and writes: the `token_expiry` rows, the lead setting and profile names. */
export interface ExpiryNotifierDeps {
  rows: {
    all(): ExpiryRow[];
    get(profileId: string): ExpiryRow | undefined;
    markNotified(profileId: string, refreshExpiresAt: string): void;
  };
  /** The warning lead in ms, or null when warnings are off (read at each planning). */
  leadMs(): number | null;
  /** The profile's name for the notice, or undefined when the profile is gone. */
  profileName(profileId: string): string | undefined;
  notify(notice: ExpiryNotice): void;
  clock?: NotifierClock;
}

/** setTimeout's longest delay (2^31 − 1 ms, about 24.8 days): a later time is reached in steps. */
const MAX_DELAY = 2_147_483_647;

const SYSTEM_CLOCK: NotifierClock = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => {
    const timer = setTimeout(fn, ms);
    // A pending warning never keeps a process (the CLI, a test) alive.
    timer.unref?.();
    return timer;
  },
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/** Plans one timer per profile whose refresh token's warning is still to come. */
export class ExpiryNotifier {
  private readonly timers = new Map<string, unknown>();
  private readonly clock: NotifierClock;
  private running = false;

  constructor(private readonly deps: ExpiryNotifierDeps) {
    this.clock = deps.clock ?? SYSTEM_CLOCK;
  }

  /** Plans every held token; announces at once those already inside the window. */
  start(): void {
    this.running = true;
    for (const row of this.deps.rows.all()) this.plan(row.profileId, row);
  }

  /** Re-plans one profile after its token was saved, refreshed, marked unusable or forgotten. */
  reschedule(profileId: string): void {
    if (this.running) this.plan(profileId, this.deps.rows.get(profileId));
  }

  /** Re-plans every token (the lead setting changed). */
  settingsChanged(): void {
    if (!this.running) return;
    this.stop();
    this.start();
  }

  /** Cancels every pending timer. */
  stop(): void {
    this.running = false;
    for (const handle of this.timers.values()) this.clock.clearTimeout(handle);
    this.timers.clear();
  }

  /** The profiles with a pending timer (for tests and diagnostics). */
  pending(): string[] {
    return [...this.timers.keys()];
  }

  private plan(profileId: string, row: ExpiryRow | undefined): void {
    const previous = this.timers.get(profileId);
    if (previous !== undefined) this.clock.clearTimeout(previous);
    this.timers.delete(profileId);
    const due = this.dueAt(row);
    if (due === undefined || !row?.refreshExpiresAt) return;
    const delay = due - this.clock.now();
    if (delay <= 0) {
      this.fire(row);
      return;
    }
    const expected = row.refreshExpiresAt;
    const handle = this.clock.setTimeout(
      () => {
        this.timers.delete(profileId);
        const fresh = this.deps.rows.get(profileId);
        // Still the same token? Else its own save re-planned it (or it is gone).
        if (fresh?.refreshExpiresAt !== expected) return;
        if (delay > MAX_DELAY) this.plan(profileId, fresh);
        else if (this.dueAt(fresh) !== undefined) this.fire(fresh);
      },
      Math.min(delay, MAX_DELAY),
    );
    this.timers.set(profileId, handle);
  }

  /** When the warning of `row` is due (epoch ms), or undefined when none is to be given. */
  private dueAt(row: ExpiryRow | undefined): number | undefined {
    const lead = this.deps.leadMs();
    if (lead === null || !row?.hasRefreshToken || !row.usable || !row.refreshExpiresAt) return undefined;
    if (row.notifiedFor === row.refreshExpiresAt) return undefined;
    const at = Date.parse(row.refreshExpiresAt);
    return Number.isFinite(at) ? at - lead : undefined;
  }

  private fire(row: ExpiryRow): void {
    const name = this.deps.profileName(row.profileId);
    if (name === undefined || !row.refreshExpiresAt) return;
    this.deps.rows.markNotified(row.profileId, row.refreshExpiresAt);
    this.deps.notify(expiryNotice(row.profileId, name, Date.parse(row.refreshExpiresAt), this.clock.now()));
  }
}

/** The notice for profile `name`'s refresh token expiring at `at` (epoch ms), seen at `now`. */
export function expiryNotice(profileId: string, name: string, at: number, now: number): ExpiryNotice {
  // Whole minutes: a notice is read later than it is made.
  const span = formatSeconds(Math.round(Math.abs(at - now) / 60_000) * 60);
  return at > now
    ? {
        title: 'Refresh token expires soon',
        body: `"${name}": its refresh token expires in ${span}; after that, run its Test to obtain a new token.`,
        profileId,
      }
    : {
        title: 'Refresh token expired',
        body: `"${name}": its refresh token expired ${span} ago; run its Test to obtain a new token.`,
        profileId,
      };
}
