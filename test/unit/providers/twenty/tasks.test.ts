import assert from 'node:assert/strict';
import { TaskSchema } from '../../../../src/model';
import {
  assertNoKey, assertRequestsWellFormed, endTest, fakeDeal, type Harness, rejectsWith, sent, snapshot, startHarness, stopHarness,
} from './helpers';

/** The last request that was not a read. */
function lastWrite(h: Harness) {
  return sent(h).filter((r) => r.method !== 'GET').at(-1);
}

/** The fake's tasks linked to a deal, live ones only. */
function linkedTasks(h: Harness, dealId: string) {
  const ids = new Set(h.fake.state.taskTargets.filter((t) => t.opportunityId === dealId && !t.deletedAt).map((t) => t.taskId));
  return h.fake.state.tasks.filter((t) => ids.has(t.id) && !t.deletedAt);
}

describe('Twenty provider: tasks', function () {
  let h: Harness | undefined;

  afterEach(async function () {
    await endTest(this, h, assertRequestsWellFormed, assertNoKey);
    h = undefined;
  });

  for (const link of ['opportunityId', 'targetOpportunityId'] as const) {
    it(`lists a deal's tasks through taskTargets?filter=${link}[eq]:id&depth=1, status and done, body, due, assignee`, async () => {
      h = await startHarness({ fake: { taskTargetLink: link } });
      const deal = fakeDeal(h, (o) => o.position === 1);
      const tasks = await h.provider.listTasks(deal.id);
      const request = sent(h).find((r) => r.path === '/rest/taskTargets');
      assert.equal(request?.query['filter'], `${link}[eq]:${deal.id}`);
      assert.equal(request?.query['depth'], '1');
      const stored = linkedTasks(h, deal.id);
      assert.equal(tasks.length, stored.length);
      assert.ok(tasks.length >= 3);
      for (const task of tasks) {
        TaskSchema.parse(task);
        const record = stored.find((t) => t.id === task.id)!;
        assert.equal(task.status, record.status);
        assert.equal(task.done, record.status === 'DONE');
        assert.equal(task.title, record.title);
        assert.equal(task.body, record.bodyV2.markdown || record.body || undefined);
        if (record.dueAt) assert.deepEqual(task.due, { kind: 'datetime', value: record.dueAt });
        if (record.assigneeId) assert.notEqual(task.assignee?.name.startsWith('Member'), true);
      }
      assert.deepEqual(tasks.map((t) => t.done), [...tasks.map((t) => t.done)].sort(), 'open tasks first');
    });
  }

  it('without metadata, finds the link column by trying targetOpportunityId, then opportunityId, and remembers it', async () => {
    h = await startHarness({ fake: { metadataForbidden: true, taskTargetLink: 'opportunityId' } });
    const deal = fakeDeal(h, (o) => o.position === 1);
    assert.equal((await h.provider.listTasks(deal.id)).length, linkedTasks(h, deal.id).length);
    await h.provider.listTasks(deal.id);
    const filters = sent(h).filter((r) => r.path === '/rest/taskTargets').map((r) => [r.query['filter'], r.status]);
    assert.deepEqual(filters, [
      [`targetOpportunityId[eq]:${deal.id}`, 400],
      [`opportunityId[eq]:${deal.id}`, 200],
      [`opportunityId[eq]:${deal.id}`, 200],
    ]);
  });

  it('a build that does not embed the task asks for those tasks by id (one more call)', async () => {
    h = await startHarness();
    const deal = fakeDeal(h, (o) => o.position === 1);
    const stored = linkedTasks(h, deal.id);
    const targets = h.fake.state.taskTargets.filter((t) => t.opportunityId === deal.id).map((t) => ({ id: t.id, taskId: t.taskId, opportunityId: deal.id }));
    h.fake.failNext({ kind: 'badShape', body: { data: { taskTargets: targets }, pageInfo: { hasNextPage: false }, totalCount: targets.length } }, { path: '/rest/taskTargets' });
    const tasks = await h.provider.listTasks(deal.id);
    assert.deepEqual(tasks.map((t) => t.id).sort(), stored.map((t) => t.id).sort());
    const byId = sent(h).find((r) => r.path === '/rest/tasks');
    assert.equal(byId?.query['filter'], `id[in]:[${[...new Set(targets.map((t) => t.taskId))].join(',')}]`);
  });

  it('skips deleted tasks (task: null) and tasks linked to other records', async () => {
    h = await startHarness();
    const deal = fakeDeal(h, (o) => o.position === 1);
    const [gone] = linkedTasks(h, deal.id);
    gone!.deletedAt = new Date().toISOString();
    const tasks = await h.provider.listTasks(deal.id);
    assert.ok(!tasks.some((t) => t.id === gone!.id));
    assert.ok(!tasks.some((t) => t.title.startsWith('Call back a lead')));
  });

  for (const link of ['opportunityId', 'targetOpportunityId'] as const) {
    it(`creates a task, then links it with ${link}: two calls, To do, due day and Markdown body`, async () => {
      h = await startHarness({ fake: { taskTargetLink: link, taskPlainBody: link === 'opportunityId' }, providerOptions: { timeZone: 'Europe/Paris' } });
      const deal = fakeDeal(h, (o) => o.position === 5);
      const task = await h.provider.createTask(deal.id, { title: ' Send contract ', due: { kind: 'date', value: '2027-01-15' }, body: 'Attach **v2**' });
      const writes = sent(h).filter((r) => r.method === 'POST');
      assert.deepEqual(writes.map((r) => r.path), ['/rest/tasks', '/rest/taskTargets']);
      const plain = link === 'opportunityId' ? { body: 'Attach **v2**' } : {};
      assert.deepEqual(writes[0]!.body, { title: 'Send contract', status: 'TODO', dueAt: '2027-01-14T23:00:00.000Z', bodyV2: { markdown: 'Attach **v2**' }, ...plain });
      assert.deepEqual(writes[1]!.body, { taskId: task.id, [link]: deal.id });
      assert.deepEqual(
        { ...task, id: undefined },
        { id: undefined, title: 'Send contract', body: 'Attach **v2**', due: { kind: 'date', value: '2027-01-15' }, done: false, status: 'TODO' },
      );
      assert.ok((await h.provider.listTasks(deal.id)).some((t) => t.id === task.id));
    });
  }

  it('without metadata, links a new task by trying targetOpportunityId, then opportunityId', async () => {
    h = await startHarness({ fake: { metadataForbidden: true } });
    const deal = fakeDeal(h, (o) => o.position === 5);
    const task = await h.provider.createTask(deal.id, { title: 'Found the column' });
    const links = sent(h).filter((r) => r.path === '/rest/taskTargets' && r.method === 'POST');
    assert.deepEqual(links.map((r) => [Object.keys(r.body as object).sort().join(','), r.status]), [
      ['targetOpportunityId,taskId', 400],
      ['opportunityId,taskId', 201],
    ]);
    assert.ok(linkedTasks(h, deal.id).some((t) => t.id === task.id));
  });

  it('when linking fails, removes the task it created and reports the failure: nothing stray is left', async () => {
    h = await startHarness();
    const deal = fakeDeal(h, (o) => o.position === 5);
    const before = linkedTasks(h, deal.id).length;
    const live = h.fake.state.tasks.filter((t) => !t.deletedAt).length;
    h.fake.failNext({ kind: 'status', status: 500 }, { method: 'POST', path: '/rest/taskTargets' });
    await rejectsWith(h, h.provider.createTask(deal.id, { title: 'Orphan?' }), 'server');
    assert.equal(h.fake.state.tasks.filter((t) => !t.deletedAt).length, live);
    assert.equal(linkedTasks(h, deal.id).length, before);
    assert.deepEqual(sent(h).filter((r) => r.method !== 'GET').map((r) => `${r.method} ${r.path.replace(/[0-9a-f-]{36}$/, ':id')}`), [
      'POST /rest/tasks', 'POST /rest/taskTargets', 'DELETE /rest/tasks/:id',
    ]);
  });

  it('updates title, due, body and done; undoing done sets To do; a datetime due stays a datetime', async () => {
    h = await startHarness({ fake: { taskPlainBody: false } });
    const deal = fakeDeal(h, (o) => o.position === 1);
    const [record] = linkedTasks(h, deal.id);
    const done = await h.provider.updateTask(deal.id, record!.id, { done: true });
    assert.deepEqual(lastWrite(h)?.body, { status: 'DONE' });
    assert.equal(lastWrite(h)?.method, 'PATCH');
    assert.equal(lastWrite(h)?.path, `/rest/tasks/${record!.id}`);
    assert.equal(done.done, true);
    const reopened = await h.provider.updateTask(deal.id, record!.id, { done: false });
    assert.deepEqual([reopened.done, reopened.status], [false, 'TODO']);
    const edited = await h.provider.updateTask(deal.id, record!.id, { title: 'New title', due: { kind: 'datetime', value: '2027-02-02T15:30:00Z' }, body: 'Line **one**' });
    assert.deepEqual(lastWrite(h)?.body, { title: 'New title', dueAt: '2027-02-02T15:30:00.000Z', bodyV2: { markdown: 'Line **one**' } });
    assert.deepEqual([edited.title, edited.due, edited.body], ['New title', { kind: 'datetime', value: '2027-02-02T15:30:00.000Z' }, 'Line **one**']);
    assert.notEqual(record!.bodyV2.blocknote, null, 'the server filled blocknote from markdown');
    const cleared = await h.provider.updateTask(deal.id, record!.id, { due: null, body: null });
    assert.deepEqual(lastWrite(h)?.body, { dueAt: null, bodyV2: { markdown: '' } });
    assert.deepEqual([cleared.due, cleared.body], [undefined, undefined]);
  });

  it('on a mid-2025 server keeps the older plain body in step, so a cleared body does not come back', async () => {
    h = await startHarness();
    const deal = fakeDeal(h, (o) => o.position === 1);
    const record = linkedTasks(h, deal.id).find((t) => t.body)!;
    assert.ok(record, 'a task with only the older body');
    const cleared = await h.provider.updateTask(deal.id, record.id, { body: null });
    assert.deepEqual(lastWrite(h)?.body, { bodyV2: { markdown: '' }, body: '' });
    assert.equal(cleared.body, undefined);
  });

  it('a bad status from Twenty (enum error) is shown beside "done"; an empty title is refused before sending', async () => {
    h = await startHarness();
    const deal = fakeDeal(h, (o) => o.position === 1);
    const [record] = linkedTasks(h, deal.id);
    h.fake.failNext(
      { kind: 'status', status: 400, message: 'invalid input value for enum workspace_1wgvd1injqtife6y4rvfbu3h5.task_status_enum: "FINISHED"' },
      { method: 'PATCH' },
    );
    const status = await rejectsWith(h, h.provider.updateTask(deal.id, record!.id, { done: true }), 'validation');
    assert.deepEqual(status.fieldErrors, [{ field: 'done', message: '"FINISHED" is not one of its options' }]);
    const state = snapshot(h);
    const title = await rejectsWith(h, h.provider.updateTask(deal.id, record!.id, { title: '   ' }), 'validation');
    assert.deepEqual(title.fieldErrors, [{ field: 'title', message: 'must not be empty' }]);
    assert.equal(snapshot(h), state);
  });

  it('deletes a task (soft, in Twenty\'s trash); it leaves the deal\'s list', async () => {
    h = await startHarness();
    const deal = fakeDeal(h, (o) => o.position === 2);
    const [record] = linkedTasks(h, deal.id);
    await h.provider.deleteTask(deal.id, record!.id);
    assert.equal(lastWrite(h)?.method, 'DELETE');
    assert.ok(record!.deletedAt);
    assert.ok(!(await h.provider.listTasks(deal.id)).some((t) => t.id === record!.id));
  });

  it('a missing task: notFound in both builds\' statuses (400 "EntityNotFoundError" and 404)', async () => {
    for (const notFoundStatus of [400, 404] as const) {
      h = await startHarness({ fake: { notFoundStatus } });
      const error = await rejectsWith(h, h.provider.updateTask('d', '11111111-2222-4333-8444-555555555555', { done: true }), 'notFound');
      assert.equal(error.status, notFoundStatus);
      await stopHarness(h);
      h = undefined;
    }
  });
});
