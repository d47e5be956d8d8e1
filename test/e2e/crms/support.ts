// Helpers for the real-CRM e2e tests (test/e2e/crms/*.test.ts): a fake CRM started in this Node
// process before the workbench (its URL goes into the settings written before code-server starts),
// the API-key password box, and the tree below one account.
import type { Locator, Page } from 'playwright-core';
import type { DealPanel } from '../../workbench/ui/deal-panel.js';
import {
  quickInputValidationError, quickInputWidget, quickPickRow, runCommand, treeRow, viewPane,
  waitForQuickInput, waitForTreeRows, waitForViewIdle, type TreeRow,
} from '../../workbench/index.js';

/** What every fake returns from its start function. */
export interface Fake {
  url: string;
  apiKey: string;
  close(): Promise<void>;
}

/**
 * Call inside describe() BEFORE useWorkbench(): starts the fake before the block's first test (so
 * its URL is known when the workbench's settings are written) and closes it after the last one.
 */
export function useFake<F extends Fake>(start: () => Promise<F>): () => F {
  let fake: F | undefined;
  before(async () => {
    fake = await start();
  });
  after(async () => {
    await fake?.close();
  });
  return () => {
    if (!fake) throw new Error('the fake has not started (did the before hook fail?)');
    return fake;
  };
}

export interface AccountEntry {
  id: string;
  provider: string;
  label: string;
  baseUrl?: string;
}

/**
 * Workbench settings whose accounts are computed when the workbench starts (after the fakes):
 * `useWorkbench({ settings: lazyAccounts(() => [...]) })`.
 */
export function lazyAccounts(accounts: () => AccountEntry[]): Record<string, unknown> {
  return {
    get 'crmPipelines.accounts'() {
      return accounts();
    },
  };
}

/** Resolves when the first of these waits does (rejects only when all do); the others are left to time out quietly. */
async function firstOf(waits: Promise<unknown>[]): Promise<void> {
  for (const wait of waits) wait.catch(() => undefined);
  await Promise.any(waits);
}

const passwordInput = '.quick-input-widget .quick-input-box input[type="password"]';

/**
 * Types a key into the open API-key password box and presses Enter. The extension checks it with
 * one call: resolves with undefined once the box closed (accepted), or with the validation message
 * when the box stayed open (rejected).
 */
export async function submitApiKey(page: Page, key: string, timeoutMs = 20_000): Promise<string | undefined> {
  const input = page.locator(passwordInput);
  const widget = quickInputWidget(page);
  const error = page.locator('.quick-input-widget .monaco-inputbox.error');
  await input.waitFor({ state: 'visible', timeout: timeoutMs });
  await input.fill(key);
  // Typing clears the previous rejection (a round trip through the extension host).
  await error.waitFor({ state: 'hidden', timeout: timeoutMs });
  await input.press('Enter');
  await firstOf([
    widget.waitFor({ state: 'hidden', timeout: timeoutMs }),
    error.waitFor({ state: 'visible', timeout: timeoutMs }),
  ]);
  if (!(await widget.isVisible())) return undefined;
  return quickInputValidationError(page);
}

/** "CRM: Set API Key…" from the palette; picks the account when the command asks which one. */
export async function setApiKeyFromPalette(page: Page, accountLabel: string | undefined, key: string): Promise<string | undefined> {
  await runCommand(page, 'CRM: Set API Key…');
  await waitForQuickInput(page);
  if (accountLabel) {
    // Several keyed accounts: the command asks which one first.
    const account = quickPickRow(page, accountLabel);
    const password = page.locator(passwordInput);
    await firstOf([account.waitFor({ state: 'visible' }), password.waitFor({ state: 'visible' })]);
    if (!(await password.isVisible())) await account.click();
  }
  return submitApiKey(page, key);
}

/** The rows below an account (deeper levels), up to the next account; only rows drawn now. */
export function rowsUnder(rows: TreeRow[], accountLabel: string): TreeRow[] {
  const start = rows.findIndex((row) => row.level === 1 && row.label === accountLabel);
  if (start < 0) return [];
  const out: TreeRow[] = [];
  for (const row of rows.slice(start + 1)) {
    if (row.level === 1) break;
    out.push(row);
  }
  return out;
}

/** Waits until the rows under an account satisfy `ready`; returns them. */
export async function waitForRowsUnder(
  page: Page,
  accountLabel: string,
  ready: (rows: TreeRow[]) => boolean,
  timeoutMs = 30_000,
): Promise<TreeRow[]> {
  let under: TreeRow[] = [];
  try {
    await waitForTreeRows(page, (rows) => ready((under = rowsUnder(rows, accountLabel))), { timeoutMs });
  } catch {
    throw new Error(`rows under "${accountLabel}" not as expected after ${timeoutMs / 1000} s: ${JSON.stringify(under.map((r) => r.label))}`);
  }
  return under;
}

/** The row element with this data-index (see TreeRow.index). */
export function treeRowAt(page: Page, index: number): Locator {
  return viewPane(page).locator(`.monaco-list-rows > .monaco-list-row[data-index="${index}"]`);
}

