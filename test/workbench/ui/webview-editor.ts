// A webview editor (deal panel, board) in the workbench: the active editor names its overlay in
// `aria-flowto`; the overlay's `iframe.webview.ready` holds the webview's own document in
// `iframe#active-frame`.
import type { FrameLocator, Locator, Page } from 'playwright-core';

export interface WebviewEditor {
  page: Page;
  /** The editor tab's title. */
  title: string;
  /** The webview's own document (the inner `iframe#active-frame`). */
  frame: FrameLocator;
}

const tabSelector = '.part.editor .tabs-container .tab';

/** The editor tab whose title is exactly `title` (titles are read from `.label-name`). */
export function editorTab(page: Page, title: string): Locator {
  return page.locator(tabSelector).filter({ has: page.locator('.label-name').getByText(title, { exact: true }) });
}

/** Titles of all editor tabs, left to right (every group). */
export async function editorTabTitles(page: Page): Promise<string[]> {
  return page.locator(`${tabSelector} .label-name`).allTextContents();
}

/** Waits for the active tab to be titled `title` and its webview to show `readySelector`. */
export async function waitForWebviewEditor(page: Page, title: string, readySelector: string, timeoutMs: number): Promise<WebviewEditor> {
  const deadline = Date.now() + timeoutMs;
  const remaining = () => Math.max(1, deadline - Date.now());
  await page.locator('.part.editor .editor-group-container.active .tabs-container .tab.active')
    .filter({ has: page.locator('.label-name').getByText(title, { exact: true }) })
    .waitFor({ state: 'visible', timeout: remaining() });
  const overlayId = await page.waitForFunction(() => {
    const element = document.querySelector('.part.editor .editor-group-container.active .editor-instance [id^="webview-editor-element-"][aria-flowto]');
    const id = element?.getAttribute('aria-flowto');
    return id && document.querySelector(`[id="${id}"] > iframe.webview.ready`) ? id : undefined;
  }, undefined, { timeout: remaining() }).then((handle) => handle.jsonValue() as Promise<string>);
  const frame = page.frameLocator(`[id="${overlayId}"] > iframe.webview.ready`).frameLocator('iframe#active-frame');
  await frame.locator(readySelector).first().waitFor({ state: 'visible', timeout: remaining() });
  return { page, title, frame };
}

/** The webview editor whose tab is titled `title`, activating the tab first when needed. */
export async function activateWebviewEditor(page: Page, title: string, readySelector: string, timeoutMs: number): Promise<WebviewEditor> {
  const tab = editorTab(page, title).first();
  await tab.waitFor({ state: 'visible', timeout: timeoutMs });
  if (!(await tab.getAttribute('class'))?.split(/\s+/).includes('active')) await tab.click();
  return waitForWebviewEditor(page, title, readySelector, timeoutMs);
}
