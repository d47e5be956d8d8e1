import assert from 'node:assert/strict';
import { TaskSchema } from '../../../../src/model';
import { spottDescriptor, TASKS_READ_ONLY } from '../../../../src/providers/spott';
import { FIXTURE_IDS } from '../../../fakes/spott';
import {
  assertClientRequestsDocumented, assertNoKey, endTest, type Harness, opportunity, passRequests, rejectsWith, sent, snapshot,
  startHarness, stopHarness,
} from './helpers';

const NORTHWIND = FIXTURE_IDS.northwind;

describe('Spott provider: tasks', function () {
  let h: Harness;

  beforeEach(async () => {
    h = await startHarness({ fake: { deals: 120 } });
  });
  afterEach(async function () {
    await endTest(this, h, assertClientRequestsDocumented, assertNoKey);
  });

  const linkedTo = (id: string) => h.fake.state.tasks.filter((t) => t.links.opportunities.some((l) => l.id === id));

  it('lists a deal\'s tasks from one pass over GET /tasks (no filter is documented), each read-only', async () => {
    const withTasks = opportunity(h, (o) => linkedTo(o.id).length >= 2);
    const tasks = await h.provider.listTasks(withTasks.id);
    assert.equal(sent(h, 'GET', '/tasks').length, passRequests(h.fake.state.tasks.length));
    assert.ok(sent(h, 'GET', '/tasks').every((r) => r.query['limit'] === '50'));
    assert.deepEqual(tasks.map((t) => t.id).sort(), linkedTo(withTasks.id).map((t) => t.id).sort());
    for (const task of tasks) {
      TaskSchema.parse(task);
      assert.equal(task.readOnlyReason, TASKS_READ_ONLY);
    }
    assert.equal(TASKS_READ_ONLY, "Spott's API does not document changing tasks");
    assert.ok(tasks.findIndex((t) => t.done) < 0 || tasks.findIndex((t) => t.done) >= tasks.filter((t) => !t.done).length, 'open tasks first');
    // Another deal's tasks come from the same pass while it is fresh.
    await h.provider.listTasks(NORTHWIND);
    assert.equal(sent(h, 'GET', '/tasks').length, passRequests(h.fake.state.tasks.length));
  });

  it('maps content, due (a midnight-UTC due is a day), completion and assignee', async () => {
    await stopHarness(h);
    h = await startHarness({ fake: { deals: 120 }, providerOptions: { tasksMaxAgeMs: 0 } });
    const [fixture] = await h.provider.listTasks(NORTHWIND);
    assert.deepEqual(fixture, {
      id: 'tsk_901', title: 'Call Ada re: fee terms', body: undefined, due: { kind: 'datetime', value: '2026-05-23T09:00:00.000Z' },
      done: false, assignee: { id: 'usr_A11', name: 'Sam Recruiter' }, readOnlyReason: TASKS_READ_ONLY,
    });
    Object.assign(h.fake.state.tasks.find((t) => t.id === 'tsk_901')!, {
      content: 'Call Ada\n\nAsk about the retainer.\nAnd the start date.',
      dueDate: '2026-05-23T00:00:00.000Z',
      isCompleted: true,
      assignedToId: null,
    });
    const [changed] = await h.provider.listTasks(NORTHWIND);
    assert.deepEqual(changed, {
      id: 'tsk_901', title: 'Call Ada', body: 'Ask about the retainer.\nAnd the start date.', due: { kind: 'date', value: '2026-05-23' },
      done: true, assignee: undefined, readOnlyReason: TASKS_READ_ONLY,
    });
  });

  it('creates with POST /tasks/_raw linked to the opportunity; title and body in content, a day as midnight UTC', async () => {
    await h.provider.listTasks(NORTHWIND);
    const task = await h.provider.createTask(NORTHWIND, { title: ' Send terms ', body: 'Use the 2026 template', due: { kind: 'date', value: '2026-06-02' } });
    assert.deepEqual(sent(h, 'POST', '/tasks/_raw').map((r) => r.body), [{
      content: 'Send terms\n\nUse the 2026 template',
      dueDate: '2026-06-02T00:00:00.000Z',
      links: [{ taskLinkId: null, entityType: 'opportunity', entityId: NORTHWIND }],
    }]);
    assert.deepEqual(task, {
      id: task.id, title: 'Send terms', body: 'Use the 2026 template', due: { kind: 'date', value: '2026-06-02' }, done: false,
      assignee: undefined, readOnlyReason: TASKS_READ_ONLY,
    });
    const timed = await h.provider.createTask(NORTHWIND, { title: 'Call back', due: { kind: 'datetime', value: '2026-06-03T14:45:00+02:00' } });
    assert.deepEqual(timed.due, { kind: 'datetime', value: '2026-06-03T12:45:00.000Z' });
    assert.deepEqual(sent(h, 'POST', '/tasks/_raw').at(-1)?.body, {
      content: 'Call back', dueDate: '2026-06-03T12:45:00.000Z', links: [{ taskLinkId: null, entityType: 'opportunity', entityId: NORTHWIND }],
    });
    // The new tasks show in the list without another pass.
    const passes = sent(h, 'GET', '/tasks').length;
    const listed = await h.provider.listTasks(NORTHWIND);
    assert.ok([task.id, timed.id].every((id) => listed.some((t) => t.id === id)));
    assert.equal(sent(h, 'GET', '/tasks').length, passes);
  });

  it('refuses an empty or multi-line title before sending; maps a 400 on content to the title', async () => {
    const state = snapshot(h);
    const empty = await rejectsWith(h, h.provider.createTask(NORTHWIND, { title: '  ' }), 'validation');
    assert.equal(empty.fieldErrors?.[0]?.field, 'title');
    await rejectsWith(h, h.provider.createTask(NORTHWIND, { title: 'a\nb' }), 'validation');
    assert.equal(h.fake.requests.length, 0);
    h.fake.failNext({ kind: 'status', status: 400, field: 'content', message: 'String must contain at most 2000 character(s)' }, { method: 'POST' });
    const server = await rejectsWith(h, h.provider.createTask(NORTHWIND, { title: 'Long' }), 'validation');
    assert.deepEqual(server.fieldErrors, [{ field: 'title', message: 'String must contain at most 2000 character(s)' }]);
    assert.equal(snapshot(h), state);
  });

  it('says so when Spott created the task without linking it to the opportunity', async () => {
    h.fake.failNext({
      kind: 'badShape',
      body: { id: 'tsk_unlinked', content: 'x', dueDate: null, isCompleted: false, links: { opportunities: [], candidates: [] } },
    }, { method: 'POST' });
    const error = await rejectsWith(h, h.provider.createTask(NORTHWIND, { title: 'x' }), 'badResponse');
    assert.match(error.message, /created the task \(tsk_unlinked\) but did not link it/);
  });

  it('refuses to change, complete or delete a task, with a clear reason and nothing sent; the capabilities say so', async () => {
    const caps = spottDescriptor.capabilities;
    assert.deepEqual([caps.listTasks, caps.createTask, caps.updateTask, caps.completeTask, caps.deleteTask], [true, true, false, false, false]);
    const update = await rejectsWith(h, h.provider.updateTask(NORTHWIND, 'tsk_901', { title: 'New' }), 'validation');
    assert.match(update.message, /Spott's API does not document changing tasks; change it in Spott/);
    await rejectsWith(h, h.provider.updateTask(NORTHWIND, 'tsk_901', { done: true }), 'validation');
    const remove = await rejectsWith(h, h.provider.deleteTask(NORTHWIND, 'tsk_901'), 'validation');
    assert.match(remove.message, /delete it in Spott/);
    assert.equal(h.fake.requests.length, 0);
  });
});
