import assert from 'node:assert/strict';
import { TaskSchema } from '../../../../src/model';
import { assertClientRequestsDocumented, endTest, type Harness, openDeal, rejectsWith, snapshot, startHarness } from './helpers';

describe('ActiveCampaign provider: deal tasks', function () {
  let h: Harness;

  beforeEach(async () => {
    h = await startHarness();
  });
  afterEach(async function () {
    await endTest(this, h, assertClientRequestsDocumented);
  });

  const tasksOf = (dealId: string) => h.fake.state.dealTasks.filter((t) => t.relid === dealId);

  it('lists with filters[relid] and filters[reltype]=Deal: done from status, whole days apart from date-times, type name for an untitled task', async () => {
    const acDeal = openDeal(h, (d) => tasksOf(d.id).length >= 2);
    const stored = tasksOf(acDeal.id);
    stored[0]!.title = null;
    stored[0]!.dealTasktype = '4';
    stored[0]!.duedate = '2026-03-20T00:00:00-05:00';
    stored[1]!.duedate = '2026-03-21T14:30:00-05:00';
    stored[1]!.status = 1;
    const tasks = await h.provider.listTasks(acDeal.id);
    const request = h.fake.requests.find((r) => r.path === '/api/3/dealTasks');
    assert.deepEqual(request?.query, { 'filters[relid]': acDeal.id, 'filters[reltype]': 'Deal', limit: '100', offset: '0' });
    assert.equal(tasks.length, stored.length);
    for (const t of tasks) TaskSchema.parse(t);
    const untitled = tasks.find((t) => t.id === stored[0]!.id)!;
    assert.equal(untitled.title, 'Meeting');
    assert.deepEqual(untitled.due, { kind: 'date', value: '2026-03-20' });
    const timed = tasks.find((t) => t.id === stored[1]!.id)!;
    assert.deepEqual(timed.due, { kind: 'datetime', value: '2026-03-21T19:30:00.000Z' });
    assert.equal(timed.done, true);
    const assignee = h.fake.state.users.find((u) => u.id === stored[1]!.assignee)!;
    assert.equal(timed.assignee?.name, `${assignee.firstName} ${assignee.lastName}`);
    assert.ok(tasks.findIndex((t) => t.done) >= tasks.filter((t) => !t.done).length, 'open tasks first');
  });

  it('pages through more than 100 tasks', async () => {
    const acDeal = openDeal(h);
    const template = h.fake.state.dealTasks[0]!;
    for (let i = 0; i < 130; i++) {
      h.fake.state.dealTasks.push({ ...template, id: String(5000 + i), relid: acDeal.id, title: `Task ${i}` });
    }
    const tasks = await h.provider.listTasks(acDeal.id);
    assert.equal(tasks.length, tasksOf(acDeal.id).length);
    const offsets = h.fake.requests.filter((r) => r.path === '/api/3/dealTasks').map((r) => r.query['offset']);
    assert.deepEqual(offsets, ['0', '100']);
  });

  it('creates a task with the To-do type, a whole-day due and a note; kept as a date', async () => {
    const acDeal = openDeal(h);
    const task = await h.provider.createTask(acDeal.id, { title: 'Send contract', due: { kind: 'date', value: '2026-04-02' }, body: 'Use the v2 template' });
    const post = h.fake.requests.find((r) => r.method === 'POST');
    assert.deepEqual(post?.body, {
      dealTask: { relid: Number(acDeal.id), ownerType: 'deal', title: 'Send contract', duedate: '2026-04-02', dealTasktype: 3, note: 'Use the v2 template' },
    });
    assert.deepEqual(task, {
      id: task.id, title: 'Send contract', body: 'Use the v2 template', due: { kind: 'date', value: '2026-04-02' }, done: false,
      assignee: task.assignee,
    });
    const stored = h.fake.state.dealTasks.find((t) => t.id === task.id)!;
    assert.equal(stored.relid, acDeal.id);
    assert.equal(stored.reltype, 'Deal');
    assert.equal(stored.dealTasktype, '3');
    // The task types are fetched once and kept.
    await h.provider.createTask(acDeal.id, { title: 'Second', due: { kind: 'datetime', value: '2026-04-02T16:45:00.000Z' } });
    assert.equal(h.fake.requests.filter((r) => r.path === '/api/3/dealTasktypes').length, 1);
    const second = (await h.provider.listTasks(acDeal.id)).find((t) => t.title === 'Second')!;
    assert.deepEqual(second.due, { kind: 'datetime', value: '2026-04-02T16:45:00.000Z' });
  });

  it('refuses a task without a due date (AC requires one) before sending', async () => {
    const acDeal = openDeal(h);
    const state = snapshot(h);
    const error = await rejectsWith(h, h.provider.createTask(acDeal.id, { title: 'No date' }), 'validation');
    assert.equal(error.fieldErrors?.[0]?.field, 'due');
    assert.equal(snapshot(h), state);
    assert.ok(!h.fake.requests.some((r) => r.method === 'POST'));
  });

  it('edits title, note and due; completes and reopens with status 1/0', async () => {
    const acDeal = openDeal(h, (d) => tasksOf(d.id).some((t) => t.status === 0));
    const stored = tasksOf(acDeal.id).find((t) => t.status === 0)!;
    let task = await h.provider.updateTask(acDeal.id, stored.id, { title: 'Call CFO', body: 'Budget', due: { kind: 'datetime', value: '2026-05-05T13:00:00.000Z' } });
    assert.equal(task.title, 'Call CFO');
    assert.equal(task.body, 'Budget');
    assert.deepEqual(task.due, { kind: 'datetime', value: '2026-05-05T13:00:00.000Z' });
    assert.equal(stored.title, 'Call CFO');
    assert.equal(stored.note, 'Budget');
    task = await h.provider.updateTask(acDeal.id, stored.id, { done: true });
    assert.equal(task.done, true);
    assert.equal(stored.status, 1);
    task = await h.provider.updateTask(acDeal.id, stored.id, { done: false, due: { kind: 'date', value: '2026-05-06' }, body: null });
    assert.equal(task.done, false);
    assert.deepEqual(task.due, { kind: 'date', value: '2026-05-06' });
    assert.equal(task.body, undefined);
    const puts = h.fake.requests.filter((r) => r.method === 'PUT').map((r) => r.body);
    assert.deepEqual(puts, [
      { dealTask: { title: 'Call CFO', note: 'Budget', duedate: '2026-05-05T13:00:00+00:00' } },
      { dealTask: { status: 1 } },
      { dealTask: { note: '', duedate: '2026-05-06', status: 0 } },
    ]);
  });

  it('refuses clearing the due date (AC requires one) and maps a task 422 to the task key', async () => {
    const acDeal = openDeal(h, (d) => tasksOf(d.id).length > 0);
    const stored = tasksOf(acDeal.id)[0]!;
    const cleared = await rejectsWith(h, h.provider.updateTask(acDeal.id, stored.id, { due: null }), 'validation');
    assert.equal(cleared.fieldErrors?.[0]?.field, 'due');
    const state = snapshot(h);
    h.fake.failNext({ kind: 'status', status: 422, field: 'duedate', message: 'The due date is not valid.' }, { method: 'PUT' });
    const error = await rejectsWith(h, h.provider.updateTask(acDeal.id, stored.id, { title: 'x' }), 'validation');
    assert.deepEqual(error.fieldErrors, [{ field: 'due', message: 'The due date is not valid.' }]);
    h.fake.failNext({ kind: 'status', status: 422, field: 'title', message: 'Too long.' }, { method: 'PUT' });
    const title = await rejectsWith(h, h.provider.updateTask(acDeal.id, stored.id, { title: 'x' }), 'validation');
    assert.deepEqual(title.fieldErrors, [{ field: 'title', message: 'Too long.' }]);
    assert.equal(snapshot(h), state);
  });

  it('deletes a task', async () => {
    const acDeal = openDeal(h, (d) => tasksOf(d.id).length > 0);
    const stored = tasksOf(acDeal.id)[0]!;
    await h.provider.deleteTask(acDeal.id, stored.id);
    assert.equal(h.fake.state.dealTasks.some((t) => t.id === stored.id), false);
    await rejectsWith(h, h.provider.deleteTask(acDeal.id, stored.id), 'notFound');
  });
});
