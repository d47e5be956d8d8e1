import assert from 'node:assert/strict';
import type { OpenTask } from '../../../../src/providers/contract';
import { taskId, taskTargetId } from '../../../fakes/twenty/seed';
import type { TaskRecord } from '../../../fakes/twenty/types';
import { allPages } from '../shared-harness';
import { assertNoKey, assertRequestsWellFormed, type Harness, PIPELINE, rejectsWith, sent, startHarness, stopHarness } from './helpers';

for (const flavor of ['captured', 'newest'] as const) {
  describe(`Twenty provider: My Tasks (open tasks linked to opportunities), ${flavor} server`, function () {
    let h: Harness;

    beforeEach(async () => {
      h = await startHarness({ fake: { deals: 60, flavor } });
    });
    afterEach(async function () {
      if (this.currentTest?.state === 'passed') {
        assertNoKey(h);
        assertRequestsWellFormed(h);
      }
      await stopHarness(h);
    });

    /** Open (not DONE, not deleted) tasks with a live link to an opportunity, and that opportunity. */
    function expected(): Map<string, string> {
      const out = new Map<string, string>();
      for (const task of h.fake.state.tasks) {
        if (task.deletedAt || task.status === 'DONE') continue;
        const target = h.fake.state.taskTargets.find((t) => t.taskId === task.id && t.opportunityId && !t.deletedAt);
        if (target) out.set(task.id, target.opportunityId!);
      }
      return out;
    }
    const paths = (from = 0) => sent(h).slice(from).map((r) => r.path);

    const everyPage = (): Promise<OpenTask[]> => allPages((cursor) => h.provider.listOpenTasks(cursor));

    it('lists the tasks not done that are linked to an opportunity, soonest due first, each with its deal', async () => {
      assert.ok(h.fake.state.tasks.some((t) => t.status === 'DONE'), 'done tasks exist');
      assert.ok(h.fake.state.taskTargets.some((t) => t.personId && !t.opportunityId), 'tasks about people exist');
      const page = await h.provider.listOpenTasks(undefined);
      assert.equal(page.next, undefined);
      const want = expected();
      assert.deepEqual(page.items.map((i) => i.task.id).sort(), [...want.keys()].sort());
      for (const item of page.items) {
        const opp = h.fake.state.opportunities.find((o) => o.id === want.get(item.task.id))!;
        assert.deepEqual(item.deal, { id: opp.id, name: opp.name, pipelineId: PIPELINE, stageId: opp.stage });
        assert.equal(item.task.done, false);
      }
      const due = page.items.map((i) => (i.task.due ? Date.parse(i.task.due.value) : Infinity));
      assert.deepEqual(due, [...due].sort((a, b) => a - b));
      const request = sent(h).find((r) => r.path === '/rest/tasks')!;
      assert.equal(request.query['filter'], 'or(status[is]:NULL,status[neq]:DONE)');
      assert.equal(request.query['depth'], '1');
    });

    it('reads the unseen deals in one request per page, and none once the stages are loaded', async () => {
      await h.provider.listOpenTasks(undefined);
      assert.deepEqual(paths().filter((p) => p === '/rest/opportunities').length, 1, 'one batched read of the deals');
      await stopHarness(h);
      h = await startHarness({ fake: { deals: 60, flavor } });
      await h.provider.listPipelines();
      for (const stage of h.fake.state.stageOptions) {
        for (let cursor: string | undefined, more = true; more; more = cursor !== undefined) {
          cursor = (await h.provider.listDeals({ pipelineId: PIPELINE, stageId: stage.value, cursor })).next;
        }
      }
      const before = sent(h).length;
      await h.provider.listOpenTasks(undefined);
      assert.ok(!paths(before).includes('/rest/opportunities'), paths(before).join(' '));
    });

    it('pages 200 at a time with Twenty\'s cursor', async () => {
      const linked = h.fake.state.taskTargets.find((t) => t.opportunityId && h.fake.state.tasks.find((x) => x.id === t.taskId)?.status !== 'DONE')!;
      const template = h.fake.state.tasks.find((t) => t.id === linked.taskId)!;
      for (let i = 0; i < 250; i++) {
        const n = 9000 + i;
        h.fake.state.tasks.push({ ...structuredClone(template), id: taskId(n), position: n, status: 'TODO' } satisfies TaskRecord);
        h.fake.state.taskTargets.push({ ...structuredClone(linked), id: taskTargetId(n), taskId: taskId(n) });
      }
      const first = await h.provider.listOpenTasks(undefined);
      assert.ok(first.next);
      assert.ok(first.items.length <= 200);
      const all = await everyPage();
      assert.deepEqual(new Set(all.map((i) => i.task.id)), new Set(expected().keys()));
      assert.ok(sent(h).filter((r) => r.path === '/rest/tasks').every((r) => r.query['limit'] === '200'));
    });

    it('an empty list when every task is done', async () => {
      for (const t of h.fake.state.tasks) t.status = 'DONE';
      assert.deepEqual(await h.provider.listOpenTasks(undefined), { items: [] });
    });

    it('completing a listed task takes it off the list', async () => {
      const [item] = (await h.provider.listOpenTasks(undefined)).items;
      await h.provider.updateTask(item!.deal!.id, item!.task.id, { done: true });
      assert.ok(!(await h.provider.listOpenTasks(undefined)).items.some((i) => i.task.id === item!.task.id));
    });

    it('a wrong-shaped answer is a badResponse; a rejected key is an auth error', async () => {
      h.fake.failNext({ kind: 'badShape', body: { data: { tasks: [{ id: 'x', taskTargets: 'none' }] } } }, { path: '/rest/tasks' });
      const error = await rejectsWith(h, h.provider.listOpenTasks(undefined), 'badResponse');
      assert.match(error.message, /Acme Twenty/);
      await stopHarness(h);
      h = await startHarness({ apiKey: 'not-a-jwt-but-secret-tasks-1', fake: { flavor } });
      await rejectsWith(h, h.provider.listOpenTasks(undefined), 'auth');
    });
  });
}
