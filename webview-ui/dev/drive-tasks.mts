/** Tasks in the preview: add, complete, edit, delete with the in-panel confirm, and a failure with Retry. */
import type { Page } from 'playwright-core';
import { assert, countSent, lastSent } from './drive-helpers.mjs';

type Step = (name: string, run: () => Promise<void>) => Promise<void>;

const taskRow = (page: Page, title: string) => page.locator('.task-row', { has: page.locator('.task-title', { hasText: title }) });

export async function driveTasks(page: Page, step: Step): Promise<void> {
  await step('the overdue task is marked, in the error colour and in words', async () => {
    const overdue = taskRow(page, 'Send the security questionnaire');
    assert.ok(await overdue.evaluate((el) => el.classList.contains('overdue')));
    assert.equal(await overdue.locator('.overdue-label').innerText(), 'Overdue');
    const colors = await overdue.evaluate((el) => ({
      due: getComputedStyle(el.querySelector('.task-due')!).color,
      error: getComputedStyle(document.documentElement).getPropertyValue('--vscode-errorForeground').trim(),
    }));
    assert.equal(colors.due, 'rgb(248, 81, 73)', `due colour ${colors.due} should be errorForeground ${colors.error}`);
  });

  await step('add a task with a due date (Enter in the form), shown at once, then stored', async () => {
    await page.locator('#new-task-title input').fill('Call the <i>buyer</i>');
    await page.locator('#new-task-due input').fill('2027-02-03');
    await page.locator('#new-task-due input').press('Enter');
    const created = await lastSent(page, 'createTask');
    assert.deepEqual(created.input, { title: 'Call the <i>buyer</i>', due: { kind: 'date', value: '2027-02-03' } });
    assert.equal(await page.locator('#new-task-title input').inputValue(), '');
    const row = taskRow(page, 'Call the <i>buyer</i>');
    await row.waitFor();
    await row.locator('vscode-progress-ring').waitFor({ state: 'detached' });
    assert.match(await row.innerText(), /Due Feb 3, 2027/);
  });

  await step('an empty task title is refused in the form, nothing sent', async () => {
    const before = await countSent(page, 'createTask');
    await page.locator('.add-task vscode-button', { hasText: 'Add task' }).click();
    assert.match(await page.locator('.add-task .field-problem').innerText(), /needs a title/);
    assert.equal(await countSent(page, 'createTask'), before);
  });

  await step('complete a task with its checkbox: it moves to the done ones', async () => {
    const row = taskRow(page, 'Send the security questionnaire');
    await row.locator('vscode-checkbox').click();
    assert.deepEqual((await lastSent(page, 'updateTask')).patch, { done: true });
    await row.locator('vscode-progress-ring').waitFor({ state: 'detached' });
    assert.ok(await row.evaluate((el) => el.classList.contains('done') && !el.classList.contains('overdue')));
  });

  await step('a failed task change goes back, shows the error and Retry sends it again', async () => {
    await page.evaluate(() => { (window as unknown as { fakeHost: { switches: { failNextTask: boolean } } }).fakeHost.switches.failNextTask = true; });
    const row = taskRow(page, 'Intro call');
    await row.locator('vscode-checkbox').click();
    const error = row.locator('.task-error');
    await error.waitFor();
    assert.match(await error.innerText(), /simulated failure requested by the preview/);
    assert.ok(await row.evaluate((el) => el.classList.contains('done')), 'the task is done again after the failure');
    await error.locator('vscode-button', { hasText: 'Retry' }).click();
    await row.locator('vscode-progress-ring').waitFor({ state: 'detached' });
    assert.equal(await error.count(), 0);
    assert.ok(await row.evaluate((el) => !el.classList.contains('done')));
  });

  await step('rename a task inline', async () => {
    const row = page.locator('.task-row[data-task-id="t-2"]');
    await row.locator('button.task-title').click();
    const input = row.locator('.task-editing input');
    await input.fill('Demo to the IT team');
    await input.press('Enter');
    assert.deepEqual((await lastSent(page, 'updateTask')).patch, { title: 'Demo to the IT team' });
    await taskRow(page, 'Demo to the IT team').locator('vscode-progress-ring').waitFor({ state: 'detached' });
  });

  await step('delete asks inside the panel first; Cancel keeps it, Delete removes it', async () => {
    const row = taskRow(page, 'Intro call');
    await row.locator('vscode-toolbar-button[icon="trash"]').click();
    assert.match(await row.locator('.confirm-delete').innerText(), /Delete this task\?/);
    await row.locator('.confirm-delete vscode-button', { hasText: 'Cancel' }).click();
    assert.equal(await countSent(page, 'deleteTask'), 0);
    await row.locator('vscode-toolbar-button[icon="trash"]').click();
    await row.locator('.confirm-delete vscode-button', { hasText: 'Delete' }).click();
    assert.equal((await lastSent(page, 'deleteTask')).taskId, 't-3');
    await row.waitFor({ state: 'detached' });
  });

  await step('a read-only task has no checkbox, no edit and no delete, and says why', async () => {
    const row = taskRow(page, 'Log the contract in the finance system');
    assert.equal(await row.locator('vscode-checkbox, button, vscode-toolbar-button').count(), 0);
    assert.match(await row.innerText(), /Created by an automation/);
  });
}
