import assert from 'node:assert/strict';
import type { OpenTask } from '../../../../src/providers/contract';
import type { SpottTaskRecord } from '../../../fakes/spott/types';
import { allPages } from '../shared-harness';
import {
  assertClientRequestsDocumented, assertNoKey, endTest, type Harness, PIPELINE, rejectsWith, sent, startHarness, stopHarness,
} from './helpers';

describe('Spott provider: My Tasks, from the one pass over GET /tasks', function () {
  let h: Harness;

  beforeEach(async () => {
    h = await startHarness({ fake: { deals: 120 } });
  });
  afterEach(async function () {
    await endTest(this, h, assertClientRequestsDocumented, assertNoKey);
  });

  const openOnDeals = () => h.fake.state.tasks.filter((t) => !t.isCompleted && t.links.opportunities.length > 0);

  const everyPage = (): Promise<OpenTask[]> => allPages((cursor) => h.provider.listOpenTasks(cursor));

  it('lists the open tasks linked to an opportunity, soonest due first, each with its deal, read-only', async () => {
    assert.ok(h.fake.state.tasks.some((t) => t.isCompleted), 'done tasks exist');
    assert.ok(h.fake.state.tasks.some((t) => !t.isCompleted && t.links.opportunities.length === 0), 'candidate tasks exist');
    const page = await h.provider.listOpenTasks(undefined);
    assert.deepEqual(page.items.map((i) => i.task.id).sort(), openOnDeals().map((t) => t.id).sort());
    for (const item of page.items) {
      const task = h.fake.state.tasks.find((t) => t.id === item.task.id)!;
      const opp = h.fake.state.opportunities.find((o) => o.id === task.links.opportunities[0]!.id)!;
      assert.deepEqual(item.deal, { id: opp.id, name: opp.name, pipelineId: PIPELINE, stageId: opp.stageId });
      assert.ok(item.task.readOnlyReason, 'Spott documents no task update');
    }
    const due = page.items.map((i) => (i.task.due ? Date.parse(i.task.due.kind === 'date' ? `${i.task.due.value}T23:59:59Z` : i.task.due.value) : Infinity));
    due.slice(1).forEach((d, i) => assert.ok(due[i]! <= d));
    assert.equal(page.total, openOnDeals().length);
  });

  it('shares the passes with the tree and the deal panels instead of making its own', async () => {
    await h.provider.listPipelines();
    const afterTree = sent(h, 'GET', '/opportunities').length;
    await h.provider.listOpenTasks(undefined);
    const taskPass = sent(h, 'GET', '/tasks').length;
    assert.ok(taskPass >= 1);
    assert.equal(sent(h, 'GET', '/opportunities').length, afterTree, 'the tree\'s pass names the deals');
    await h.provider.listOpenTasks(undefined);
    await h.provider.listTasks(openOnDeals()[0]!.links.opportunities[0]!.id);
    assert.equal(sent(h, 'GET', '/tasks').length, taskPass, 'one pass over the tasks serves My Tasks and the panel');
  });

  it('makes the opportunities pass itself when My Tasks comes first', async () => {
    await h.provider.listOpenTasks(undefined);
    assert.ok(sent(h, 'GET', '/opportunities').length >= 1);
    const before = sent(h, 'GET', '/opportunities').length;
    await h.provider.listPipelines();
    assert.equal(sent(h, 'GET', '/opportunities').length, before + Math.ceil(h.fake.state.opportunities.length / 50), 'a refresh makes a new pass');
  });

  it('pages 100 at a time; a foreign cursor is refused', async () => {
    const template = openOnDeals()[0]!;
    for (let i = 0; i < 180; i++) h.fake.state.tasks.push({ ...structuredClone(template), id: `tsk_bulk_${i}` } satisfies SpottTaskRecord);
    const first = await h.provider.listOpenTasks(undefined);
    assert.equal(first.items.length, 100);
    assert.equal(first.next, '100');
    assert.deepEqual(new Set((await everyPage()).map((i) => i.task.id)), new Set(openOnDeals().map((t) => t.id)));
    const error = await rejectsWith(h, h.provider.listOpenTasks('tomorrow'), 'validation');
    assert.equal(error.fieldErrors?.[0]?.field, 'cursor');
  });

  it('an empty list when every task is done', async () => {
    for (const t of h.fake.state.tasks) t.isCompleted = true;
    assert.deepEqual((await h.provider.listOpenTasks(undefined)).items, []);
  });

  it('a wrong-shaped task list is a badResponse; a rejected key is an auth error', async () => {
    h.fake.failNext({ kind: 'badShape', body: { items: [{ id: 'tsk_1', content: 7 }], pageInfo: { nextCursor: null, hasNextPage: false } } }, { path: '/tasks' });
    const error = await rejectsWith(h, h.provider.listOpenTasks(undefined), 'badResponse');
    assert.match(error.message, /Acme Talent/);
    await stopHarness(h);
    h = await startHarness({ apiKey: 'spott-wrong-key-tasks-0123' });
    await rejectsWith(h, h.provider.listOpenTasks(undefined), 'auth');
  });
});
