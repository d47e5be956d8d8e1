// The deal panel follows VS Code's color theme: Dark Modern, Light Modern and High Contrast, picked
// live with "Preferences: Color Theme" (which writes workbench.colorTheme) in one workbench. Per
// theme: the webview body's class, readable text and error colours, and a screenshot in
// test-results/deal-panel-theme-*.png.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator } from 'playwright-core';
import {
  editFieldText, expandTreeRow, openDealFromTree, openViewContainer, pickQuickItem, quickInputWidget, readFieldValue,
  readSampleData, readTreeRows, runCommand, sampleDataFile, simulateFailedWrite, takeScreenshot, waitForFieldError,
  webviewBodyClasses, webviewThemeKind, type DealPanel,
} from '../workbench/index.js';
import { useWorkbench } from './use-workbench.js';

const THEMES = [
  { setting: 'Default Dark Modern', label: 'Dark Modern', bodyClass: 'vscode-dark', kind: 'dark', workbenchClass: 'vs-dark', file: 'dark' },
  { setting: 'Default Light Modern', label: 'Light Modern', bodyClass: 'vscode-light', kind: 'light', workbenchClass: 'vs', file: 'light' },
  { setting: 'Default High Contrast', label: 'Dark High Contrast', bodyClass: 'vscode-high-contrast', kind: 'high-contrast', workbenchClass: 'hc-black', file: 'high-contrast' },
] as const;
const BODY_CLASSES = ['vscode-dark', 'vscode-light', 'vscode-high-contrast', 'vscode-high-contrast-light'];

describe('deal panel: Dark, Light and High Contrast themes', function () {
  const workbench = useWorkbench({ settings: { 'crmPipelines.accounts': [{ id: 'sample', provider: 'sample', label: 'Sample CRM' }] } });
  let panel: DealPanel;

  before(async function () {
    this.timeout(60_000);
    const { page, profile } = workbench();
    await openViewContainer(page);
    await expandTreeRow(page, 'Sample CRM');
    await expandTreeRow(page, 'New Business');
    await expandTreeRow(page, 'Qualified');
    // A deal with an open task and Seats, so the screenshots show tasks and a field's error.
    const visible = new Set((await readTreeRows(page)).filter((r) => r.level === 4).map((r) => r.label));
    const data = readSampleData(sampleDataFile(profile.userDataDir));
    const withTasks = new Set(data.tasks.filter((t) => !t.done).map((t) => t.dealId));
    const deal = data.deals.find((d) => d.stageId === 'stage-nb-qualified' && visible.has(d.name) && withTasks.has(d.id) && d.custom.cf_seats);
    assert.ok(deal, 'a visible Qualified deal with an open task and Seats');
    panel = await openDealFromTree(page, deal.name);
    // A failed save stays beside its field through theme changes: its colours are checked too.
    await simulateFailedWrite(page, 'server');
    await editFieldText(panel, 'custom:cf_seats', '1234');
    await waitForFieldError(panel, 'custom:cf_seats');
  });

  for (const theme of THEMES) {
    it(`${theme.setting}: body class ${theme.bodyClass}, readable text and errors, screenshot`, async function () {
      const { page, profile } = workbench();
      await runCommand(page, 'Preferences: Color Theme');
      await pickQuickItem(page, theme.label);
      await quickInputWidget(page).waitFor({ state: 'hidden' });
      // The picker stores the choice in the user settings, as the setting would be written by hand
      // (Light Modern, the web's default, by removing the key).
      const stored: Array<string | undefined> = theme.setting === 'Default Light Modern' ? [theme.setting, undefined] : [theme.setting];
      await waitFor(() => stored.includes(userSetting(profile.userDataDir, 'workbench.colorTheme')),
        () => `workbench.colorTheme to be "${theme.setting}" (is ${JSON.stringify(userSetting(profile.userDataDir, 'workbench.colorTheme'))})`);
      await page.locator(`.monaco-workbench.${theme.workbenchClass}`).waitFor();
      await waitFor(async () => (await webviewBodyClasses(panel)).includes(theme.bodyClass),
        () => `the webview body to get ${theme.bodyClass}`);
      const classes = await webviewBodyClasses(panel);
      assert.deepEqual(classes.filter((c) => BODY_CLASSES.includes(c)), [theme.bodyClass], `body classes ${classes.join(' ')}`);
      assert.equal(await webviewThemeKind(panel), theme.kind);

      // The panel kept its state through the change: the deal and the failed edit.
      assert.match(await readFieldValue(panel, 'name'), /\S/);
      const error = panel.frame.locator('.field-row[data-field="custom:cf_seats"] .field-error-message');
      assert.equal((await error.textContent())?.trim(), 'simulated failure requested by a test');

      // Colours come from the theme: text and the error stand out from the background.
      const name = panel.frame.locator('.field-row[data-field="name"] .value-text');
      const text = await colours(name);
      assert.ok(contrast(text.color, text.background) >= 4.5, `name text ${text.color} on ${text.background}: contrast ${contrast(text.color, text.background).toFixed(2)}`);
      const errorColours = await colours(error);
      assert.ok(contrast(errorColours.color, errorColours.background) >= 3,
        `error text ${errorColours.color} on ${errorColours.background}: contrast ${contrast(errorColours.color, errorColours.background).toFixed(2)}`);
      const themeBackground = await panel.frame.locator('body').evaluate(() => getComputedStyle(document.documentElement).getPropertyValue('--vscode-editor-background').trim());
      assert.ok(themeBackground, 'the theme\'s colours reach the webview');

      // Nothing hovered or focused in the workbench chrome for the picture.
      const viewport = page.viewportSize();
      if (viewport) await page.mouse.move(viewport.width - 5, viewport.height - 5);
      await takeScreenshot(page, `deal-panel-theme-${theme.file}`);
    });
  }
});

