/**
 * A profile's last Test as a chip (docs/architecture.md, "Data model"): "Passed" (green), "Failed ·
 * invalid_client" (red), "Cancelled" (neutral) or "Never tested" (muted), with when it ran — relative for
 * the last hour, the time for today, the date before — and the full local date-time in its title and name.
 */
import { useSyncExternalStore } from 'react';
import { formatFullTime, formatWhen, lastTestVerdict, type LastTest } from '../../../src-shared/last-test';
import { formatMs } from '../../../src-shared/format';

/** The chip's look: which outcome it shows. */
export function lastTestTone(last: LastTest | undefined): 'passed' | 'failed' | 'cancelled' | 'never' {
  if (!last) return 'never';
  if (last.ok) return 'passed';
  return last.code === 'cancelled' ? 'cancelled' : 'failed';
}

// One clock for every chip on screen: it ticks each minute, so "2 min ago" stays true.
let minute = Date.now();
const listeners = new Set<() => void>();
let timer: ReturnType<typeof setInterval> | undefined;
function subscribeClock(listener: () => void): () => void {
  listeners.add(listener);
  // Stopped while no chip was shown: read the time again (React re-renders when the snapshot moved).
  if (timer === undefined) minute = Date.now();
  timer ??= setInterval(() => {
    minute = Date.now();
    for (const l of listeners) l();
  }, 30_000);
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0 && timer !== undefined) {
      clearInterval(timer);
      timer = undefined;
    }
  };
}
const readClock = () => minute;

/** The time now (ms since the epoch), updated every 30 s while a chip is shown. */
export function useClock(): number {
  return useSyncExternalStore(subscribeClock, readClock);
}

/**
 * The last-Test chip of a profile; `last` undefined reads "Never tested". `stacked` (a list cell) puts when
 * it ran on a second line below the chip; otherwise it follows in the chip: "Failed · invalid_client · 10:42".
 */
export function LastTestChip({ last, stacked = false }: { last: LastTest | undefined; stacked?: boolean }) {
  const now = useClock();
  const tone = lastTestTone(last);
  if (!last) return <span className="last-test last-test--never">Never tested</span>;
  const verdict = lastTestVerdict(last);
  const full = formatFullTime(last.startedAt);
  const when = formatWhen(last.startedAt, new Date(now));
  const time = when ? (
    <>
      <time dateTime={last.startedAt} title={full} className={stacked ? 'last-test__below' : 'last-test__when'}>
        {when}
      </time>
      <span className="visually-hidden"> ({full})</span>
    </>
  ) : null;
  const title = `Last test: ${verdict}, ${full}, took ${formatMs(last.durationMs)}`;
  return (
    <>
      <span className={`last-test last-test--${tone}`} title={title}>
        <span className="visually-hidden">Last test: </span>
        {verdict}
        {time && !stacked ? (
          <>
            <span aria-hidden="true"> · </span>
            {time}
          </>
        ) : null}
      </span>
      {stacked ? time : null}
    </>
  );
}
