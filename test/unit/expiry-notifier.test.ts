import BetterSqlite3 from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ExpiryNotifier, type ExpiryNotice } from '../../src-main/services/expiry-notifier';
import { migrate } from '../../src-main/store/migrations';
import { TokenExpiryRepo } from '../../src-main/store/token-expiry-repo';

const H = 3_600_000;
const START = Date.parse('2026-12-02T08:00:00.000Z');
/** An instant `ms` from the (fake) now. */
const at = (ms: number) => new Date(Date.now() + ms).toISOString();

let db: BetterSqlite3.Database;
let repo: TokenExpiryRepo;
let notices: ExpiryNotice[];
let lead: number | null;

function profile(id: string, name: string) {
  db.prepare("INSERT INTO profiles VALUES (?, ?, 'authorization_code', '{}', 'x', 'x')").run(id, name);
}
function hold(id: string, refreshIn: number | undefined, usable = true) {
  repo.put(id, {
    accessExpiresAt: at(5 * 60_000),
    ...(refreshIn !== undefined ? { refreshExpiresAt: at(refreshIn) } : {}),
    hasRefreshToken: true,
    usable,
  });
}
function notifier() {
  return new ExpiryNotifier({
    rows: repo,
    leadMs: () => lead,
    profileName: (id) =>
      (db.prepare('SELECT name FROM profiles WHERE id = ?').get(id) as { name: string } | undefined)?.name,
    notify: (n) => notices.push(n),
  });
}

beforeEach(() => {
  vi.useFakeTimers({ now: START });
  db = new BetterSqlite3(':memory:');
  db.pragma('foreign_keys = ON');
  migrate(db);
  repo = new TokenExpiryRepo(db);
  notices = [];
  lead = 24 * H;
  profile('a', 'Orders');
  profile('b', 'Billing');
});
afterEach(() => {
  vi.useRealTimers();
  db.close();
});

describe('ExpiryNotifier (fake clock)', () => {
  it('fires once at expiry − lead, and not again (nor after a restart)', () => {
    hold('a', 72 * H);
    const n = notifier();
    n.start();
    vi.advanceTimersByTime(48 * H - 1000);
    expect(notices).toEqual([]);
    vi.advanceTimersByTime(1000);
    expect(notices).toEqual([
      {
        title: 'Refresh token expires soon',
        body: '"Orders": its refresh token expires in 1 d; after that, run its Test to obtain a new token.',
        profileId: 'a',
      },
    ]);
    vi.advanceTimersByTime(48 * H);
    n.stop();
    const again = notifier();
    again.start();
    vi.advanceTimersByTime(H);
    expect(notices).toHaveLength(1);
    again.stop();
  });

  it('fires at once at start for a token already inside the window, or expired; never for one without a lifetime', () => {
    hold('a', 2 * H);
    hold('b', -3 * H);
    profile('c', 'Unknown lifetime');
    hold('c', undefined);
    const n = notifier();
    n.start();
    expect(notices.map((x) => [x.profileId, x.title, x.body])).toEqual([
      [
        'a',
        'Refresh token expires soon',
        '"Orders": its refresh token expires in 2 h; after that, run its Test to obtain a new token.',
      ],
      [
        'b',
        'Refresh token expired',
        '"Billing": its refresh token expired 3 h ago; run its Test to obtain a new token.',
      ],
    ]);
    expect(n.pending()).toEqual([]);
    n.stop();
  });

  it('reschedules when the token is refreshed (rotated: a new expiry) or forgotten', () => {
    hold('a', 30 * H);
    const n = notifier();
    n.start();
    expect(n.pending()).toEqual(['a']);
    // A refresh rotates the refresh token: its new expiry is 10 days away.
    vi.advanceTimersByTime(H);
    hold('a', 10 * 24 * H);
    n.reschedule('a');
    vi.advanceTimersByTime(6 * H);
    expect(notices).toEqual([]);
    vi.advanceTimersByTime(9 * 24 * H - 6 * H);
    expect(notices.map((x) => x.profileId)).toEqual(['a']);
    // A new token after the warning is announced afresh; forgetting it cancels that.
    hold('a', 48 * H);
    n.reschedule('a');
    repo.remove('a');
    n.reschedule('a');
    vi.advanceTimersByTime(48 * H);
    expect(notices).toHaveLength(1);
    n.stop();
  });

  it('a token saved again with the same refresh expiry (access-token refresh) is not announced twice', () => {
    hold('a', 2 * H);
    const n = notifier();
    n.start();
    hold('a', 2 * H);
    n.reschedule('a');
    vi.advanceTimersByTime(3 * H);
    expect(notices).toHaveLength(1);
    n.stop();
  });

  it('follows the lead setting: longer brings the warning forward, off silences it', () => {
    hold('a', 72 * H);
    hold('b', 72 * H);
    const n = notifier();
    n.start();
    lead = 96 * H;
    n.settingsChanged();
    expect(notices.map((x) => x.profileId)).toEqual(['a', 'b']);
    hold('a', 200 * H);
    lead = null;
    n.settingsChanged();
    n.reschedule('a');
    vi.advanceTimersByTime(300 * H);
    expect(notices).toHaveLength(2);
    expect(n.pending()).toEqual([]);
    n.stop();
  });

  it('skips a token whose profile was deleted, or that the IdP refused, and waits past the 24.8-day timer limit', () => {
    hold('a', 60 * 24 * H);
    hold('b', 2 * H, false);
    const n = notifier();
    n.start();
    expect(notices).toEqual([]);
    vi.advanceTimersByTime(59 * 24 * H - 1000);
    expect(notices).toEqual([]);
    vi.advanceTimersByTime(1000);
    expect(notices.map((x) => x.profileId)).toEqual(['a']);
    hold('a', 2 * 24 * H);
    n.reschedule('a');
    db.prepare("DELETE FROM profiles WHERE id = 'a'").run();
    vi.advanceTimersByTime(2 * 24 * H);
    expect(notices).toHaveLength(1);
    n.stop();
  });
});
