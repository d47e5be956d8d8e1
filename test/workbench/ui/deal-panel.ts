// Reads and drives the deal panel (a webview) in the real workbench, and reads what the Sample CRM
// stored. Selectors follow webview-ui/dev/drive-*.mts: rows by field id ("name", "stageId",
// "custom:cf_products"), `button.value-button`, editor ids made with domId(), `vscode-progress-ring`.
//
// A webview is an overlay over the editor area: the active editor's `webview-editor-element-*`
// names its overlay in `aria-flowto`; the overlay holds `iframe.webview.ready`, which holds
// `iframe#active-frame` with the panel's HTML. A hidden panel's iframes are destroyed (the panel
// does not retain its context), so a DealPanel is valid while its tab is the active one: call
// dealPanel() again after switching tabs. Setting webview.html again is fine (FrameLocators
// re-resolve the inner frame).
//
// Functions passed to evaluate() declare no named inner functions (tsx would wrap them in __name()).
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { domId } from '../../../webview-ui/model/field-id.js';
import { extensionId } from '../paths.js';
import { runCommand } from './command-palette.js';
import { pickQuickItem, quickInputWidget } from './quick-input.js';
import { treeRow, waitForTreeRow } from './tree.js';
import { activateWebviewEditor, editorTab, waitForWebviewEditor, type WebviewEditor } from './webview-editor.js';

export { editorTab, editorTabTitles } from './webview-editor.js';

/** An open deal panel: its tab's title (the deal's name once loaded) and the panel's own document. */
export type DealPanel = WebviewEditor;

const PANEL_READY = '.deal-header, .banner-error';

const DEFAULT_TIMEOUT = 20_000;

// ---------------------------------------------------------------------------------------------
// Opening and finding the panel

/**
 * Clicks the deal's row in the Pipelines tree (its stage must be expanded) and waits for the
 * panel titled `expectedTitle` (the row's label by default) to be active and loaded.
 */
export async function openDealFromTree(page: Page, dealLabel: string, { expectedTitle = dealLabel, timeoutMs = DEFAULT_TIMEOUT } = {}): Promise<DealPanel> {
  await waitForTreeRow(page, dealLabel, { timeoutMs });
  await treeRow(page, dealLabel).click();
  return waitForDealPanel(page, expectedTitle, { timeoutMs });
}

/**
 * The loaded panel whose tab is titled `title`: activates that tab when it is not the active
 * one, then waits for the webview and for the deal (or a load error banner) to be drawn.
 */
export async function dealPanel(page: Page, title: string, { timeoutMs = DEFAULT_TIMEOUT } = {}): Promise<DealPanel> {
  return activateWebviewEditor(page, title, PANEL_READY, timeoutMs);
}

/** Waits for the active tab to be titled `title` and its webview to show the deal (or a load error). */
export async function waitForDealPanel(page: Page, title: string, { timeoutMs = DEFAULT_TIMEOUT } = {}): Promise<DealPanel> {
  return waitForWebviewEditor(page, title, PANEL_READY, timeoutMs);
}

/** Closes the active editor tab titled `title` (via its close button) and waits for it to go. */
export async function closeEditorTab(page: Page, title: string, { timeoutMs = DEFAULT_TIMEOUT } = {}): Promise<void> {
  const tab = editorTab(page, title).first();
  await tab.hover();
  await tab.locator('.tab-actions .action-label').first().click();
  await tab.waitFor({ state: 'detached', timeout: timeoutMs });
}

/** The webview body's theme: 'light', 'dark', 'high-contrast' or 'high-contrast-light' (from its class). */
export async function webviewThemeKind(panel: DealPanel): Promise<string> {
  const classes = ((await panel.frame.locator('body').getAttribute('class')) ?? '').split(/\s+/);
  if (classes.includes('vscode-high-contrast-light')) return 'high-contrast-light';
  for (const kind of ['high-contrast', 'dark', 'light']) if (classes.includes(`vscode-${kind}`)) return kind;
  return '';
}

/** The webview body's classes (`vscode-dark`, `vscode-reduce-motion`…). */
export async function webviewBodyClasses(panel: DealPanel): Promise<string[]> {
  return ((await panel.frame.locator('body').getAttribute('class')) ?? '').split(/\s+/).filter(Boolean);
}

// ---------------------------------------------------------------------------------------------
// Fields. A field id is the standard name ("name", "stageId", "amount", "expectedClose"…) or
// `custom:<key>` ("custom:cf_products").