/** Hovers a row (an account, pipeline or stage: a label, or a row locator) and clicks its inline Refresh, then waits for the view. */
export async function refreshRow(page: Page, row: string | Locator): Promise<void> {
  const element = typeof row === 'string' ? treeRow(page, row) : row;
  await element.hover();
  await element.locator('.actions .action-label[aria-label^="Refresh"]').click();
  // The pointer left on the row would draw the action's tooltip into screenshots.
  const viewport = page.viewportSize();
  if (viewport) await page.mouse.move(viewport.width - 20, viewport.height / 2);
  await waitForViewIdle(page);
}

/** Expands the row with this data-index (when collapsed) and waits for its children to load. */
export async function expandRowAt(page: Page, index: number, timeoutMs = 30_000): Promise<void> {
  const row = treeRowAt(page, index);
  if ((await row.getAttribute('aria-expanded')) === 'false') await row.locator('.monaco-tl-twistie').click();
  await row.and(page.locator('[aria-expanded="true"]')).waitFor({ timeout: timeoutMs });
  await row.locator('.monaco-tl-twistie.loading').waitFor({ state: 'detached', timeout: timeoutMs });
  await waitForViewIdle(page, undefined, timeoutMs);
}

/** Polls a condition in this process (the fake's state), failing with `describe()` after the timeout. */
export async function waitUntil(condition: () => boolean, describe: () => string, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs / 1000} s: ${describe()}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/**
 * Waits for the quick input to show a box whose prompt (or placeholder) contains `text`: after a
 * pick, the next box replaces the widget's content without hiding it, so waiting for the widget
 * alone could type into the previous step.
 */
export async function waitForInputPrompt(page: Page, text: string | RegExp, timeoutMs = 10_000): Promise<void> {
  await page.locator('.quick-input-widget .quick-input-message').filter({ hasText: text }).waitFor({ state: 'visible', timeout: timeoutMs });
}

/** Types into the box once its prompt shows `prompt`, then presses Enter. */
export async function answerInputBox(page: Page, prompt: string | RegExp, value: string): Promise<void> {
  await waitForInputPrompt(page, prompt);
  const input = page.locator('.quick-input-widget .quick-input-box input');
  await input.fill(value);
  await input.press('Enter');
}

/** The panel's field id (`data-field`, e.g. "custom:custom.cf_…") of the row labelled exactly `label`. */
export async function fieldIdByLabel(panel: DealPanel, label: string): Promise<string> {
  const rows = panel.frame.locator('.field-row[data-field]').filter({
    has: panel.frame.locator('.field-label').getByText(label, { exact: true }),
  });
  await rows.first().waitFor({ state: 'visible' });
  const count = await rows.count();
  if (count !== 1) throw new Error(`${count} field rows are labelled "${label}"`);
  return (await rows.getAttribute('data-field'))!;
}

/** Labels of every field row of the panel, with whether each offers an editor (a value button). */
export async function readFieldRows(panel: DealPanel): Promise<{ id: string; label: string; editable: boolean; readOnlyReason: string }[]> {
  return panel.frame.locator('.field-row').evaluateAll((rows) => rows.map((row) => ({
    id: row.getAttribute('data-field') ?? '',
    label: (row.querySelector('.field-label')?.textContent ?? '').trim(),
    editable: row.querySelector('button.value-button, vscode-checkbox, vscode-textfield, vscode-single-select') !== null,
    readOnlyReason: (row.querySelector('.read-only-reason')?.textContent ?? '').trim(),
  })));
}

/** A task row by the CRM's task id (the row's data-task-id). */
export function taskRowById(panel: DealPanel, taskId: string): Locator {
  return panel.frame.locator(`.task-row[data-task-id="${taskId}"]`);
}

/** Renames a task inline: click its title, type, Enter; waits until the row is no longer saving. */
export async function renameTask(panel: DealPanel, taskId: string, title: string, timeoutMs = 20_000): Promise<void> {
  const row = taskRowById(panel, taskId);
  await row.locator('button.task-title').click({ timeout: timeoutMs });
  const input = row.locator('.task-editing input');
  await input.fill(title, { timeout: timeoutMs });
  await input.press('Enter', { timeout: timeoutMs });
  await row.locator('.task-editing').waitFor({ state: 'detached', timeout: timeoutMs });
  await row.locator('vscode-progress-ring').waitFor({ state: 'detached', timeout: timeoutMs });
}

/** Each task row's title, its done class, and what its checkbox shows (undefined: no checkbox). */
export async function readTaskCheckboxes(panel: DealPanel): Promise<{ title: string; done: boolean; checked: boolean | undefined }[]> {
  return panel.frame.locator('.task-list > .task-row').evaluateAll((rows) => rows.map((row) => {
    const box = row.querySelector('vscode-checkbox.task-done') as (HTMLElement & { checked?: boolean }) | null;
    return {
      title: (row.querySelector('.task-title')?.textContent ?? '').trim(),
      done: row.classList.contains('done'),
      checked: box ? Boolean(box.checked) : undefined,
    };
  }));
}
