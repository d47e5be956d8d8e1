import type { Locator, Page } from 'playwright-core';
import { viewContainerTitle } from '../paths.js';
import { waitForViewIdle } from './view-pane.js';

/** The activity-bar entry whose aria-label starts with title (built-in ones append a key binding). */
export function activityBarItem(page: Page, title: string): Locator {
  return page.locator(`.part.activitybar li.action-item > a.action-label[aria-label^="${title}"]`).first();
}

/**
 * Shows the side-bar container (ours by default) and waits until its views stop loading.
 * Clicking an already active item would hide it, so an open container is left alone.
 */
export async function openViewContainer(page: Page, title = viewContainerTitle, timeoutMs = 30_000): Promise<void> {
  const item = activityBarItem(page, title);
  await item.waitFor({ state: 'visible', timeout: timeoutMs });
  const isActive = (await item.getAttribute('class'))?.split(/\s+/).includes('checked');
  const sideBarTitle = page.locator('.part.sidebar .composite.title');
  if (!isActive || !(await sideBarTitle.isVisible())) await item.click();
  // A single-view container merges titles ("CRM PIPELINES: PIPELINES" is CSS upper-casing).
  await page.waitForFunction(
    (expected) => {
      const titleElement = document.querySelector('.part.sidebar .composite.title h2');
      return !!titleElement && (titleElement.textContent ?? '').toLowerCase().startsWith(expected.toLowerCase());
    },
    title,
    { timeout: timeoutMs },
  );
  // The pointer left on the item would draw its hover tooltip into screenshots.
  const viewport = page.viewportSize();
  if (viewport) await page.mouse.move(viewport.width - 20, viewport.height / 2);
  await waitForViewIdle(page, undefined, timeoutMs);
}
