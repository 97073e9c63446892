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

/**
 * Scrolls `panel` (the Test panel) just enough that the verdict inside it is seen whole, its top kept in view
 * when it is taller than the panel; the window and the editor beside it do not move. Waits one frame so the
 * verdict of a run that just ended is laid out.
 */
export function revealVerdict(panel: HTMLElement): void {
  requestAnimationFrame(() => {
    const verdict = panel.querySelector<HTMLElement>('.verdict');
    if (!verdict) return;
    const box = verdict.getBoundingClientRect();
    const view = panel.getBoundingClientRect();
    const visibleBottom = Math.min(view.bottom, window.innerHeight);
    const overflow = box.bottom + 8 - visibleBottom;
    if (overflow <= 0) return;
    panel.scrollBy({ top: Math.min(overflow, Math.max(0, box.top - view.top - 8)) });
  });
}
