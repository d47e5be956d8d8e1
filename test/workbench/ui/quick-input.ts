// The quick input widget: the command palette, quick picks and input boxes share it.
import type { Locator, Page } from 'playwright-core';

const widgetSelector = '.quick-input-widget';
const inputSelector = '.quick-input-widget .quick-input-box input';

export function quickInputWidget(page: Page): Locator {
  return page.locator(widgetSelector);
}

/** Waits for the widget to show; a command's input box opens 50-100 ms after the palette closed. */
export async function waitForQuickInput(page: Page, timeoutMs = 10_000): Promise<void> {
  await page.locator(widgetSelector).waitFor({ state: 'visible', timeout: timeoutMs });
}

/** Types a value into the open input box and, unless submit is false, presses Enter. */
export async function fillQuickInput(page: Page, value: string, { submit = true, timeoutMs = 10_000 } = {}): Promise<void> {
  await waitForQuickInput(page, timeoutMs);
  const input = page.locator(inputSelector);
  await input.fill(value);
  if (submit) await input.press('Enter');
}

/** Clicks the quick-pick row whose label is exactly `label` (waits for it: rows filter asynchronously). */
export async function pickQuickItem(page: Page, label: string, timeoutMs = 10_000): Promise<void> {
  await waitForQuickInput(page, timeoutMs);
  const row = quickPickRow(page, label);
  await row.waitFor({ state: 'visible', timeout: timeoutMs });
  await row.click();
}

export function quickPickRow(page: Page, label: string): Locator {
  return page.locator(`${widgetSelector} .quick-input-list .monaco-list-row`).filter({
    has: page.locator('.label-name').getByText(label, { exact: true }),
  }).first();
}

/** Labels of the quick-pick rows currently rendered. */
export async function readQuickPickLabels(page: Page): Promise<string[]> {
  return page.locator(`${widgetSelector} .quick-input-list .monaco-list-row .label-name`).allTextContents();
}

export async function quickInputTitle(page: Page): Promise<string> {
  return (await page.locator(`${widgetSelector} .quick-input-title`).textContent()) ?? '';
}

/** The validation message of an input box that rejected its value (undefined when accepted). */
export async function quickInputValidationError(page: Page): Promise<string | undefined> {
  if ((await page.locator(`${widgetSelector} .monaco-inputbox.error`).count()) === 0) return undefined;
  return (await page.locator(`${widgetSelector} .quick-input-message`).textContent()) ?? '';
}

export async function closeQuickInput(page: Page): Promise<void> {
  if (await page.locator(widgetSelector).isVisible()) {
    await page.locator(inputSelector).press('Escape');
    await page.locator(widgetSelector).waitFor({ state: 'hidden' });
  }
}