/** The user settings file as VS Code wrote it (JSON with comments allowed; the value is read directly). */
function userSetting(userDataDir: string, key: string): string | undefined {
  const text = readFileSync(join(userDataDir, 'User', 'settings.json'), 'utf8');
  const match = new RegExp(`"${key.replace(/\./g, '\\.')}"\\s*:\\s*"([^"]*)"`).exec(text);
  return match?.[1];
}

async function waitFor(check: () => boolean | Promise<boolean>, what: () => string, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) assert.fail(`timed out waiting for ${what()}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** The element's text colour and the first opaque background behind it (the body's at worst). */
async function colours(locator: Locator): Promise<{ color: string; background: string }> {
  return locator.evaluate((element) => {
    let background = 'rgba(0, 0, 0, 0)';
    for (let node: Element | null = element; node; node = node.parentElement) {
      const candidate = getComputedStyle(node).backgroundColor;
      if (candidate && !/rgba\(.*,\s*0\)$/.test(candidate) && candidate !== 'transparent') {
        background = candidate;
        break;
      }
    }
    if (/rgba\(.*,\s*0\)$/.test(background)) background = getComputedStyle(document.documentElement).getPropertyValue('--vscode-editor-background').trim();
    return { color: getComputedStyle(element).color, background };
  });
}

/** WCAG contrast ratio of two CSS colours (rgb()/rgba() or #rrggbb). */
function contrast(a: string, b: string): number {
  const [la, lb] = [luminance(a), luminance(b)];
  return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
}

function luminance(css: string): number {
  const hex = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})/i.exec(css.trim());
  const rgb = hex ? hex.slice(1, 4).map((h) => parseInt(h, 16)) : (/rgba?\(([^)]+)\)/.exec(css)?.[1] ?? '').split(',').slice(0, 3).map(Number);
  if (rgb.length !== 3 || rgb.some((n) => Number.isNaN(n))) throw new Error(`cannot read the colour "${css}"`);
  const [r, g, bl] = rgb.map((v) => {
    const c = v / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * bl;
}
