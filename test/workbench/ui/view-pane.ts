import type { Locator, Page } from 'playwright-core';
import { viewContainerTitle } from '../paths.js';

/** The contributed view's name in package.json ("Pipelines"); its pane header reads "<name> Section". */
export const pipelinesViewName = 'Pipelines';

/** The side-bar pane of a view, whether or not its header is merged into the container title. */
export function viewPane(page: Page, viewName = pipelinesViewName): Locator {
  return page.locator(`.part.sidebar .pane:has(> .pane-header[aria-label="${viewName} Section"])`);
}

/** The welcome content (viewsWelcome) shown instead of an empty tree. */
export function viewWelcome(page: Page, viewName = pipelinesViewName): Locator {
  return viewPane(page, viewName).locator('.welcome-view-content');
}

/** A welcome-content button by its exact text, e.g. "Try the Sample CRM". */
export function viewWelcomeButton(page: Page, text: string, viewName = pipelinesViewName): Locator {
  return viewWelcome(page, viewName).locator('a.monaco-button', { hasText: text }).filter({ hasText: new RegExp(`^${escapeRegExp(text)}$`) });
}

/**
 * Waits until the view shows no busy progress bar and its container's activity-bar item no
 * progress badge (both show while the extension activates or a provider answers), and stays so
 * for settleMs: work a command just triggered may not have shown its progress yet.
 */
export async function waitForViewIdle(
  page: Page,
  viewName = pipelinesViewName,
  timeoutMs = 30_000,
  { containerTitle = viewContainerTitle, settleMs = 300 } = {},
): Promise<void> {
  const selectors = {
    paneSelector: `.part.sidebar .pane:has(> .pane-header[aria-label="${viewName} Section"])`,
    activityItemSelector: `.part.activitybar li.action-item > a.action-label[aria-label^="${containerTitle}"]`,
  };
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    await page.waitForFunction(isViewIdle, selectors, { timeout: Math.max(1, deadline - Date.now()) });
    await page.waitForTimeout(settleMs);
    if (await page.evaluate(isViewIdle, selectors)) return;
  }
}

// Runs in the page. No named inner functions here: tsx would wrap them in a __name() helper the
// page lacks.
const isViewIdle = ({ paneSelector, activityItemSelector }: { paneSelector: string; activityItemSelector: string }): boolean => {
  const pane = document.querySelector(paneSelector);
  const bars = [...(pane?.querySelectorAll('.monaco-progress-container') ?? []), ...document.querySelectorAll('.part.sidebar > .content > .monaco-progress-container')];
  const badges = [...(document.querySelector(activityItemSelector)?.parentElement?.querySelectorAll('.badge.progress-badge') ?? [])];
  return [...bars.filter((bar) => bar.classList.contains('active')), ...badges]
    .every((element) => (element as HTMLElement).style.display === 'none' || element.getAttribute('aria-hidden') === 'true');
};

export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
