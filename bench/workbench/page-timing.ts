// In-page clocks for the workbench measures. Times are taken inside Chromium, not in this
// process: the input's own event (mousedown, Enter) starts a measure and the animation frame in
// which the result is in the DOM ends it, so Playwright's round trips add nothing. Every frame
// (the workbench and each webview, whose documents are created later) stamps epoch milliseconds,
// performance.timeOrigin + performance.now(), so times from two frames compare.
//
// A webview's document is built in a hidden frame that is then swapped in, where animation frames
// do not run: there the end is the moment the content is in the DOM (it paints in the next frame),
// seen by polling every few milliseconds.
//
// Page functions are plain JS strings or arrow functions without named inner functions (tsx would
// wrap those in a __name() helper the page lacks).
import type { Frame, Page } from 'playwright-core';

const INIT_SCRIPT = `(() => {
  const stamp = () => performance.timeOrigin + performance.now();
  const bench = (window.__bench = { down: 0, enter: 0, panelDrawn: 0, boardDrawn: 0 });
  addEventListener('mousedown', () => { bench.down = stamp(); }, true);
  addEventListener('keydown', (e) => { if (e.key === 'Enter') bench.enter = stamp(); }, true);
  const drawn = () => document.querySelector('main.deal-panel[aria-busy="false"] .deal-header') && document.querySelector('.field-row');
  // Webview documents are rewritten after creation (document.open), which drops observers and
  // listeners but not timers: poll every few ms, in frames only, for at most a minute.
  if (window.top === window) return;
  // The board: columns drawn, none still loading, each with its cards or its footer.
  const boardDrawn = () => {
    const columns = [...document.querySelectorAll('section[data-stage-id]')];
    return columns.length > 0 && !document.querySelector('.board-loading') &&
      columns.every((c) => !c.querySelector('.column-footer vscode-progress-ring') && (c.querySelector('.card') || c.querySelector('.column-footer')));
  };
  const until = Date.now() + 60000;
  const poll = () => {
    if (bench.panelDrawn || bench.boardDrawn || Date.now() > until) return;
    if (drawn()) bench.panelDrawn = stamp();
    else if (boardDrawn()) bench.boardDrawn = stamp();
    else setTimeout(poll, 1);
  };
  poll();
})();`;

/** Installs the stamps in the workbench (now) and in every document created from now on (webviews). */
export async function installStamps(page: Page): Promise<void> {
  await page.context().addInitScript(INIT_SCRIPT);
  await page.evaluate(INIT_SCRIPT);
}

interface BenchGlobals {
  __bench: { down: number; enter: number; panelDrawn: number; boardDrawn: number };
}

export async function lastMousedown(page: Page): Promise<number> {
  return page.evaluate(() => (window as unknown as BenchGlobals).__bench.down);
}

/**
 * Clicks a collapsed tree row's twistie and returns the milliseconds from the mousedown to the
 * frame that shows its first child row (for a stage: the first page of deals).
 */
export async function timeExpand(page: Page, label: string, timeoutMs = 30_000): Promise<number> {
  const row = page.locator('.part.sidebar .monaco-list-rows > .monaco-list-row').filter({
    has: page.locator('.label-name').getByText(label, { exact: true }),
  }).first();
  if ((await row.getAttribute('aria-expanded')) !== 'false') throw new Error(`row "${label}" is not collapsed`);
  const index = Number(await row.getAttribute('data-index'));
  const level = Number(await row.getAttribute('aria-level'));
  await row.locator('.monaco-tl-twistie').click();
  const drawnAt = await page.waitForFunction(
    ({ label: wanted, index: at, level: depth }) => {
      const rows = [...document.querySelectorAll('.part.sidebar .monaco-list-rows > .monaco-list-row')];
      const parent = rows.find((r) => r.getAttribute('data-index') === String(at) && r.querySelector('.label-name')?.textContent === wanted);
      const child = parent?.parentElement?.querySelector(`:scope > .monaco-list-row[data-index="${at + 1}"]`);
      if (!child || Number(child.getAttribute('aria-level')) !== depth + 1) return 0;
      return performance.timeOrigin + performance.now();
    },
    { label, index, level },
    { polling: 'raf', timeout: timeoutMs },
  );
  return (await drawnAt.jsonValue()) - (await lastMousedown(page));
}

/** Collapses an expanded row (no-op when collapsed). */
export async function collapse(page: Page, label: string): Promise<void> {
  const row = page.locator('.part.sidebar .monaco-list-rows > .monaco-list-row').filter({
    has: page.locator('.label-name').getByText(label, { exact: true }),
  }).first();
  if ((await row.getAttribute('aria-expanded')) === 'true') {
    await row.locator('.monaco-tl-twistie').click();
    await page.locator('.part.sidebar .monaco-list-rows > .monaco-list-row[aria-expanded="true"]').filter({
      has: page.locator('.label-name').getByText(label, { exact: true }),
    }).waitFor({ state: 'detached' });
  }
}

