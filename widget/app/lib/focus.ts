const FOCUSABLE =
  'a[href], button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), summary, [tabindex]:not([tabindex="-1"])';

/** The elements Tab can reach inside `root`, in order (visible and not inert). */
export function focusables(root: HTMLElement): HTMLElement[] {
  return [...root.querySelectorAll<HTMLElement>(FOCUSABLE)].filter((el) => !el.closest('[inert],[hidden]') && el.getClientRects().length > 0);
}

/** Keeps Tab and Shift+Tab cycling inside `root` (a modal's focus trap). Call from a keydown handler. */
export function trapTab(event: KeyboardEvent, root: HTMLElement): void {
  if (event.key !== 'Tab') return;
  const items = focusables(root);
  if (items.length === 0) return event.preventDefault();
  const first = items[0]!;
  const last = items[items.length - 1]!;
  const active = root.ownerDocument.activeElement;
  if (event.shiftKey && (active === first || !root.contains(active))) {
    event.preventDefault();
    last.focus();
  } else if (!event.shiftKey && (active === last || !root.contains(active))) {
    event.preventDefault();
    first.focus();
  }
}

/** Moves focus to a step's starting point: the element marked `data-autofocus`, else its title. */
export function focusStep(root: HTMLElement): void {
  const target = root.querySelector<HTMLElement>('[data-autofocus]') ?? root.querySelector<HTMLElement>('#pb-title');
  target?.focus();
}

/**
 * Calls `onFocus` when the window gains focus with nothing focused inside (e.g. a prefetched, hidden
 * frame revealed by the loader). Returns the cleanup.
 */
export function onWindowFocus(win: Window, onFocus: () => void): () => void {
  const listener = () => {
    if (win.document.activeElement === win.document.body) onFocus();
  };
  win.addEventListener('focus', listener);
  return () => win.removeEventListener('focus', listener);
}
