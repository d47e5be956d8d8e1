import assert from 'node:assert/strict';
import type { OpenTask } from '../../../../src/providers/contract';
import type { Json } from '../../../fakes/close';
import { allPages } from '../shared-harness';
import { API_KEY, allDeals, assertCleanRun, assertNoSecret, expectCrmError, type Harness, openClose } from './helpers';

describe('Close provider: My Tasks lists the key user\'s open tasks', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await openClose({ fake: { deals: 120 } });
  });
  afterEach(async () => {
    try {
      assertCleanRun(h);
    } finally {
      await h.close();
    }
  });

  const mine = (): Json[] => h.fake.state.tasks.filter((t) => t['assigned_to'] === h.fake.state.meId && !t['is_complete']
    && (t['_type'] === 'lead' || t['_type'] === 'opportunity_due'));
  const taskRequests = () => h.fake.requests.filter((r) => r.path === '/api/v1/task/');

  const everyPage = (): Promise<OpenTask[]> => allPages((cursor) => h.provider.listOpenTasks(cursor));

  it('lists exactly the open lead tasks and opportunity reminders assigned to the key\'s user, soonest first', async () => {
    const expected = mine();
    assert.ok(expected.some((t) => t['_type'] === 'lead') && expected.some((t) => t['_type'] === 'opportunity_due'));
    assert.ok(h.fake.state.tasks.some((t) => t['assigned_to'] !== h.fake.state.meId && !t['is_complete']), 'others have open tasks too');
    const page = await h.provider.listOpenTasks(undefined);
    assert.equal(page.next, undefined);
    assert.deepEqual(page.items.map((t) => t.task.id).sort(), expected.map((t) => t['id']).sort());
    assert.ok(page.items.every((t) => !t.task.done));
    const dates = page.items.map((t) => t.task.due!.value.slice(0, 10));
    assert.deepEqual(dates, [...dates].sort(), 'ordered by due date');
    const [request] = taskRequests();
    assert.equal(request!.query['assigned_to'], h.fake.state.meId);
    assert.equal(request!.query['is_complete'], 'false');
  });

  it('reads who the key belongs to once (/me/), and makes no request per task', async () => {
    await h.provider.listOpenTasks(undefined);
    await h.provider.listOpenTasks(undefined);
    const paths = h.fake.requests.map((r) => r.path.replace('/api/v1', ''));
    assert.deepEqual(paths, ['/me/', '/task/', '/task/']);
  });

  it('ties a reminder to its opportunity, and a lead task to the lead (and to its one known opportunity)', async () => {
    const items = (await h.provider.listOpenTasks(undefined)).items;
    for (const item of items) {
      const stored = h.fake.state.tasks.find((t) => t['id'] === item.task.id)!;
      if (stored['_type'] === 'opportunity_due') {
        assert.equal(item.deal?.id, stored['object_id']);
        assert.equal(item.deal?.name, stored['lead_name']);
      } else {
        assert.equal(item.about, stored['lead_name']);
        const reminders = new Set(items.filter((i) => i.deal && h.fake.state.tasks.find((t) => t['id'] === i.task.id)!['_type'] === 'opportunity_due'
          && h.fake.state.tasks.find((t) => t['id'] === i.task.id)!['lead_id'] === stored['lead_id']).map((i) => i.deal!.id));
        assert.equal(item.deal?.id, reminders.size === 1 ? [...reminders][0] : undefined);
      }
    }
    const leadTasks = items.filter((i) => i.about !== undefined);
    assert.ok(leadTasks.some((i) => i.deal) && leadTasks.some((i) => !i.deal), 'both cases occur in the data');
  });

  it('uses the stages already loaded: a known opportunity carries its pipeline and stage, several known ones leave a lead task on its lead', async () => {
    const sales = h.fake.state.pipelines.find((p) => p.name === 'Sales')!;
    await h.provider.listPipelines();
    for (const stageId of sales.statusIds) await allDeals(h.provider, { pipelineId: sales.id, stageId });
    const before = h.fake.requests.length;
    const items = (await h.provider.listOpenTasks(undefined)).items;
    assert.deepEqual(h.fake.requests.slice(before).map((r) => r.path.replace('/api/v1', '')), ['/me/', '/task/']);
    const known = new Map(h.fake.state.opportunities.filter((o) => o['pipeline_id'] === sales.id).map((o) => [o['id'] as string, o]));
    for (const item of items.filter((i) => i.deal && known.has(i.deal.id))) {
      const opp = known.get(item.deal!.id)!;
      assert.deepEqual(item.deal, { id: opp['id'], name: opp['lead_name'], pipelineId: sales.id, stageId: opp['status_id'] });
    }
    const leadTasks = items.filter((i) => h.fake.state.tasks.find((t) => t['id'] === i.task.id)!['_type'] === 'lead');
    const severalKnown = leadTasks.find((i) => {
      const lead = h.fake.state.tasks.find((t) => t['id'] === i.task.id)!['lead_id'];
      return [...known.values()].filter((o) => o['lead_id'] === lead).length > 1;
    });
    assert.ok(severalKnown, 'a lead with several loaded opportunities has an open task');
    assert.equal(severalKnown.deal, undefined);
    assert.ok(severalKnown.about);
  });

  it('pages 1,000 at a time with a cursor until Close says there is no more', async () => {
    const lead = h.fake.state.leads[0]!;
    for (let i = 0; i < 1500; i++) {
      h.fake.state.tasks.push({
        ...structuredClone(mine().find((t) => t['_type'] === 'lead')!), id: `task_bulk${String(i).padStart(5, '0')}`, lead_id: lead.id,
        lead_name: lead.display_name, date: `2027-01-${String((i % 28) + 1).padStart(2, '0')}`,
      });
    }
    const first = await h.provider.listOpenTasks(undefined);
    assert.equal(first.items.length, 1000);
    assert.ok(first.next);
    const all = await everyPage();
    assert.equal(new Set(all.map((t) => t.task.id)).size, mine().length);
    assert.deepEqual(taskRequests().map((r) => r.query['_skip']), ['0', '0', '1000']);
    assert.ok(taskRequests().every((r) => r.query['_limit'] === '1000'));
  });

  it('an empty list when the user has no open task', async () => {
    for (const t of h.fake.state.tasks) if (t['assigned_to'] === h.fake.state.meId) t['is_complete'] = true;
    assert.deepEqual(await h.provider.listOpenTasks(undefined), { items: [] });
  });

  it('completes a listed task through its deal without looking the deal up', async () => {
    const item = (await h.provider.listOpenTasks(undefined)).items.find((i) => i.deal)!;
    const before = h.fake.requests.length;
    const done = await h.provider.updateTask(item.deal!.id, item.task.id, { done: true });
    assert.equal(done.done, true);
    assert.deepEqual(h.fake.requests.slice(before).map((r) => `${r.method} ${r.path.replace('/api/v1', '')}`), [`PUT /task/${item.task.id}/`]);
    assert.ok(!(await h.provider.listOpenTasks(undefined)).items.some((i) => i.task.id === item.task.id));
  });

  it('a wrong-shaped answer is a badResponse naming the account; a foreign cursor is refused', async () => {
    h.fake.failNext({ kind: 'wrongShape', body: { has_more: false, data: [{ id: 'task_1', _type: 'lead', is_complete: 'no' }] } }, { path: '/task/' });
    const error = await expectCrmError(h.provider.listOpenTasks(undefined), 'badResponse');
    assert.match(error.message, /Close account "Bluth Co".*data\[0\]\.is_complete/);
    assert.equal((await expectCrmError(h.provider.listOpenTasks('next please'), 'validation')).fieldErrors?.[0]?.field, 'cursor');
  });

  it('a rejected key is an auth error that names neither key', async () => {
    const wrongKey = 'api_WRONGtasksKEY000';
    const error = await expectCrmError(h.another({ apiKey: wrongKey }).listOpenTasks(undefined), 'auth', wrongKey);
    assertNoSecret(error.message, API_KEY);
  });
});
