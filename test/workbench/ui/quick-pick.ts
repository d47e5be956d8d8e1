// A quick pick's items as the user sees them: label, description and detail of each rendered row,
// and typing into it key by key (as a person does, so debounced searches see each keystroke).
import type { Locator, Page } from 'playwright-core';
import { waitForQuickInput } from './quick-input.js';

export interface QuickPickItemView {
  label: string;
  description: string;
  detail: string;
  /** 0-based position among the rendered rows, top to bottom. */
  index: number;
}

const rowsSelector = '.quick-input-widget .quick-input-list .monaco-list-rows > .monaco-list-row';

/** The rendered rows (the list is virtualised: rows scrolled away are absent), top to bottom. */
export async function readQuickPickItems(page: Page): Promise<QuickPickItemView[]> {
  const rows = await page.locator(rowsSelector).evaluateAll((elements) =>
    elements.map((row) => ({
      // The first line holds label and description; the detail is a second label in the meta row.
      label: row.querySelector('.quick-input-list-row .monaco-icon-name-container .label-name')?.textContent ?? '',
      description: row.querySelector('.quick-input-list-row .label-description')?.textContent ?? '',
      detail: row.querySelector('.quick-input-list-label-meta .label-name')?.textContent ?? '',
      index: Number(row.getAttribute('data-index') ?? '0'),
    })),
  );
  return rows.sort((a, b) => a.index - b.index);
}

/** Types into the open quick pick one key at a time, after clearing what was there. */
export async function typeIntoQuickPick(page: Page, text: string, { delayMs = 60, timeoutMs = 10_000 } = {}): Promise<void> {
  await waitForQuickInput(page, timeoutMs);
  const input = page.locator('.quick-input-widget .quick-input-box input');
  await input.fill('');
  await input.pressSequentially(text, { delay: delayMs });
}

/** Polls the rendered rows until `ready` holds; returns them. */
export async function waitForQuickPickItems(
  page: Page,
  ready: (items: QuickPickItemView[]) => boolean,
  { timeoutMs = 15_000 } = {},
): Promise<QuickPickItemView[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const items = await readQuickPickItems(page);
    if (ready(items)) return items;
    if (Date.now() > deadline) {
      throw new Error(`quick pick items not as expected after ${timeoutMs / 1000} s; rows: ${JSON.stringify(items.map((i) => i.label))}`);
    }
    await page.waitForTimeout(100);
  }
}

/** The row whose label is exactly `label`. */
export function quickPickItemRow(page: Page, label: string): Locator {
  return page.locator(rowsSelector).filter({
    has: page.locator('.quick-input-list-row .monaco-icon-name-container .label-name').getByText(label, { exact: true }),
  }).first();
}

/**
 * Waits for the quick pick titled `title` to be the one showing: a command's quick pick replaces
 * the palette 50-100 ms after the palette closed, and typing before that would go to the palette.
 */
export async function waitForQuickPickTitled(page: Page, title: string, { timeoutMs = 10_000 } = {}): Promise<void> {
  await page.locator('.quick-input-widget .quick-input-title').getByText(title, { exact: true }).waitFor({ state: 'visible', timeout: timeoutMs });
}

/** The quick pick's placeholder (what it says before anything is typed). */
export async function quickPickPlaceholder(page: Page): Promise<string> {
  return (await page.locator('.quick-input-widget .quick-input-box input').getAttribute('placeholder')) ?? '';
}

/** True while the quick pick shows its busy progress bar. */
export async function quickPickBusy(page: Page): Promise<boolean> {
  const bar = page.locator('.quick-input-widget .quick-input-progress');
  return !((await bar.getAttribute('class')) ?? '').split(/\s+/).includes('done');
}
