// Reads and drives the Pipelines tree. Rows are virtualised and absolutely positioned: only the
// direct children of .monaco-list-rows count (sticky scroll draws copies elsewhere), sorted by
// data-index; rows scrolled out of view do not exist.
import type { Locator, Page } from 'playwright-core';
import { pipelinesViewName, viewPane, waitForViewIdle } from './view-pane.js';

export interface TreeRow {
  label: string;
  description: string;
  /** 1 for top-level rows. */
  level: number;
  /** undefined for leaves. */
  expanded: boolean | undefined;
  index: number;
}

const rowSelector = '.monaco-list-rows > .monaco-list-row';

/** The visible rows of a view's tree, top to bottom. */
export async function readTreeRows(page: Page, viewName = pipelinesViewName): Promise<TreeRow[]> {
  const rows = await viewPane(page, viewName).locator(rowSelector).evaluateAll((elements) =>
    elements.map((row) => {
      const expanded = row.getAttribute('aria-expanded');
      return {
        label: row.querySelector('.label-name')?.textContent ?? '',
        description: row.querySelector('.label-description')?.textContent ?? '',
        level: Number(row.getAttribute('aria-level') ?? '1'),
        expanded: expanded === null ? undefined : expanded === 'true',
        index: Number(row.getAttribute('data-index') ?? '0'),
      };
    }),
  );
  return rows.sort((a, b) => a.index - b.index);
}

/** The row element whose label is exactly `label` (the first one, top to bottom). */
export function treeRow(page: Page, label: string, viewName = pipelinesViewName): Locator {
  return viewPane(page, viewName).locator(rowSelector).filter({
    has: page.locator('.label-name').getByText(label, { exact: true }),
  }).first();
}

/** Polls until the visible rows satisfy `ready` (e.g. a label appears); returns those rows. */
export async function waitForTreeRows(
  page: Page,
  ready: (rows: TreeRow[]) => boolean = (rows) => rows.length > 0,
  { viewName = pipelinesViewName, timeoutMs = 30_000 } = {},
): Promise<TreeRow[]> {
  const deadline = Date.now() + timeoutMs;
  let rows: TreeRow[] = [];
  for (;;) {
    rows = await readTreeRows(page, viewName);
    if (ready(rows)) return rows;
    if (Date.now() > deadline) {
      throw new Error(`tree rows not as expected after ${timeoutMs / 1000} s; visible rows: ${JSON.stringify(rows.map((r) => r.label))}`);
    }
    await page.waitForTimeout(100);
  }
}

/** Waits for a row with this label and returns it. */
export async function waitForTreeRow(page: Page, label: string, options?: { viewName?: string; timeoutMs?: number }): Promise<TreeRow> {
  const rows = await waitForTreeRows(page, (visible) => visible.some((row) => row.label === label), options);
  return rows.find((row) => row.label === label)!;
}

/** Expands the row with this label (no-op when already expanded) and waits for its children to load. */
export async function expandTreeRow(page: Page, label: string, { viewName = pipelinesViewName, timeoutMs = 30_000 } = {}): Promise<void> {
  await waitForTreeRow(page, label, { viewName, timeoutMs });
  const row = treeRow(page, label, viewName);
  const expanded = await row.getAttribute('aria-expanded');
  if (expanded === null) throw new Error(`tree row "${label}" is a leaf and cannot be expanded`);
  if (expanded === 'false') await row.locator('.monaco-tl-twistie').click();
  await row.and(page.locator('[aria-expanded="true"]')).waitFor({ timeout: timeoutMs });
  await row.locator('.monaco-tl-twistie.loading').waitFor({ state: 'detached', timeout: timeoutMs });
  await waitForViewIdle(page, viewName, timeoutMs);
}
