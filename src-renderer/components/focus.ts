/** True when focus fell back to the document because its element was removed (e.g. a button that went away). */
export function isFocusLost(): boolean {
  return !document.activeElement || document.activeElement === document.body;
}

/** Scrolls the element with DOM id `id` to the middle of its scroll area and focuses it; false when it is absent. */
export function focusElement(id: string): boolean {
  const target = document.getElementById(id);
  if (!target) return false;
  target.scrollIntoView({ block: 'center' });
  target.focus({ preventScroll: true });
  return true;
}
