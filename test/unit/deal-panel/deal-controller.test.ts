import assert from 'node:assert/strict';
import { controllerFor, last } from './controller-harness';

describe('Deal panel controller', () => {
  it('loads the deal with its stages, every custom field kind, tasks and raw fields', async () => {
    const { controller, posted, titles, dealId } = await controllerFor();
    await controller.handle({ type: 'ready' });
    assert.equal(posted[0]?.type, 'loading');
    const { view } = last(posted, 'init');
    assert.equal(view.deal.id, dealId);
    assert.equal(view.accountId, 'sample');
    assert.equal(view.providerName, 'Sample CRM');
    assert.ok(view.stages.length >= 5);
    const kinds = new Set(view.fields.map((f) => f.kind));
    for (const kind of ['text', 'textarea', 'number', 'money', 'percent', 'date', 'datetime', 'boolean', 'select', 'multiselect', 'user', 'url', 'email', 'phone']) {
      assert.ok(kinds.has(kind as never), `missing ${kind}`);
    }
    assert.ok(Object.keys(view.raw).length > Object.keys(view.deal).length);
    assert.equal(titles.at(-1), view.deal.name);
  });

  it('reads the deal while the webview starts: ready uses that read, a later ready or Refresh reads again', async () => {
    const { controller, posted, calls, dealId } = await controllerFor();
    controller.prefetch();
    controller.prefetch();
    await new Promise((resolve) => setTimeout(resolve, 20));
    assert.deepEqual(calls.filter((c) => c === 'getDeal'), ['getDeal'], 'read before the webview is ready, and once');
    assert.deepEqual(posted.map((m) => m.type), ['init'], 'sent as soon as read, before the webview asks');
    const early = last(posted, 'init');
    assert.equal(early.view.deal.id, dealId);
    await controller.handle({ type: 'ready' });
    assert.deepEqual(posted.map((m) => m.type), ['init', 'init'], 'ready gets the same read again, with no loading state');
    assert.equal(last(posted, 'init').read, early.read);
    assert.equal(calls.filter((c) => c === 'getDeal').length, 1, 'ready took the read already made');
    await controller.handle({ type: 'ready' });
    assert.notEqual(last(posted, 'init').read, early.read, 'a page loaded again (hidden and shown) gets a new read');
    await controller.handle({ type: 'refresh' });
    assert.equal(calls.filter((c) => c === 'getDeal').length, 3);
  });

  it('answers a ready that comes before the early read arrives with that read, once', async () => {
    const { controller, posted, calls } = await controllerFor();
    controller.prefetch();
    await controller.handle({ type: 'ready' });
    assert.deepEqual(posted.map((m) => m.type), ['loading', 'init']);
    await new Promise((resolve) => setTimeout(resolve, 20));
    assert.deepEqual(posted.map((m) => m.type), ['loading', 'init'], 'the early read is not sent a second time');
    assert.equal(calls.filter((c) => c === 'getDeal').length, 1);
  });

  it('saves a name and answers with what the CRM stored; the tree is told', async () => {
    const { controller, posted, changes, provider, dealId, titles } = await controllerFor();
    await controller.handle({ type: 'ready' });
    const { view } = last(posted, 'init');
    await controller.handle({ type: 'edit', requestId: 'r1', field: { kind: 'standard', name: 'name' }, patch: { name: '  Renamed deal ' }, basedOn: view.deal.updatedAt });
    const edited = last(posted, 'edited');
    assert.equal(edited.requestId, 'r1');
    const stored = await provider.fetchDeal(dealId);
    assert.equal(edited.deal.name, stored.name);
    assert.equal(changes.length, 1);
    assert.equal(titles.at(-1), stored.name);
  });

  it('moves a deal to another stage and tells the tree the stage it left', async () => {
    const { controller, posted, changes, provider, dealId } = await controllerFor();
    await controller.handle({ type: 'ready' });
    const { view } = last(posted, 'init');
    const target = view.stages.find((s) => s.id !== view.deal.stageId && s.outcome === 'won')!;
    await controller.handle({ type: 'edit', requestId: 'r2', field: { kind: 'standard', name: 'stageId' }, patch: { stageId: target.id }, basedOn: view.deal.updatedAt });
    assert.equal(last(posted, 'edited').deal.stageId, target.id);
    assert.equal((await provider.fetchDeal(dealId)).outcome, 'won');
    assert.equal(changes[0]?.previousStageId, view.deal.stageId);
  });

  it('writes custom fields of several kinds and the amount exactly', async () => {
    const { controller, posted, provider, dealId } = await controllerFor();
    await controller.handle({ type: 'ready' });
    const { view } = last(posted, 'init');
    const field = (kind: string) => view.fields.find((f) => f.kind === kind && f.writable)!;
    const select = field('select');
    const multi = field('multiselect');
    const edits = [
      { key: field('text').key, value: { kind: 'text', value: 'Hello' } },
      { key: select.key, value: { kind: 'select', value: select.options![1]!.value } },
      { key: multi.key, value: { kind: 'multiselect', value: [multi.options![0]!.value, multi.options![2]!.value] } },
      { key: field('date').key, value: { kind: 'date', value: '2027-02-28' } },
      { key: field('boolean').key, value: { kind: 'boolean', value: true } },
    ];
    let basedOn = view.deal.updatedAt;
    for (const [i, e] of edits.entries()) {
      await controller.handle({ type: 'edit', requestId: `c${i}`, field: { kind: 'custom', key: e.key }, patch: { custom: { [e.key]: e.value } }, basedOn });
      basedOn = last(posted, 'edited').deal.updatedAt;
    }
    const amount = { minor: '9007199254740993', scale: 2, currency: 'EUR' };
    await controller.handle({ type: 'edit', requestId: 'm', field: { kind: 'standard', name: 'amount' }, patch: { amount }, basedOn });
    const stored = await provider.fetchDeal(dealId);
    for (const e of edits) assert.deepEqual(stored.custom[e.key], e.value);
    assert.deepEqual(stored.amount, amount);
  });

  it('maps a validation error to its field and changes nothing', async () => {
    const { controller, posted, provider, dealId } = await controllerFor();
    await controller.handle({ type: 'ready' });
    const { view } = last(posted, 'init');
    const select = view.fields.find((f) => f.kind === 'select' && f.writable)!;
    await controller.handle({ type: 'edit', requestId: 'v', field: { kind: 'custom', key: select.key }, patch: { custom: { [select.key]: { kind: 'select', value: 'No such option' } } } });
    const failed = last(posted, 'editFailed');
    assert.equal(failed.error.kind, 'validation');
    assert.equal(failed.error.fieldErrors?.[0]?.field, select.key);
    assert.deepEqual((await provider.fetchDeal(dealId)).custom[select.key], view.deal.custom[select.key]);
  });

  it('reports a network failure as retryable, and the same edit succeeds on Retry', async () => {
    const { controller, posted, provider, dealId } = await controllerFor();
    await controller.handle({ type: 'ready' });
    const { view } = last(posted, 'init');
    provider.failNextWrite('network');
    const edit = { type: 'edit', requestId: 'n1', field: { kind: 'standard', name: 'name' }, patch: { name: 'After retry' }, basedOn: view.deal.updatedAt };
    await controller.handle(edit);
    const failed = last(posted, 'editFailed');
    assert.equal(failed.error.retryable, true);
    assert.match(failed.error.message, /Sample CRM account "Sample CRM"/);
    assert.notEqual((await provider.fetchDeal(dealId)).name, 'After retry');
    await controller.handle({ ...edit, requestId: 'n2' });
    assert.equal(last(posted, 'edited').deal.name, 'After retry');
  });

  it('does not overwrite a deal changed in the CRM since it was loaded, unless told to', async () => {
    const { controller, posted, provider, dealId } = await controllerFor();
    await controller.handle({ type: 'ready' });
    const { view } = last(posted, 'init');
    await new Promise((r) => setTimeout(r, 5));
    await provider.updateDeal(dealId, { name: 'Changed elsewhere' });
    const edit = { type: 'edit', requestId: 'k1', field: { kind: 'standard', name: 'name' }, patch: { name: 'Mine' }, basedOn: view.deal.updatedAt };
    await controller.handle(edit);
    assert.equal(last(posted, 'conflict').current.name, 'Changed elsewhere');
    assert.equal((await provider.fetchDeal(dealId)).name, 'Changed elsewhere');
    await controller.handle({ ...edit, requestId: 'k2', overwrite: true });
    assert.equal((await provider.fetchDeal(dealId)).name, 'Mine');
  });

  it('does not call its own earlier save a conflict when two edits are based on the same version', async () => {
    const { controller, posted, provider, dealId } = await controllerFor();
    await controller.handle({ type: 'ready' });
    const { view } = last(posted, 'init');
    await controller.handle({ type: 'edit', requestId: 'a', field: { kind: 'standard', name: 'name' }, patch: { name: 'First' }, basedOn: view.deal.updatedAt });
    await new Promise((r) => setTimeout(r, 5));
    await controller.handle({ type: 'edit', requestId: 'b', field: { kind: 'standard', name: 'probability' }, patch: { probability: 55 }, basedOn: view.deal.updatedAt });
    assert.deepEqual(posted.filter((m) => m.type === 'conflict'), []);
    const stored = await provider.fetchDeal(dealId);
    assert.equal(stored.name, 'First');
    assert.equal(stored.probability, 55);
  });

  it('refuses a read-only field with its reason, without calling the CRM', async () => {
    const { controller, posted, calls } = await controllerFor();
    await controller.handle({ type: 'ready' });
    const readOnly = last(posted, 'init').view.fields.find((f) => !f.writable)!;
    calls.length = 0;
    await controller.handle({ type: 'edit', requestId: 'ro', field: { kind: 'custom', key: readOnly.key }, patch: { custom: { [readOnly.key]: null } } });
    assert.equal(last(posted, 'editFailed').error.message, readOnly.reason);
    assert.deepEqual(calls, []);
  });

  it('adds, completes, edits and deletes tasks, answering with the task list', async () => {
    const { controller, posted, provider, dealId } = await controllerFor();
    await controller.handle({ type: 'ready' });
    await controller.handle({ type: 'createTask', requestId: 't1', input: { title: 'Send the contract', due: { kind: 'date', value: '2027-01-15' } } });
    const created = last(posted, 'tasksChanged').tasks.find((t) => t.title === 'Send the contract')!;
    assert.ok(created);
    await controller.handle({ type: 'updateTask', requestId: 't2', taskId: created.id, patch: { done: true } });
    await controller.handle({ type: 'updateTask', requestId: 't3', taskId: created.id, patch: { title: 'Send the signed contract' } });
    let stored = (await provider.listTasks(dealId)).find((t) => t.id === created.id)!;
    assert.equal(stored.done, true);
    assert.equal(stored.title, 'Send the signed contract');
    provider.failNextWrite('server');
    await controller.handle({ type: 'deleteTask', requestId: 't4', taskId: created.id });
    assert.equal(last(posted, 'taskFailed').error.retryable, true);
    await controller.handle({ type: 'deleteTask', requestId: 't5', taskId: created.id });
    assert.ok(!last(posted, 'tasksChanged').tasks.some((t) => t.id === created.id));
    stored = (await provider.listTasks(dealId)).find((t) => t.id === created.id)!;
    assert.equal(stored, undefined);
  });

  it('takes a task completed or deleted in the panel out of My Tasks, and renames it there', async () => {
    const probe = (await controllerFor()).session.openTasks();
    await probe.ensureFirstPage();
    const counts = new Map<string, number>();
    for (const t of probe.items) if (t.deal) counts.set(t.deal.id, (counts.get(t.deal.id) ?? 0) + 1);
    const busyDeal = [...counts].find(([, n]) => n >= 2)![0];
    const { controller, posted, session, dealId } = await controllerFor(busyDeal);
    await controller.handle({ type: 'ready' });
    const tasks = session.openTasks();
    await tasks.ensureFirstPage();
    const [first, second] = tasks.items.filter((t) => t.deal?.id === dealId).map((t) => t.task);
    assert.ok(first && second, 'the sample deal has two open tasks');
    await controller.handle({ type: 'updateTask', requestId: 'o1', taskId: first.id, patch: { title: 'Call back on Monday' } });
    assert.equal(tasks.items.find((t) => t.task.id === first.id)?.task.title, 'Call back on Monday');
    await controller.handle({ type: 'updateTask', requestId: 'o2', taskId: first.id, patch: { done: true } });
    assert.ok(!tasks.items.some((t) => t.task.id === first.id));
    await controller.handle({ type: 'deleteTask', requestId: 'o3', taskId: second.id });
    assert.ok(!tasks.items.some((t) => t.task.id === second.id));
    assert.equal(posted.filter((m) => m.type === 'taskFailed').length, 0);
  });

  it('drops invalid messages, logs them, and never runs a command the webview names', async () => {
    const { controller, posted, logs, calls } = await controllerFor();
    for (const bad of [null, 'ready', { type: 'runCommand', command: 'workbench.action.quit' }, { type: 'edit', requestId: 'x', field: { kind: 'standard', name: 'name' }, patch: { name: 1 } }, { type: 'edit', requestId: 'y', field: { kind: 'standard', name: 'name' }, patch: { evil: true } }]) {
      await controller.handle(bad);
    }
    assert.deepEqual(posted, []);
    assert.deepEqual(calls, []);
    assert.equal(logs.filter((l) => l.includes('dropped an invalid message')).length, 5);
  });

  it('opens only http(s) links from url fields', async () => {
    const { controller, opened } = await controllerFor();
    await controller.handle({ type: 'openUrl', url: 'javascript:alert(1)' });
    await controller.handle({ type: 'openUrl', url: 'command:workbench.action.quit' });
    await controller.handle({ type: 'openUrl', url: 'example.com/proposal' });
    assert.deepEqual(opened, ['https://example.com/proposal']);
  });
});
