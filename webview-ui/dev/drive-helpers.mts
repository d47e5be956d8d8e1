/** Shared pieces of the preview drive: the browser, the page, and reading the fake host. */
import { strict as assert } from 'node:assert';
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { domId } from '../model/field-id';

export const SCREENS = resolve(import.meta.dirname, '../../out/webview-dev/screens');
mkdirSync(SCREENS, { recursive: true });

export const CHROMIUM_FLAGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

export function launch(): Promise<Browser> {
  return chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_FLAGS });
}

export interface OpenedPage {
  page: Page;
  /** Console errors, CSP refusals, page errors and dialogs: each one fails the run at the end. */
  problems: string[];
  warnings: string[];
}

export async function openPanel(browser: Browser, origin: string, query = '', viewport = { width: 900, height: 1000 }): Promise<OpenedPage> {
  const context = await browser.newContext({ viewport, locale: 'en-US', timezoneId: 'Europe/Berlin' });
  const page = await context.newPage();
  // Playwright's own script, outside the page's CSP: records every policy violation the page causes.
  await page.addInitScript(() => {
    const violations: string[] = [];
    Object.assign(window, { cspViolations: violations });
    document.addEventListener('securitypolicyviolation', (event) => violations.push(`${event.violatedDirective} ${event.blockedURI}`));
  });
  const problems: string[] = [];
  const warnings: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console error: ${message.text()}`);
    if (message.type() === 'warning') warnings.push(message.text());
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('dialog', (dialog) => {
    problems.push(`a dialog opened (script ran from data?): ${dialog.message()}`);
    void dialog.dismiss();
  });
  await page.goto(`${origin}/${query}`);
  await page.locator('.deal-header, .banner-error').first().waitFor();
  return { page, problems, warnings };
}

/** Every message the webview sent to the (fake) host so far. */
export function sent(page: Page): Promise<Array<Record<string, unknown> & { type: string }>> {
  return page.evaluate(() => (window as unknown as { fakeHost: { received: Array<Record<string, unknown> & { type: string }> } }).fakeHost.received);
}

/** CSP violations in the page so far (none expected: not even a caught eval probe). */
export function cspViolations(page: Page): Promise<string[]> {
  return page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations);
}

export async function lastSent(page: Page, type: string): Promise<Record<string, unknown>> {
  const messages = (await sent(page)).filter((m) => m.type === type);
  assert.ok(messages.length, `expected a "${type}" message`);
  return messages[messages.length - 1]!;
}

export async function countSent(page: Page, type: string): Promise<number> {
  return (await sent(page)).filter((m) => m.type === type).length;
}

export function setSwitch(page: Page, name: 'failNextEdit' | 'conflictNextEdit' | 'failNextTask', on = true): Promise<void> {
  return page.evaluate(([key, value]) => {
    (window as unknown as { fakeHost: { switches: Record<string, boolean> } }).fakeHost.switches[key as string] = value as boolean;
  }, [name, on] as const);
}

/** The DOM ids of a field's value button and editor, made as the panel makes them. */
export const valueId = (fieldId: string) => `val-${domId('f', fieldId)}`;
export const editorId = (fieldId: string) => `ed-${domId('f', fieldId)}`;
/** The text box inside a field's editor (VS Code Elements keep it in their shadow root). */
export const editorInput = (page: Page, fieldId: string) => page.locator(`#${editorId(fieldId)} input`);

/** The row of one field, by field id ("name", "custom:cf_seats"). */
export const row = (page: Page, id: string) => page.locator(`.field-row[data-field="${id}"]`);

export async function valueText(page: Page, id: string): Promise<string> {
  return (await row(page, id).locator('.value-text, .value-readonly, vscode-badge').first().innerText()).trim();
}

export async function waitSaved(page: Page, id: string): Promise<void> {
  await row(page, id).locator('vscode-progress-ring').waitFor({ state: 'detached' });
}

export async function activeId(page: Page): Promise<string> {
  return page.evaluate(() => {
    let element: Element | null = document.activeElement;
    // Focus inside a VS Code Element's shadow root: name its host.
    while (element?.shadowRoot?.activeElement) element = element.shadowRoot.activeElement;
    const host = (document.activeElement as HTMLElement | null);
    return host?.id || host?.tagName.toLowerCase() || '';
  });
}

/** Waits for focus to land on the element with this id (the panel moves focus a frame after drawing). */
export async function expectFocus(page: Page, id: string): Promise<void> {
  try {
    await page.waitForFunction((expected) => document.activeElement?.id === expected, id, { timeout: 2000 });
  } catch {
    assert.fail(`focus is on "${await activeId(page)}", not on "${id}"`);
  }
}

/**
 * Controls without a name a screen reader could read: VS Code Elements need their `label`
 * (aria-label inside the shadow root), checkboxes and icon buttons an aria-label, native buttons
 * text or aria-label(ledby), and every <label for> must point at something.
 */
export function unlabelledControls(page: Page): Promise<string[]> {
  // No named helper functions inside: tsx would wrap them in a __name() the page does not have.
  return page.evaluate(() => {
    const problems: string[] = [];
    for (const el of document.querySelectorAll('crm-deal-panel vscode-textfield, crm-deal-panel vscode-textarea, crm-deal-panel vscode-single-select')) {
      if (!(el as HTMLElement & { label?: string }).label) problems.push(`${el.tagName.toLowerCase()}#${el.id || '?'} has no label`);
    }
    for (const el of document.querySelectorAll('crm-deal-panel vscode-checkbox')) {
      if (!el.getAttribute('aria-label') && !el.textContent?.trim()) problems.push(`${el.tagName.toLowerCase()}#${el.id || '?'} has no aria-label or text`);
    }
    for (const el of document.querySelectorAll('crm-deal-panel vscode-toolbar-button')) {
      if (!el.getAttribute('label')) problems.push(`${el.tagName.toLowerCase()}#${el.id || '?'} has no label`);
    }
    for (const el of document.querySelectorAll('crm-deal-panel button, crm-deal-panel vscode-button')) {
      const labelledBy = el.getAttribute('aria-labelledby')?.split(' ').map((id) => document.getElementById(id)?.textContent ?? '').join(' ');
      if (!(el.getAttribute('aria-label') || labelledBy?.trim() || el.textContent?.trim())) problems.push(`${el.tagName.toLowerCase()}#${el.id || '?'} has no name`);
    }
    for (const el of document.querySelectorAll('crm-deal-panel label[for]')) {
      if (!document.getElementById(el.getAttribute('for')!)) problems.push(`label for="${el.getAttribute('for')}" points at nothing`);
    }
    return problems;
  });
}

export const screenshot = (page: Page, name: string) => page.screenshot({ path: join(SCREENS, `${name}.png`), fullPage: true });

export { assert };
