/**
 * The ids and focusing of the places the run views link between: the verdict and each exchange card. A link
 * scrolls its target into view and moves keyboard focus there (the targets have tabIndex -1).
 */

/** DOM id of the card of exchange `index` (0-based) of run `runId`. */
export function exchangeCardId(runId: string, index: number): string {
  return `exchange-${runId}-${index}`;
}

/** DOM id of the verdict of run `runId`. */
export function verdictId(runId: string): string {
  return `verdict-${runId}`;
}

/** The nearest ancestor of `el` that scrolls its content (the Test panel beside the editor), or null. */
function scrollingAncestor(el: HTMLElement): HTMLElement | null {
  for (let node = el.parentElement; node; node = node.parentElement) {
    const { overflowY } = getComputedStyle(node);
    if ((overflowY === 'auto' || overflowY === 'scroll') && node.scrollHeight > node.clientHeight) return node;
  }
  return null;
}

/**
 * Scrolls the element with `id` to the top of the panel that scrolls it (only that panel: the editor beside it
 * stays where it is; the window when nothing else scrolls) and focuses it; does nothing when it is absent.
 */
export function focusById(id: string): void {
  const target = document.getElementById(id);
  if (!target) return;
  const panel = scrollingAncestor(target);
  if (panel) {
    const top = target.getBoundingClientRect().top - panel.getBoundingClientRect().top + panel.scrollTop - 8;
    panel.scrollTo({ top, behavior: 'smooth' });
  } else {
    target.scrollIntoView({ block: 'start', behavior: 'smooth' });
  }
  target.focus({ preventScroll: true });
}