/** The webview frame showing the deal panel (webviews are out-of-process frames of the page). */
export async function panelFrame(page: Page, timeoutMs = 20_000): Promise<Frame> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    for (const frame of page.frames()) {
      const found = await frame.evaluate(() => Boolean((window as unknown as Partial<BenchGlobals>).__bench?.panelDrawn)).catch(() => false);
      if (found) return frame;
    }
    if (Date.now() > deadline) {
      const seen = await Promise.all(page.frames().map(async (f) => `${f.url().slice(0, 60)} bench=${await f.evaluate(() => JSON.stringify((window as unknown as Partial<BenchGlobals>).__bench ?? null)).catch(() => '?')} panel=${await f.evaluate(() => document.querySelector('main.deal-panel')?.outerHTML.slice(0, 120) ?? '').catch(() => '?')}`));
      throw new Error(`no deal panel drawn within ${timeoutMs / 1000} s; frames: ${seen.join(' | ')}`);
    }
    await page.waitForTimeout(20);
  }
}

/** After a click on a deal row: milliseconds from the mousedown to the frame with the deal's fields and tasks. */
export async function timePanelOpen(page: Page, timeoutMs = 20_000): Promise<{ ms: number; frame: Frame }> {
  const frame = await panelFrame(page, timeoutMs);
  const drawn = await frame.evaluate(() => (window as unknown as BenchGlobals).__bench.panelDrawn);
  return { ms: drawn - (await lastMousedown(page)), frame };
}

/**
 * Opens a text field's editor in the panel, types `text`, presses Enter, and returns the
 * milliseconds from that Enter to the frame where the field shows the stored value with no spinner.
 */
export async function timeFieldEdit(frame: Frame, fieldId: string, text: string, timeoutMs = 20_000): Promise<number> {
  const row = frame.locator(`.field-row[data-field="${fieldId}"]`);
  await row.locator('button.value-button').click({ timeout: timeoutMs });
  const input = row.locator('input').first();
  await input.fill(text, { timeout: timeoutMs });
  // The init script's listeners did not survive the webview's document.open(): stamp Enter here.
  await frame.evaluate(() => {
    const bench = (window as unknown as BenchGlobals).__bench;
    bench.enter = 0;
    addEventListener('keydown', (e) => { if (e.key === 'Enter' && !bench.enter) bench.enter = performance.timeOrigin + performance.now(); }, { capture: true, once: true });
  });
  await input.press('Enter', { timeout: timeoutMs });
  const shownAt = await frame.waitForFunction(
    ({ id, expected }) => {
      const field = document.querySelector(`.field-row[data-field="${id}"]`);
      if (!field || field.querySelector('vscode-progress-ring') || field.querySelector('.field-error')) return 0;
      const shown = (field.querySelector('.value-text, .value-readonly')?.textContent ?? '').trim();
      return shown === expected ? performance.timeOrigin + performance.now() : 0;
    },
    { id: fieldId, expected: text },
    { polling: 'raf', timeout: timeoutMs },
  );
  const enter = await frame.evaluate(() => (window as unknown as BenchGlobals).__bench.enter);
  return (await shownAt.jsonValue()) - enter;
}

/** Milliseconds from a click on the activity-bar item to the frame showing the Pipelines tree's first row. */
export async function timeFirstRows(page: Page, activityLabel: string, timeoutMs = 60_000): Promise<number> {
  await page.locator(`.part.activitybar li.action-item > a.action-label[aria-label^="${activityLabel}"]`).first().click();
  const drawnAt = await page.waitForFunction(
    () => {
      const pane = document.querySelector('.part.sidebar .pane:has(> .pane-header[aria-label="Pipelines Section"])');
      const row = pane?.querySelector('.monaco-list-rows > .monaco-list-row .label-name');
      return row?.textContent ? performance.timeOrigin + performance.now() : 0;
    },
    undefined,
    { polling: 'raf', timeout: timeoutMs },
  );
  return (await drawnAt.jsonValue()) - (await lastMousedown(page));
}

/** Epoch ms at which a board webview showed every column's cards (0 while none has). */
export async function waitForBoardDrawn(page: Page, timeoutMs = 60_000): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    for (const frame of page.frames()) {
      const at = await frame.evaluate(() => (window as unknown as Partial<BenchGlobals>).__bench?.boardDrawn ?? 0).catch(() => 0);
      if (at) return at;
    }
    if (Date.now() > deadline) throw new Error(`no board drawn within ${timeoutMs / 1000} s`);
    await page.waitForTimeout(20);
  }
}