/** DOM id of a field's value button (`val-f-…`) and of its editor (`ed-f-…`), made as the panel makes them. */
export const fieldValueId = (fieldId: string): string => `val-${domId('f', fieldId)}`;
export const fieldEditorId = (fieldId: string): string => `ed-${domId('f', fieldId)}`;

/** One field's row. */
export function fieldRow(panel: DealPanel, fieldId: string): Locator {
  return panel.frame.locator(`.field-row[data-field="${fieldId}"]`);
}

/** The button showing an editable field's value (a click opens its editor). */
export function fieldValueButton(panel: DealPanel, fieldId: string): Locator {
  return fieldRow(panel, fieldId).locator('button.value-button');
}

/** The open editor element (`vscode-textfield`, `vscode-single-select`, first `vscode-checkbox`…). */
export function fieldEditor(panel: DealPanel, fieldId: string): Locator {
  return panel.frame.locator(`#${fieldEditorId(fieldId)}`);
}

/** The real `<input>` of a text-like editor (VS Code Elements keep it in their shadow root). */
export function fieldEditorInput(panel: DealPanel, fieldId: string): Locator {
  return panel.frame.locator(`#${fieldEditorId(fieldId)} input`);
}

/** The spinner shown while the field's edit is being saved. */
export function fieldSpinner(panel: DealPanel, fieldId: string): Locator {
  return fieldRow(panel, fieldId).locator('vscode-progress-ring');
}

/** The error shown beside the field after a failed save (with Retry / Edit again / Dismiss). */
export function fieldError(panel: DealPanel, fieldId: string): Locator {
  return fieldRow(panel, fieldId).locator('.field-error');
}

/** The local validation message under an open editor (nothing was sent). */
export function fieldProblem(panel: DealPanel, fieldId: string): Locator {
  return fieldRow(panel, fieldId).locator('.field-problem');
}

/** The field's shown value as text (the value text, the read-only text or the outcome badge). */
export async function readFieldValue(panel: DealPanel, fieldId: string): Promise<string> {
  const shown = fieldRow(panel, fieldId).locator('.value-text, .value-readonly, vscode-badge').first();
  return ((await shown.textContent()) ?? '').trim();
}

/** Waits until the field shows exactly `expected`. */
export async function waitForFieldValue(panel: DealPanel, fieldId: string, expected: string, { timeoutMs = DEFAULT_TIMEOUT } = {}): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const shown = await readFieldValue(panel, fieldId).catch(() => undefined);
    if (shown === expected) return;
    if (Date.now() > deadline) throw new Error(`field "${fieldId}" shows ${JSON.stringify(shown)}, not ${JSON.stringify(expected)}, after ${timeoutMs / 1000} s`);
    await panel.page.waitForTimeout(50);
  }
}

/** Waits until the field's save is over: no spinner (then check the value or fieldError). */
export async function waitForFieldSaved(panel: DealPanel, fieldId: string, { timeoutMs = DEFAULT_TIMEOUT } = {}): Promise<void> {
  await fieldSpinner(panel, fieldId).waitFor({ state: 'detached', timeout: timeoutMs });
}

/** One drawn state of a field, as watchField() saw it. */
export interface FieldState {
  value: string;
  /** The spinner was showing (the edit was in flight). */
  saving: boolean;
  /** The text of the save error beside the field, if one showed. */
  error: string;
  /** Its editor was open. */
  editing: boolean;
}

/**
 * Records every state the field is drawn in from now on (a MutationObserver inside the panel),
 * so a test can prove the optimistic value showed with a spinner even when the CRM answers within
 * milliseconds. states() returns the distinct consecutive states so far; stop() disconnects.
 */
