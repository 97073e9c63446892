/** True when focus fell back to the document because its element was removed (e.g. a button that went away). */
export function isFocusLost(): boolean {
  return !document.activeElement || document.activeElement === document.body;
}
