/** Screenshots in Dark, Light and High Contrast: the deal at rest, and with an editor, an error and a conflict. */
import type { Browser } from 'playwright-core';
import { assert, cspViolations, openPanel, row, screenshot, setSwitch, unlabelledControls, editorId, editorInput } from './drive-helpers.mjs';

type Step = (name: string, run: () => Promise<void>) => Promise<void>;

export async function driveScreens(browser: Browser, origin: string, step: Step): Promise<string[]> {
  const shots: string[] = [];
  for (const theme of ['dark', 'light', 'hc'] as const) {
    await step(`screenshots in ${theme}`, async () => {
      const { page, problems } = await openPanel(browser, origin, `?theme=${theme}`);
      await page.locator('vscode-collapsible').click();
      await screenshot(page, `${theme}-deal`);
      assert.deepEqual(await unlabelledControls(page), []);
      await setSwitch(page, 'failNextEdit');
      await row(page, 'custom:cf_seats').locator('button.value-button').click();
      await editorInput(page, 'custom:cf_seats').fill('1,000');
      await editorInput(page, 'custom:cf_seats').press('Enter');
      await row(page, 'custom:cf_seats').locator('.field-error').waitFor();
      await setSwitch(page, 'conflictNextEdit');
      await row(page, 'custom:cf_discount').locator('button.value-button').click();
      await editorInput(page, 'custom:cf_discount').fill('20');
      await editorInput(page, 'custom:cf_discount').press('Enter');
      await page.locator('.banner-warning').waitFor();
      await row(page, 'custom:cf_contract_start').locator('button.value-button').click();
      await row(page, 'amount').locator('button.value-button').click();
      await editorInput(page, 'amount').fill('abc');
      await editorInput(page, 'amount').press('Enter');
      await page.locator(`#${editorId('custom:cf_lead_source')}`).waitFor({ state: 'detached' });
      await row(page, 'custom:cf_lead_source').locator('button.value-button').click();
      await page.keyboard.press('ArrowDown');
      await page.waitForTimeout(200);
      await screenshot(page, `${theme}-editing`);
      assert.deepEqual(await unlabelledControls(page), []);
      assert.deepEqual(problems, []);
      assert.deepEqual(await cspViolations(page), []);
      shots.push(`${theme}-deal.png`, `${theme}-editing.png`);
      await page.context().close();
    });
  }
  await step('screenshot of a narrow panel', async () => {
    const { page } = await openPanel(browser, origin, '?theme=dark', { width: 420, height: 900 });
    await screenshot(page, 'dark-narrow');
    shots.push('dark-narrow.png');
    await page.context().close();
  });
  return shots;
}