export async function watchField(panel: DealPanel, fieldId: string): Promise<{ states(): Promise<FieldState[]>; stop(): Promise<void> }> {
  const key = `__watch_${fieldId.replace(/\W/g, '_')}_${Date.now()}`;
  await panel.frame.locator('body').evaluate((body, { key: storeKey, fieldId: id }) => {
    const store: { states: unknown[]; observer?: MutationObserver } = { states: [] };
    (window as unknown as Record<string, unknown>)[storeKey] = store;
    // No named inner function (tsx would wrap it in __name()): the observer's own callback takes
    // every snapshot, the first one triggered by marking the body.
    store.observer = new MutationObserver(() => {
      const row = document.querySelector(`.field-row[data-field="${id}"]`);
      const shown = row?.querySelector('.value-text, .value-readonly, vscode-badge');
      const state = {
        value: (shown?.textContent ?? '').trim(),
        saving: Boolean(row?.querySelector('vscode-progress-ring')),
        error: (row?.querySelector('.field-error .field-error-message')?.textContent ?? '').trim(),
        editing: Boolean(row?.querySelector('.field-editing')),
      };
      const last = store.states[store.states.length - 1];
      if (JSON.stringify(last) !== JSON.stringify(state)) store.states.push(state);
    });
    store.observer.observe(body, { subtree: true, childList: true, characterData: true, attributes: true });
    body.setAttribute('data-watching', storeKey);
  }, { key, fieldId });
  const read = () => panel.frame.locator('body').evaluate((_, storeKey) =>
    ((window as unknown as Record<string, { states: unknown[] } | undefined>)[storeKey]?.states ?? []) as FieldState[], key);
  return {
    states: read,
    stop: () => panel.frame.locator('body').evaluate((_, storeKey) => {
      (window as unknown as Record<string, { observer?: MutationObserver } | undefined>)[storeKey]?.observer?.disconnect();
    }, key),
  };
}

/** Clicks the field's value and waits for its editor. */
export async function openFieldEditor(panel: DealPanel, fieldId: string, { timeoutMs = DEFAULT_TIMEOUT } = {}): Promise<void> {
  await fieldValueButton(panel, fieldId).click({ timeout: timeoutMs });
  await fieldEditor(panel, fieldId).waitFor({ state: 'visible', timeout: timeoutMs });
}

/**
 * Types `text` into a text-like field (text, number, money, percent, date "YYYY-MM-DD", email,
 * url, phone) and presses Enter to save. Returns right after Enter: the optimistic value shows
 * at once with a spinner; use waitForFieldSaved / waitForFieldValue / fieldError next.
 */
export async function editFieldText(panel: DealPanel, fieldId: string, text: string, { timeoutMs = DEFAULT_TIMEOUT } = {}): Promise<void> {
  await openFieldEditor(panel, fieldId, { timeoutMs });
  const input = fieldEditorInput(panel, fieldId);
  await input.fill(text, { timeout: timeoutMs });
  await input.press('Enter', { timeout: timeoutMs });
}

/** Picks the option labelled exactly `label` in a select or user field; picking saves. */
export async function chooseFieldOption(panel: DealPanel, fieldId: string, label: string, { timeoutMs = DEFAULT_TIMEOUT } = {}): Promise<void> {
  await openFieldEditor(panel, fieldId, { timeoutMs });
  // A click opens the list at once; the options live in the select's shadow root.
  await fieldEditor(panel, fieldId).locator('li.option').getByText(label, { exact: true }).click({ timeout: timeoutMs });
}

/**
 * Sets a multiselect field to exactly these option labels (toggling what differs), then saves
 * with the editor's Save button.
 */
export async function setFieldOptions(panel: DealPanel, fieldId: string, labels: string[], { timeoutMs = DEFAULT_TIMEOUT } = {}): Promise<void> {
  await openFieldEditor(panel, fieldId, { timeoutMs });
  const boxes = fieldRow(panel, fieldId).locator('.multiselect-editor vscode-checkbox');
  const states = await boxes.evaluateAll((elements) =>
    elements.map((element) => ({ label: (element.textContent ?? '').trim(), checked: Boolean((element as HTMLInputElement).checked) })));
  const unknown = labels.filter((label) => !states.some((s) => s.label === label));
  if (unknown.length) throw new Error(`field "${fieldId}" has no option ${JSON.stringify(unknown)}; options: ${JSON.stringify(states.map((s) => s.label))}`);
  for (const [index, state] of states.entries()) {
    if (state.checked !== labels.includes(state.label)) await boxes.nth(index).click({ timeout: timeoutMs });
  }
  await saveFieldEditor(panel, fieldId, { timeoutMs });
}

/** Clicks the open editor's Save (check) button. */
export async function saveFieldEditor(panel: DealPanel, fieldId: string, { timeoutMs = DEFAULT_TIMEOUT } = {}): Promise<void> {
  await fieldRow(panel, fieldId).locator('.field-editing vscode-toolbar-button[icon="check"]').click({ timeout: timeoutMs });
}

/** Clicks the open editor's Cancel (close) button. */
export async function cancelFieldEditor(panel: DealPanel, fieldId: string, { timeoutMs = DEFAULT_TIMEOUT } = {}): Promise<void> {
  await fieldRow(panel, fieldId).locator('.field-editing vscode-toolbar-button[icon="close"]').click({ timeout: timeoutMs });
}

