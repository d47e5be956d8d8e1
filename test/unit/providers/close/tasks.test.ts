import assert from 'node:assert/strict';
import { TaskSchema } from '../../../../src/model';
import type { Json } from '../../../fakes/close';
import { assertCleanRun, expectCrmError, type Harness, openClose } from './helpers';

describe('Close provider: tasks against the fake', () => {
  let h: Harness;
  before(async () => {
    h = await openClose();
  });
  after(async () => {
    await h.close();
  });

  /** An opportunity whose lead has an open and a completed lead task and which has its own due reminder. */
  function richOpportunity(): { opp: Json; leadId: string } {
    const { state } = h.fake;
    for (const opp of state.opportunities) {
      const leadId = String(opp['lead_id']);
      const leadTasks = state.tasks.filter((t) => t['lead_id'] === leadId && t['_type'] === 'lead');
      const due = state.tasks.some((t) => t['object_id'] === opp['id']);
      const otherDue = state.tasks.some((t) => t['_type'] === 'opportunity_due' && t['lead_id'] === leadId && t['object_id'] !== opp['id']);
      if (due && otherDue && leadTasks.some((t) => t['is_complete']) && leadTasks.some((t) => !t['is_complete'])) return { opp, leadId };
    }
    throw new Error('the seed has no opportunity with every kind of task');
  }
  const taskOf = (id: string) => h.fake.state.tasks.find((t) => t['id'] === id)!;

  it("lists the lead's tasks, open and completed, and only this opportunity's due reminder", async () => {
    const { opp, leadId } = richOpportunity();
    const from = h.fake.requests.length;
    const tasks = await h.provider.listTasks(String(opp['id']));
    const expected = h.fake.state.tasks.filter((t) => (t['_type'] === 'lead' && t['lead_id'] === leadId) || t['object_id'] === opp['id']);
    assert.deepEqual(tasks.map((t) => t.id).sort(), expected.map((t) => String(t['id'])).sort());
    assert.ok(tasks.some((t) => t.done));
    assert.ok(tasks.some((t) => !t.done));
    // Open first.
    assert.deepEqual(tasks.map((t) => t.done), [...tasks.map((t) => t.done)].sort((a, b) => Number(a) - Number(b)));
    const lists = h.fake.requests.slice(from).filter((r) => r.path.endsWith('/task/'));
    assert.deepEqual(lists.map((r) => r.query['view'] ?? '').sort(), ['', 'archive']);
    assert.ok(lists.every((r) => r.query['lead_id'] === leadId && r.query['_type__in'] === 'lead,opportunity_due'));
    for (const t of tasks) TaskSchema.parse(t);
  });

  it('keeps dates and datetimes apart', async () => {
    const { opp, leadId } = richOpportunity();
    const lead = h.fake.state.tasks.find((t) => t['lead_id'] === leadId && t['_type'] === 'lead')!;
    lead['date'] = '2026-05-01T15:00:00+00:00';
    const due = h.fake.state.tasks.find((t) => t['object_id'] === opp['id'])!;
    const tasks = await h.provider.listTasks(String(opp['id']));
    assert.deepEqual(tasks.find((t) => t.id === lead['id'])!.due, { kind: 'datetime', value: '2026-05-01T15:00:00+00:00' });
    assert.deepEqual(tasks.find((t) => t.id === due['id'])!.due, { kind: 'date', value: due['date'] });
  });

  it('creates a lead task with a date or a datetime', async () => {
    const { opp, leadId } = richOpportunity();
    const created = await h.provider.createTask(String(opp['id']), { title: 'Send the contract', due: { kind: 'date', value: '2026-07-01' } });
    const post = h.fake.requests.filter((r) => r.method === 'POST').at(-1)!;
    assert.deepEqual(post.body, { _type: 'lead', lead_id: leadId, text: 'Send the contract', date: '2026-07-01' });
    assert.equal(created.title, 'Send the contract');
    assert.deepEqual(created.due, { kind: 'date', value: '2026-07-01' });
    assert.equal(created.done, false);
    assert.equal(taskOf(created.id)['lead_id'], leadId);
    const timed = await h.provider.createTask(String(opp['id']), { title: 'Call', due: { kind: 'datetime', value: '2026-07-02T10:00:00+00:00' } });
    assert.deepEqual(timed.due, { kind: 'datetime', value: '2026-07-02T10:00:00+00:00' });
    assert.ok((await h.provider.listTasks(String(opp['id']))).some((t) => t.id === timed.id));
  });

  it('completes, reopens, re-dates and renames a lead task', async () => {
    const { opp } = richOpportunity();
    const dealId = String(opp['id']);
    const task = await h.provider.createTask(dealId, { title: 'Draft', due: { kind: 'date', value: '2026-08-01' } });
    const done = await h.provider.updateTask(dealId, task.id, { done: true });
    assert.equal(done.done, true);
    assert.equal(taskOf(task.id)['is_complete'], true);
    assert.deepEqual(h.fake.requests.at(-1)!.body, { is_complete: true });
    assert.ok((await h.provider.listTasks(dealId)).find((t) => t.id === task.id)!.done, 'a completed task is still listed');
    const reopened = await h.provider.updateTask(dealId, task.id, { done: false });
    assert.equal(reopened.done, false);
    const moved = await h.provider.updateTask(dealId, task.id, { due: { kind: 'datetime', value: '2026-08-02T09:00:00+00:00' }, title: 'Final draft' });
    assert.deepEqual(h.fake.requests.at(-1)!.body, { text: 'Final draft', date: '2026-08-02T09:00:00+00:00' });
    assert.deepEqual(moved.due, { kind: 'datetime', value: '2026-08-02T09:00:00+00:00' });
    assert.equal(moved.title, 'Final draft');
  });

  it("completes and re-dates the opportunity's due reminder, but refuses to rename or delete it", async () => {
    const { opp } = richOpportunity();
    const dealId = String(opp['id']);
    const due = h.fake.state.tasks.find((t) => t['object_id'] === opp['id'])!;
    const id = String(due['id']);
    const done = await h.provider.updateTask(dealId, id, { done: !due['is_complete'] });
    assert.equal(done.done, taskOf(id)['is_complete']);
    const redated = await h.provider.updateTask(dealId, id, { due: { kind: 'date', value: '2026-10-10' } });
    assert.deepEqual(redated.due, { kind: 'date', value: '2026-10-10' });
    const puts = h.fake.requests.length;
    const rename = await expectCrmError(h.provider.updateTask(dealId, id, { title: 'Renamed' }), 'validation');
    assert.equal(rename.fieldErrors?.[0]?.field, 'title');
    const removal = await expectCrmError(h.provider.deleteTask(dealId, id), 'validation');
    assert.match(removal.message, /mark it done/);
    assert.equal(h.fake.requests.length, puts);
    assert.ok(taskOf(id));
  });

  it('refuses what Close tasks cannot hold, sending nothing', async () => {
    const { opp } = richOpportunity();
    const dealId = String(opp['id']);
    const from = h.fake.requests.length;
    const body = await expectCrmError(h.provider.createTask(dealId, { title: 'With details', body: 'Long text' }), 'validation');
    assert.equal(body.fieldErrors?.[0]?.field, 'body');
    const lead = h.fake.state.tasks.find((t) => t['lead_id'] === opp['lead_id'] && t['_type'] === 'lead')!;
    const clear = await expectCrmError(h.provider.updateTask(dealId, String(lead['id']), { due: null }), 'validation');
    assert.equal(clear.fieldErrors?.[0]?.field, 'due');
    assert.equal(h.fake.requests.slice(from).filter((r) => r.method !== 'GET').length, 0);
  });

  it('deletes a lead task', async () => {
    const { opp } = richOpportunity();
    const dealId = String(opp['id']);
    const task = await h.provider.createTask(dealId, { title: 'Temporary' });
    await h.provider.deleteTask(dealId, task.id);
    assert.equal(h.fake.state.tasks.some((t) => t['id'] === task.id), false);
    assert.ok(!(await h.provider.listTasks(dealId)).some((t) => t.id === task.id));
  });

  it("will not touch a task of another lead or another opportunity's reminder", async () => {
    const { opp, leadId } = richOpportunity();
    const dealId = String(opp['id']);
    const foreign = h.fake.state.tasks.find((t) => t['_type'] === 'lead' && t['lead_id'] !== leadId)!;
    const otherDue = h.fake.state.tasks.find((t) => t['_type'] === 'opportunity_due' && t['lead_id'] === leadId && t['object_id'] !== opp['id'])!;
    const fresh = h.another();
    await expectCrmError(fresh.updateTask(dealId, String(foreign['id']), { done: true }), 'notFound');
    await expectCrmError(fresh.deleteTask(dealId, String(otherDue['id'])), 'notFound');
    assert.ok(taskOf(String(foreign['id'])));
    assert.ok(taskOf(String(otherDue['id'])));
  });

  it('sent only requests the vendor OpenAPI spec documents, and logged no key', () => {
    assertCleanRun(h);
  });
});
