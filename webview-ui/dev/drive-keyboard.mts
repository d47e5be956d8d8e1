/** The panel with the keyboard only: Tab to a field, Enter to edit, Escape to cancel, Enter to save. */
import type { Page } from 'playwright-core';
import { domId } from '../model/field-id';
import { activeId, assert, expectFocus, countSent, lastSent, row, valueText, waitSaved, editorId, valueId } from './drive-helpers.mjs';

type Step = (name: string, run: () => Promise<void>) => Promise<void>;

/** Presses Tab until the element with this id has focus; fails if it is never reached. */
async function tabTo(page: Page, id: string, limit = 80): Promise<void> {
  for (let i = 0; i < limit; i++) {
    if ((await activeId(page)) === id) return;
    await page.keyboard.press('Tab');
  }
  assert.fail(`Tab never reached #${id}`);
}

export async function driveKeyboard(page: Page, step: Step): Promise<void> {
  await step('keyboard: Tab to the name, Enter edits, Escape cancels and returns focus, nothing sent', async () => {
    // Start where a person starts: nothing focused, the panel scrolled to the top.
    await page.evaluate(() => {
      window.scrollTo(0, 0);
      document.body.tabIndex = -1;
      document.body.focus();
      document.body.removeAttribute('tabindex');
    });
    await tabTo(page, valueId('name'), 150);
    const before = await countSent(page, 'edit');
    await page.keyboard.press('Enter');
    await expectFocus(page, editorId('name'));
    await page.keyboard.type(' (draft)');
    await page.keyboard.press('Escape');
    await expectFocus(page, valueId('name'));
    assert.equal(await countSent(page, 'edit'), before);
    assert.doesNotMatch(await valueText(page, 'name'), /draft/);
  });

  await step('keyboard: Open in CRM and Refresh are reachable buttons', async () => {
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    assert.equal((await lastSent(page, 'openInCrm')).type, 'openInCrm');
  });

  await step('keyboard: pick a lead source with the arrows and Enter; focus comes back to the field', async () => {
    await tabTo(page, valueId('custom:cf_lead_source'));
    await page.keyboard.press('Enter');
    await expectFocus(page, editorId('custom:cf_lead_source'));
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    assert.deepEqual((await lastSent(page, 'edit')).patch, { custom: { cf_lead_source: { kind: 'select', value: 'outbound' } } });
    await waitSaved(page, 'custom:cf_lead_source');
    await expectFocus(page, valueId('custom:cf_lead_source'));
    assert.equal(await valueText(page, 'custom:cf_lead_source'), 'Outbound');
  });

  await step('keyboard: Escape first closes an open list, then cancels the edit', async () => {
    await tabTo(page, valueId('stageId'));
    await page.keyboard.press('Enter');
    await page.keyboard.press('ArrowDown');
    const select = page.locator(`#${editorId('stageId')}`);
    assert.equal(await select.evaluate((el) => (el as HTMLElement & { open: boolean }).open), true);
    await page.keyboard.press('Escape');
    assert.equal(await select.evaluate((el) => (el as HTMLElement & { open: boolean }).open), false);
    assert.equal(await select.count(), 1, 'the editor is still open');
    await page.keyboard.press('Escape');
    await select.waitFor({ state: 'detached' });
    await expectFocus(page, valueId('stageId'));
  });

  await step('keyboard: a textarea adds lines with Enter and saves with Ctrl+Enter', async () => {
    await tabTo(page, valueId('custom:cf_next_steps'));
    await page.keyboard.press('Enter');
    await page.keyboard.press('Control+End');
    await page.keyboard.press('Enter');
    await page.keyboard.type('Agree on the SSO rollout.');
    assert.ok(await row(page, 'custom:cf_next_steps').locator('vscode-textarea').count());
    await page.keyboard.press('Control+Enter');
    const patch = (await lastSent(page, 'edit')).patch as { custom: { cf_next_steps: { value: string } } };
    assert.equal(patch.custom.cf_next_steps.value, 'Send the security questionnaire.\nBook a call with their IT lead.\nAgree on the SSO rollout.');
    await waitSaved(page, 'custom:cf_next_steps');
  });

  await step('keyboard: Space on the yes/no checkbox saves it at once', async () => {
    await tabTo(page, editorId('custom:cf_security_review'));
    await page.keyboard.press('Space');
    assert.deepEqual((await lastSent(page, 'edit')).patch, { custom: { cf_security_review: { kind: 'boolean', value: false } } });
    await waitSaved(page, 'custom:cf_security_review');
  });

  await step('keyboard: a multiselect is a row of checkboxes: Tab, Space, Enter saves', async () => {
    await tabTo(page, valueId('custom:cf_products'));
    await page.keyboard.press('Enter');
    await expectFocus(page, editorId('custom:cf_products'));
    await page.keyboard.press('Tab');
    await page.keyboard.press('Space');
    await page.keyboard.press('Enter');
    assert.deepEqual((await lastSent(page, 'edit')).patch, { custom: { cf_products: { kind: 'multiselect', value: ['core', 'api'] } } });
    await waitSaved(page, 'custom:cf_products');
    await expectFocus(page, valueId('custom:cf_products'));
  });

  await step('keyboard: fill an empty phone field', async () => {
    await tabTo(page, valueId('custom:cf_buyer_phone'));
    assert.match(await valueText(page, 'custom:cf_buyer_phone'), /Empty — click to add/);
    await page.keyboard.press('Enter');
    await page.keyboard.type('+49 30 1234567');
    await page.keyboard.press('Enter');
    await waitSaved(page, 'custom:cf_buyer_phone');
    assert.equal(await valueText(page, 'custom:cf_buyer_phone'), '+49 30 1234567');
  });

  await step('keyboard: "All fields" opens with Enter', async () => {
    const collapsible = page.locator('vscode-collapsible');
    assert.equal(await collapsible.evaluate((el) => (el as HTMLElement & { open: boolean }).open), false);
    await collapsible.locator('.collapsible-header').focus();
    await page.keyboard.press('Enter');
    assert.equal(await collapsible.evaluate((el) => (el as HTMLElement & { open: boolean }).open), true);
    assert.match(await page.locator('.raw-list').innerText(), /value_period\s+monthly/);
  });

  await step('keyboard: delete a task with the trash button and the confirm step', async () => {
    await tabTo(page, `task-del-${domId('t', 't-2')}`);
    await page.keyboard.press('Enter');
    await expectFocus(page, `task-del-yes-${domId('t', 't-2')}`);
    await page.keyboard.press('Enter');
    assert.equal((await lastSent(page, 'deleteTask')).taskId, 't-2');
  });
}
