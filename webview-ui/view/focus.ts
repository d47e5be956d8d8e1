export interface FocusTarget {
  id: string;
  /** Opens a select's dropdown. */
  open?: boolean;
  /** Selects the text, so typing replaces it. */
  select?: boolean;
  /** The key that caused this is still being handled. */
  afterKey?: boolean;
}

type Focusable = HTMLElement & { updateComplete?: Promise<unknown>; open?: boolean; wrappedElement?: HTMLInputElement };

/**
 * Moves focus as soon as the target has drawn itself (VS Code Elements render their inner input a
 * microtask later), before the next key press arrives, so nothing typed right after Enter is lost.
 */
export async function focusWhenReady(target: FocusTarget): Promise<void> {
  // Focus going back to a field after Enter waits a frame: focused at once, the button would take
  // the same Enter as a click and open the editor again.
  if (target.afterKey) await new Promise((resolve) => requestAnimationFrame(resolve));
  const element = document.getElementById(target.id) as Focusable | null;
  if (!element) return;
  if (element.updateComplete) await element.updateComplete;
  element.focus();
  if (target.select) element.wrappedElement?.select?.();
  if (target.open && 'open' in element) element.open = true;
  // A select that closes its dropdown as it leaves the page hands focus back to <body> a moment later.
  requestAnimationFrame(() => {
    if (document.activeElement === document.body && element.isConnected) element.focus();
  });
}

/**
 * Scrolls back to where the user was. Elements draw late and change the page height for a few
 * frames, so the position is set again until it holds (or as near as the page now allows).
 */
export function restoreScroll(scrollY: number, framesLeft = 30, steadyFrames = 0): void {
  requestAnimationFrame(() => {
    const target = Math.min(scrollY, Math.max(0, document.documentElement.scrollHeight - window.innerHeight));
    const there = Math.abs(window.scrollY - target) <= 1;
    if (!there) window.scrollTo(0, target);
    const steady = there && target === scrollY ? steadyFrames + 1 : 0;
    if (steady < 3 && framesLeft > 0) restoreScroll(scrollY, framesLeft - 1, steady);
  });
}