/** Waits for the field's save error and returns its message and the typed value it kept. */
export async function waitForFieldError(panel: DealPanel, fieldId: string, { timeoutMs = DEFAULT_TIMEOUT } = {}): Promise<{ message: string; typedValue: string }> {
  const error = fieldError(panel, fieldId);
  await error.waitFor({ state: 'visible', timeout: timeoutMs });
  return {
    message: ((await error.locator('.field-error-message').textContent()) ?? '').trim(),
    typedValue: ((await error.locator('.typed-value').textContent()) ?? '').trim(),
  };
}

/** Clicks Retry in the field's error (sends the failed value again). */
export async function retryFieldEdit(panel: DealPanel, fieldId: string, { timeoutMs = DEFAULT_TIMEOUT } = {}): Promise<void> {
  await fieldError(panel, fieldId).locator('vscode-button', { hasText: 'Retry' }).click({ timeout: timeoutMs });
}

// ---------------------------------------------------------------------------------------------
// Tasks

/** The task row whose title is exactly `title`. */
export function taskRow(panel: DealPanel, title: string): Locator {
  return panel.frame.locator('.task-row').filter({ has: panel.frame.locator('.task-title').getByText(title, { exact: true }) });
}

export interface PanelTask {
  id: string;
  title: string;
  done: boolean;
  overdue: boolean;
  busy: boolean;
  /** What its done checkbox shows (undefined when the row has none, e.g. a read-only task). */
  checked: boolean | undefined;
  /** The row's meta line: due text, "Overdue", assignee. */
  meta: string;
}

/** The tasks as drawn, top to bottom. */
export async function readTasks(panel: DealPanel): Promise<PanelTask[]> {
  return panel.frame.locator('.task-list > .task-row').evaluateAll((rows) => rows.map((row) => ({
    id: row.getAttribute('data-task-id') ?? '',
    title: (row.querySelector('.task-title')?.textContent ?? '').trim(),
    done: row.classList.contains('done'),
    overdue: row.classList.contains('overdue'),
    busy: row.classList.contains('busy'),
    checked: row.querySelector('vscode-checkbox.task-done') ? Boolean((row.querySelector('vscode-checkbox.task-done') as HTMLInputElement).checked) : undefined,
    meta: (row.querySelector('.task-meta')?.textContent ?? '').replace(/\s+/g, ' ').trim(),
  })));
}

/** Ticks or unticks a task's done checkbox (no-op when already so). Returns right after the click. */
export async function setTaskDone(panel: DealPanel, title: string, done = true, { timeoutMs = DEFAULT_TIMEOUT } = {}): Promise<void> {
  const checkbox = taskRow(panel, title).locator('vscode-checkbox.task-done');
  const checked = await checkbox.evaluate((element) => Boolean((element as HTMLInputElement).checked), undefined, { timeout: timeoutMs });
  if (checked !== done) await checkbox.click({ timeout: timeoutMs });
}

/** Types a new task (and an optional due date "YYYY-MM-DD") into the add form and presses Enter. */
export async function addTask(panel: DealPanel, title: string, due?: string, { timeoutMs = DEFAULT_TIMEOUT } = {}): Promise<void> {
  await panel.frame.locator('#new-task-title input').fill(title, { timeout: timeoutMs });
  if (due !== undefined) await panel.frame.locator('#new-task-due input').fill(due, { timeout: timeoutMs });
  await panel.frame.locator('#new-task-title input').press('Enter', { timeout: timeoutMs });
}

/** Waits for the task titled `title` to be drawn and stored (no spinner, not busy). */
export async function waitForTaskSaved(panel: DealPanel, title: string, { timeoutMs = DEFAULT_TIMEOUT } = {}): Promise<void> {
  const row = taskRow(panel, title).first();
  await row.waitFor({ state: 'visible', timeout: timeoutMs });
  await row.locator('vscode-progress-ring').waitFor({ state: 'detached', timeout: timeoutMs });
  await panel.frame.locator('.task-row.busy').filter({ has: panel.frame.locator('.task-title').getByText(title, { exact: true }) })
    .waitFor({ state: 'detached', timeout: timeoutMs });
}

/** The error shown in a task row after a failed change. */
export function taskError(panel: DealPanel, title: string): Locator {
  return taskRow(panel, title).locator('.task-error');
}

// ---------------------------------------------------------------------------------------------
// Banners

