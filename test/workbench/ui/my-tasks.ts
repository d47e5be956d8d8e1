// Reads and drives the "My Tasks" view: its rows are a tree like the Pipelines view's, with an
// inline "Complete Task" action that appears on hover.
import type { Locator, Page } from 'playwright-core';
import { openViewContainer } from './activity-bar.js';
import { readTreeRows, waitForTreeRows, type TreeRow } from './tree.js';
import { pipelinesViewName, viewPane, waitForViewIdle } from './view-pane.js';

export const myTasksViewName = 'My Tasks';

export const DUE_GROUP_LABELS = ['Overdue', 'Today', 'This week', 'Later', 'No date'] as const;

/**
 * Shows the CRM Pipelines container with My Tasks expanded; folds the Pipelines view first when
 * asked, to give the task list the height.
 */
export async function showMyTasks(page: Page, { foldPipelines = true, timeoutMs = 30_000 } = {}): Promise<void> {
  await openViewContainer(page, undefined, timeoutMs);
  if (foldPipelines) await setPaneExpanded(page, pipelinesViewName, false);
  await setPaneExpanded(page, myTasksViewName, true);
  await waitForViewIdle(page, myTasksViewName, timeoutMs);
}

async function setPaneExpanded(page: Page, viewName: string, expanded: boolean): Promise<void> {
  const header = viewPane(page, viewName).locator('> .pane-header');
  await header.waitFor({ state: 'visible' });
  if ((await header.getAttribute('aria-expanded')) !== String(expanded)) await header.click();
  await page.locator(`.part.sidebar .pane > .pane-header[aria-label="${viewName} Section"][aria-expanded="${expanded}"]`).waitFor();
}

export function readTaskRows(page: Page): Promise<TreeRow[]> {
  return readTreeRows(page, myTasksViewName);
}

export function waitForTaskRows(page: Page, ready: (rows: TreeRow[]) => boolean, timeoutMs = 30_000): Promise<TreeRow[]> {
  return waitForTreeRows(page, ready, { viewName: myTasksViewName, timeoutMs });
}

/** The row with exactly this label and description. */
export function taskTreeRow(page: Page, label: string, description: string): Locator {
  return viewPane(page, myTasksViewName).locator('.monaco-list-rows > .monaco-list-row')
    .filter({ has: page.locator('.label-name').getByText(label, { exact: true }) })
    .filter({ has: page.locator('.label-description').getByText(description, { exact: true }) })
    .first();
}

/** Hovers the row and clicks its inline "Complete Task" action. */
export async function completeFromRow(page: Page, label: string, description: string): Promise<void> {
  const row = taskTreeRow(page, label, description);
  await row.hover();
  const action = row.locator('.actions .action-label[aria-label="Complete Task"]');
  await action.waitFor({ state: 'visible' });
  await action.click();
}

/** The error notification toasts whose message contains `text`. */
export function errorToast(page: Page, text: string): Locator {
  return page.locator('.notifications-toasts .notification-list-item').filter({ hasText: text });
}
