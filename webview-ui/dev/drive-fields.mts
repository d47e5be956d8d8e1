/** Field edits in the preview: every kind the brief names, failure with Retry, conflict, local validation. */
import type { Browser } from 'playwright-core';
import { MARKUP_NAME } from './sample-deal';
import { assert, countSent, lastSent, openPanel, sent, row, setSwitch, valueText, waitSaved, type OpenedPage, editorId, editorInput } from './drive-helpers.mjs';

type Step = (name: string, run: () => Promise<void>) => Promise<void>;

export async function driveFields(browser: Browser, origin: string, step: Step): Promise<OpenedPage> {
  const opened = await openPanel(browser, origin);
  const { page } = opened;
  const originalUpdatedAt = await page.evaluate(() => (window as unknown as { fakeHost: { view: { deal: { updatedAt: string } } } }).fakeHost.view.deal.updatedAt);

  await step('the markup deal name shows as text and runs nothing', async () => {
    assert.equal(await valueText(page, 'name'), MARKUP_NAME);
    assert.equal(await page.locator('crm-deal-panel img').count(), 0);
    assert.equal(await page.locator('crm-deal-panel script').count(), 0);
    // Option labels and user names carry markup too ("<b>Event</b>", "<i>Mallory</i>"): text as well.
    assert.equal(await page.locator('crm-deal-panel b, crm-deal-panel i').count(), 0);
    assert.equal(await page.locator('vscode-option', { hasText: '<b>Event</b>' }).count(), 0, 'options exist only while editing');
  });

  await step('edit the name: new value at once with a spinner, then the stored deal', async () => {
    await row(page, 'name').locator('button.value-button').click();
    const input = editorInput(page, 'name');
    await input.fill('Acme renewal 2025');
    await input.press('Enter');
    assert.equal(await valueText(page, 'name'), 'Acme renewal 2025');
    assert.equal(await row(page, 'name').locator('vscode-progress-ring').count(), 1);
    const edit = await lastSent(page, 'edit');
    assert.deepEqual(edit.field, { kind: 'standard', name: 'name' });
    assert.deepEqual(edit.patch, { name: 'Acme renewal 2025' });
    assert.equal(edit.basedOn, originalUpdatedAt);
    assert.match(String(edit.requestId), /.+/);
    await waitSaved(page, 'name');
    assert.equal(await valueText(page, 'name'), 'Acme renewal 2025');
  });

  await step('edit the stage: a click on the value opens the list, a click on an option saves it', async () => {
    await row(page, 'stageId').locator('button.value-button').click();
    // A click opens the list at once; the options live in the select's shadow root.
    await page.locator(`#${editorId('stageId')} li.option`, { hasText: 'Negotiation' }).click();
    assert.deepEqual((await lastSent(page, 'edit')).patch, { stageId: 's-negotiation' });
    await waitSaved(page, 'stageId');
    assert.equal(await valueText(page, 'stageId'), 'Negotiation');
  });

  await step('edit the multiselect: tick Analytics, Enter saves in the field\'s option order', async () => {
    await row(page, 'custom:cf_products').locator('button.value-button').click();
    await row(page, 'custom:cf_products').locator('vscode-checkbox', { hasText: 'Analytics' }).click();
    await page.keyboard.press('Enter');
    const edit = await lastSent(page, 'edit');
    assert.deepEqual(edit.field, { kind: 'custom', key: 'cf_products' });
    assert.deepEqual(edit.patch, { custom: { cf_products: { kind: 'multiselect', value: ['core', 'analytics', 'api'] } } });
    await waitSaved(page, 'custom:cf_products');
    assert.equal(await valueText(page, 'custom:cf_products'), 'Core Platform, Analytics, API Access');
  });

  await step('edit the expected close date', async () => {
    await row(page, 'expectedClose').locator('button.value-button').click();
    const input = editorInput(page, 'expectedClose');
    await input.fill('2026-01-15');
    await input.press('Enter');
    assert.deepEqual((await lastSent(page, 'edit')).patch, { expectedClose: '2026-01-15' });
    await waitSaved(page, 'expectedClose');
    assert.equal(await valueText(page, 'expectedClose'), 'Jan 15, 2026');
  });

  await step('the amount refuses "12,5" beside the field without sending, then saves 2,500.5 exactly', async () => {
    const before = await countSent(page, 'edit');
    await row(page, 'amount').locator('button.value-button').click();
    const input = editorInput(page, 'amount');
    await input.fill('12,5');
    await input.press('Enter');
    assert.match(await row(page, 'amount').locator('.field-problem').innerText(), /dot for decimals/);
    assert.equal(await countSent(page, 'edit'), before);
    await input.fill('2,500.5');
    await input.press('Enter');
    assert.deepEqual((await lastSent(page, 'edit')).patch, { amount: { minor: '250050', scale: 2, currency: 'USD' } });
    await waitSaved(page, 'amount');
    assert.equal(await valueText(page, 'amount'), '$2,500.50 / month');
  });

  await step('edit a custom text field; leaving the field saves it; emptying a required one is refused', async () => {
    await row(page, 'custom:cf_use_case').locator('button.value-button').click();
    const input = editorInput(page, 'custom:cf_use_case');
    await input.fill('');
    await input.press('Enter');
    assert.match(await row(page, 'custom:cf_use_case').locator('.field-problem').innerText(), /cannot be empty/);
    await input.fill('Consolidate <b>CRM</b> reporting');
    await page.locator('#custom-fields-heading').click();
    assert.deepEqual((await lastSent(page, 'edit')).patch, { custom: { cf_use_case: { kind: 'text', value: 'Consolidate <b>CRM</b> reporting' } } });
    await waitSaved(page, 'custom:cf_use_case');
    assert.equal(await valueText(page, 'custom:cf_use_case'), 'Consolidate <b>CRM</b> reporting');
  });

  await step('two edits in flight at once both save; the later one is not a conflict with the earlier', async () => {
    await row(page, 'custom:cf_seats').locator('button.value-button').click();
    await editorInput(page, 'custom:cf_seats').fill('260');
    await editorInput(page, 'custom:cf_seats').press('Enter');
    await row(page, 'custom:cf_billing_email').locator('button.value-button').click();
    await editorInput(page, 'custom:cf_billing_email').fill('finance@markup.test');
    await editorInput(page, 'custom:cf_billing_email').press('Enter');
    assert.equal(await page.locator('vscode-progress-ring.saving').count(), 2);
    await waitSaved(page, 'custom:cf_seats');
    await waitSaved(page, 'custom:cf_billing_email');
    assert.equal(await page.locator('.banner-warning').count(), 0);
    assert.equal(await valueText(page, 'custom:cf_seats'), '260');
    assert.equal(await valueText(page, 'custom:cf_billing_email'), 'finance@markup.test');
    const stored = await page.evaluate(() => (window as unknown as { fakeHost: { view: { deal: { custom: Record<string, { value: unknown }> } } } }).fakeHost.view.deal.custom);
    assert.equal(stored.cf_seats?.value, '260');
    assert.equal(stored.cf_billing_email?.value, 'finance@markup.test');
    // The host answered the second with a conflict (its base was replaced by the first): it went again, rebased, not overwritten.
    const emailEdits = (await sent(page)).filter((m) => m.type === 'edit' && JSON.stringify(m.patch).includes('finance@markup.test'));
    assert.equal(emailEdits.length, 2);
    assert.notEqual(emailEdits[1]!.basedOn, emailEdits[0]!.basedOn);
    assert.equal(emailEdits[1]!.overwrite, undefined);
  });

  await step('a failed edit: previous value back, the CRM\'s words beside the field, the typed value kept, Retry works', async () => {
    await setSwitch(page, 'failNextEdit');
    await row(page, 'custom:cf_seats').locator('button.value-button').click();
    const input = editorInput(page, 'custom:cf_seats');
    await input.fill('300');
    await input.press('Enter');
    const error = row(page, 'custom:cf_seats').locator('.field-error');
    await error.waitFor();
    assert.equal(await valueText(page, 'custom:cf_seats'), '260');
    assert.equal(await error.locator('.field-error-message').innerText(), 'Seats is not accepted by the Sample CRM right now (simulated <b>failure</b>)');
    assert.equal(await error.locator('.typed-value').innerText(), '300');
    await error.locator('vscode-button', { hasText: 'Edit again' }).click();
    assert.equal(await input.inputValue(), '300');
    await input.press('Escape');
    const before = await countSent(page, 'edit');
    await error.locator('vscode-button', { hasText: 'Retry' }).click();
    assert.equal(await countSent(page, 'edit'), before + 1);
    assert.deepEqual((await lastSent(page, 'edit')).patch, { custom: { cf_seats: { kind: 'number', value: '300' } } });
    await waitSaved(page, 'custom:cf_seats');
    assert.equal(await valueText(page, 'custom:cf_seats'), '300');
    assert.equal(await error.count(), 0);
  });

  await step('a conflict shows the banner; Overwrite re-sends the edit with overwrite:true', async () => {
    await setSwitch(page, 'conflictNextEdit');
    await row(page, 'custom:cf_discount').locator('button.value-button').click();
    const input = editorInput(page, 'custom:cf_discount');
    await input.fill('15%');
    await input.press('Enter');
    const banner = page.locator('.banner-warning');
    await banner.waitFor();
    assert.match(await banner.innerText(), /changed in Sample CRM since it was loaded/);
    assert.equal(await valueText(page, 'custom:cf_discount'), '12.5%');
    await banner.locator('vscode-button', { hasText: 'Overwrite' }).click();
    const edit = await lastSent(page, 'edit');
    assert.equal(edit.overwrite, true);
    assert.deepEqual(edit.patch, { custom: { cf_discount: { kind: 'percent', value: '15' } } });
    await waitSaved(page, 'custom:cf_discount');
    assert.equal(await valueText(page, 'custom:cf_discount'), '15%');
    assert.equal(await banner.count(), 0);
  });

  await step('a conflict answered with Reload: the deal reloads and the typed value stays with Retry', async () => {
    await setSwitch(page, 'conflictNextEdit');
    await row(page, 'custom:cf_billing_email').locator('button.value-button').click();
    const input = editorInput(page, 'custom:cf_billing_email');
    await input.fill('not-an-email');
    await input.press('Enter');
    assert.match(await row(page, 'custom:cf_billing_email').locator('.field-problem').innerText(), /email address/);
    await input.fill('ap@markup.test');
    await input.press('Enter');
    await page.locator('.banner-warning vscode-button', { hasText: 'Reload' }).click();
    assert.equal((await lastSent(page, 'refresh')).type, 'refresh');
    const error = row(page, 'custom:cf_billing_email').locator('.field-error');
    await error.waitFor();
    assert.match(await error.innerText(), /had changed in Sample CRM/);
    assert.equal(await error.locator('.typed-value').innerText(), 'ap@markup.test');
    assert.equal(await valueText(page, 'custom:cf_seats'), '300');
  });
  return opened;
}