/** Banners across the top: 'error' (load failed), 'warning' (conflict), 'info' (the CRM's note). */
export function banner(panel: DealPanel, tone: 'error' | 'warning' | 'info'): Locator {
  return panel.frame.locator(`.banner-${tone}`);
}

// ---------------------------------------------------------------------------------------------
// The Sample CRM's store and its failure hook

/** The Sample CRM's data file of an account, under the workbench's user-data dir. */
export function sampleDataFile(userDataDir: string, accountId = 'sample'): string {
  return join(userDataDir, 'User', 'globalStorage', extensionId, `sample-${accountId.replace(/[^\w.-]/g, '_')}.json`);
}

/** What the Sample CRM stores of a deal (see src/providers/sample/schemas.ts); loosely typed on purpose. */
export interface StoredSampleDeal {
  id: string;
  name: string;
  pipelineId: string;
  stageId: string;
  amount?: { minor: string; scale: number; currency: string };
  amountPeriod?: string;
  expectedClose?: string;
  updatedAt: string;
  custom: Record<string, { kind: string; value: unknown }>;
  [key: string]: unknown;
}

export interface StoredSampleTask {
  id: string;
  dealId: string;
  title: string;
  done: boolean;
  due?: { kind: 'date' | 'datetime'; value: string };
  [key: string]: unknown;
}

export interface StoredSampleData {
  pipelines: Array<{ id: string; name: string; stages: Array<{ id: string; name: string }> }>;
  deals: StoredSampleDeal[];
  tasks: StoredSampleTask[];
  [key: string]: unknown;
}

/** Reads and parses the data file (plain fs, from the test process). */
export function readSampleData(file: string): StoredSampleData {
  if (!existsSync(file)) throw new Error(`no Sample CRM data file at ${file} (has the account loaded yet?)`);
  return JSON.parse(readFileSync(file, 'utf8')) as StoredSampleData;
}

export function readSampleDeal(file: string, dealId: string): StoredSampleDeal {
  const deal = readSampleData(file).deals.find((d) => d.id === dealId);
  if (!deal) throw new Error(`no deal ${dealId} in ${file}`);
  return deal;
}

export function readSampleTasks(file: string, dealId: string): StoredSampleTask[] {
  return readSampleData(file).tasks.filter((t) => t.dealId === dealId);
}

/**
 * Polls the data file until `check` returns a value other than undefined/false (the store
 * renames a temp file over it, so a read never sees half a file); returns that value.
 */
export async function waitForSampleData<T>(page: Page, file: string, check: (data: StoredSampleData) => T | undefined | false, { timeoutMs = 10_000 } = {}): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const result = check(readSampleData(file));
      if (result !== undefined && result !== false) return result;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline) throw new Error(`the Sample CRM data file did not reach the expected state in ${timeoutMs / 1000} s${last ? `: ${String(last)}` : ''}`);
    await page.waitForTimeout(50);
  }
}

export type SampleFailureKind = 'network' | 'server' | 'validation' | 'timeout' | 'rateLimited' | 'conflict' | 'forbidden' | 'notFound' | 'auth' | 'badResponse';

/** The palette label of the development-only hook (src/commands/test-hooks.ts). */
export const simulateFailedWritePaletteLabel = 'CRM: Simulate a Failed Write (development)';

/**
 * Makes the Sample CRM fail its NEXT write (deal edit or task change) with an error of this kind,
 * through the palette: "CRM: Simulate a Failed Write (development)" and its quick pick. The
 * workbench must load the extension in 'development' mode (the default of startWorkbench) with a
 * Sample account configured. The CRM's words beside the field read "simulated failure requested
 * by a test".
 *
 * When the palette closes, VS Code gives focus back to the editor; a webview takes it a moment
 * later and can close the command's quick pick (it hides on focus loss) before it is answered.
 * The command then does nothing, so it is simply run again (up to 3 times).
 */
