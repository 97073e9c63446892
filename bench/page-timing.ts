/**
 * In-page timing for the renderer bench, as scripts for Playwright to inject (strings, so the test transformer
 * cannot add helpers to them). "Painted" is the first task after the next animation frame, i.e. after the
 * frame that shows the change; times are performance.now() ms, which count from the navigation's start.
 */

/** The profile list's first data row, and the empty list's message (src-renderer/features/profiles). */
export const FIRST_ROW = '.ptable__body > [role="row"]:not(.ptable__row--empty)';
export const EMPTY_LIST = '.empty-state';

const AFTER_PAINT = `(cb) => requestAnimationFrame(() => {
  const ch = new MessageChannel();
  ch.port1.onmessage = () => cb(performance.now());
  ch.port2.postMessage(0);
})`;

/**
 * An init script: sets `window.__benchShown[selector]` to the time the first element matching each of
 * `selectors` was painted, counted from the navigation's start.
 */
export function firstPaintScript(selectors: string[]): string {
  return `(() => {
  const afterPaint = ${AFTER_PAINT};
  const shown = (window.__benchShown = {});
  const pending = new Set(${JSON.stringify(selectors)});
  const observer = new MutationObserver(() => {
    for (const selector of [...pending]) {
      if (!document.querySelector(selector)) continue;
      pending.delete(selector);
      afterPaint((t) => (shown[selector] = t));
    }
    if (pending.size === 0) observer.disconnect();
  });
  observer.observe(document, { childList: true, subtree: true });
})();`;
}

/**
 * A script to evaluate before one key press: `window.__benchKey` becomes a promise of the ms from the key's
 * keydown (its event timeStamp) to the paint after the first change — a mutation under `watch` (a selector),
 * or, when `watch` is null, the focused input's `input` event.
 */
export function keystrokeScript(watch: string | null): string {
  return `(() => {
  const afterPaint = ${AFTER_PAINT};
  window.__benchKey = new Promise((resolve, reject) => {
    let start;
    const timer = setTimeout(() => reject(new Error('no change within 5 s of the key press')), 5000);
    const done = () => afterPaint((t) => { clearTimeout(timer); resolve(t - start); });
    addEventListener('keydown', (e) => (start = e.timeStamp), { capture: true, once: true });
    if (${JSON.stringify(watch)} === null) {
      addEventListener('input', () => done(), { capture: true, once: true });
    } else {
      const observer = new MutationObserver(() => {
        if (start === undefined) return;
        observer.disconnect();
        done();
      });
      observer.observe(document.querySelector(${JSON.stringify(watch)}), { childList: true, subtree: true, characterData: true });
    }
  });
})();`;
}

/**
 * An init script that, on a page opened with `?bench=local`, answers `profiles:list` with `envelope` (the
 * router's answer, taken once, as the JSON text the bridge carries) without crossing the E2E bridge, so the first paint counts the renderer alone.
 */
export function localListScript(envelope: unknown): string {
  return `(() => {
  if (!new URLSearchParams(location.search).has('bench')) return;
  const envelope = ${JSON.stringify(JSON.stringify(envelope))};
  const invoke = window.__authbenchInvoke;
  if (typeof invoke !== 'function') throw new Error('the E2E bridge is not installed yet');
  window.__authbenchInvoke = (channel, request) =>
    channel === 'profiles:list' ? Promise.resolve(envelope) : invoke(channel, request);
})();`;
}
