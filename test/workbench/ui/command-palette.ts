import type { Page } from 'playwright-core';
import { quickPickRow, waitForQuickInput } from './quick-input.js';

/**
 * Runs a command from the palette by its full palette label, "Category: Title" (e.g.
 * "CRM: Refresh"). Clicks the row whose label is exactly that: rows filter asynchronously and
 * recently used commands come first, so Enter after typing could run another one.
 * Returns once the palette is gone; an input box the command opens follows shortly
 * (use fillQuickInput / pickQuickItem, which wait for it).
 */
export async function runCommand(page: Page, paletteLabel: string, timeoutMs = 10_000): Promise<void> {
  // With focus inside a webview, F1 would go to the webview.
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  await page.keyboard.press('F1');
  await waitForQuickInput(page, timeoutMs);
  const input = page.locator('.quick-input-widget .quick-input-box input');
  const typed = `>${paletteLabel}`;
  await input.fill(typed);
  const row = quickPickRow(page, paletteLabel);
  try {
    await row.waitFor({ state: 'visible', timeout: timeoutMs });
  } catch {
    throw new Error(`no command "${paletteLabel}" in the palette (is the extension active and the title exact?)`);
  }
  await row.click();
  await page.waitForFunction(
    (expected) => {
      const widget = document.querySelector<HTMLElement>('.quick-input-widget');
      const box = document.querySelector<HTMLInputElement>('.quick-input-widget .quick-input-box input');
      return !widget || widget.style.display === 'none' || box?.value !== expected;
    },
    typed,
    { timeout: timeoutMs },
  );
}