export async function simulateFailedWrite(page: Page, kind: SampleFailureKind, { timeoutMs = DEFAULT_TIMEOUT } = {}): Promise<void> {
  const attempts: string[] = [];
  for (let attempt = 1; attempt <= 3; attempt++) {
    await runCommand(page, simulateFailedWritePaletteLabel, timeoutMs);
    try {
      await page.locator('.quick-input-widget .quick-input-title').getByText('Simulate a Failed Write', { exact: true })
        .waitFor({ state: 'visible', timeout: 5_000 });
      await pickQuickItem(page, kind, 5_000);
      await quickInputWidget(page).waitFor({ state: 'hidden', timeout: timeoutMs });
      return;
    } catch (error) {
      const state = await page.evaluate(() => ({
        visible: document.querySelector<HTMLElement>('.quick-input-widget')?.style.display !== 'none',
        title: document.querySelector('.quick-input-widget .quick-input-title')?.textContent ?? '',
        rows: [...document.querySelectorAll('.quick-input-widget .quick-input-list .monaco-list-row .label-name')].map((e) => e.textContent),
      })).catch(() => undefined);
      attempts.push(`${error instanceof Error ? error.message.split('\n')[0] : error}; quick input: ${JSON.stringify(state)}`);
      if (await quickInputWidget(page).isVisible()) await page.keyboard.press('Escape').catch(() => undefined);
    }
  }
  throw new Error(`could not pick "${kind}" in "Simulate a Failed Write": ${attempts.join(' | ')}`);
}

// ---------------------------------------------------------------------------------------------
// Dialogs

/**
 * Records (and dismisses) every JavaScript dialog the page or any of its frames (webviews
 * included) opens from now on. Returns the live list of messages; call stop() to detach.
 */
export function recordDialogs(page: Page): { messages: string[]; stop(): void } {
  const messages: string[] = [];
  const onDialog = (dialog: { message(): string; type(): string; dismiss(): Promise<void> }) => {
    messages.push(`${dialog.type()}: ${dialog.message()}`);
    void dialog.dismiss().catch(() => undefined);
  };
  page.on('dialog', onDialog);
  return { messages, stop: () => page.off('dialog', onDialog) };
}

/** What the probe saw inside a webview: dialogs its scripts asked for, CSP violations. */
export interface WebviewProbe {
  /** "alert: 1" etc. A webview's sandbox has no allow-modals, so these never reach page 'dialog'. */
  dialogs: string[];
  /** "script-src-attr inline" etc.: the document's CSP violation reports. */
  violations: string[];
}

/**
 * Installs, in every frame created from now on (webviews included; call before opening the
 * panel), a probe that records calls to alert/confirm/prompt. Needed because a webview's iframe
 * sandbox blocks modal dialogs silently: page.on('dialog') never fires for them, so "no dialog"
 * alone proves nothing there. Read it with readWebviewProbe().
 */
export async function installWebviewProbe(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const host = window as unknown as Record<string, unknown>;
    if (host.__crmWebviewProbe) return;
    const probe = { dialogs: [] as string[] };
    host.__crmWebviewProbe = probe;
    // Properties of window survive the webview writing its document into this frame (event
    // listeners do not: document.open() erases them).
    for (const name of ['alert', 'confirm', 'prompt'] as const) {
      const original = window[name] as (...args: unknown[]) => unknown;
      host[name] = function (this: unknown, ...args: unknown[]) {
        probe.dialogs.push(`${name}: ${String(args[0])}`);
        return original.apply(this, args);
      };
    }
  });
}

/**
 * What happened in the panel's document: the probe's dialogs (installed is false when
 * installWebviewProbe() came too late) and every CSP violation the document reported so far
 * (read from the document's report buffer, so no probe is needed for those).
 */
export async function readWebviewProbe(panel: DealPanel): Promise<WebviewProbe & { installed: boolean }> {
  return panel.frame.locator('body').evaluate(async () => {
    const probe = (window as unknown as { __crmWebviewProbe?: { dialogs: string[] } }).__crmWebviewProbe;
    const violations = await new Promise<string[]>((resolve) => {
      const found: string[] = [];
      const observer = new ReportingObserver((reports) => {
        for (const report of reports) {
          const body = report.body as unknown as { effectiveDirective?: string; blockedURL?: string } | null;
          found.push(`${body?.effectiveDirective ?? report.type} ${body?.blockedURL ?? ''}`.trim());
        }
      }, { types: ['csp-violation'], buffered: true });
      observer.observe();
      // Buffered reports arrive in a task after observe().
      setTimeout(() => {
        for (const report of observer.takeRecords()) {
          const body = report.body as unknown as { effectiveDirective?: string; blockedURL?: string } | null;
          found.push(`${body?.effectiveDirective ?? report.type} ${body?.blockedURL ?? ''}`.trim());
        }
        observer.disconnect();
        resolve(found);
      }, 50);
    });
    return { installed: Boolean(probe), dialogs: [...(probe?.dialogs ?? [])], violations };
  });
}
