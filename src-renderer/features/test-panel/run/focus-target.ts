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

/** Scrolls the element with `id` into view and focuses it; does nothing when it is not in the page. */
export function focusById(id: string): void {
  const target = document.getElementById(id);
  if (!target) return;
  target.scrollIntoView({ block: 'start', behavior: 'smooth' });
  target.focus({ preventScroll: true });
}
