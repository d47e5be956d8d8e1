import assert from 'node:assert/strict';
import type { OpenTask } from '../../../../src/providers/contract';
import type { AcTaskRecord } from '../../../fakes/activecampaign/types';
import { allPages } from '../shared-harness';
import { assertClientRequestsDocumented, assertNoKey, endTest, type Harness, rejectsWith, SALES, startHarness, stopHarness } from './helpers';

describe('ActiveCampaign provider: My Tasks (open deal tasks of the key\'s user)', function () {
  let h: Harness;

  beforeEach(async () => {
    h = await startHarness({ fake: { deals: 120 } });
  });
  afterEach(async function () {
    await endTest(this, h, assertClientRequestsDocumented, assertNoKey);
  });

  const me = () => h.fake.state.users[0]!.id;
  const mine = () => h.fake.state.dealTasks.filter((t) => t.assignee === me() && t.status === 0 && t.reltype === 'Deal');
  const paths = (from = 0) => h.fake.requests.slice(from).map((r) => r.path.replace('/api/3', ''));

  const everyPage = (): Promise<OpenTask[]> => allPages((cursor) => h.provider.listOpenTasks(cursor));

  it('lists exactly the incomplete deal tasks assigned to the key\'s user, asking AC to filter them', async () => {
    assert.ok(h.fake.state.dealTasks.some((t) => t.status === 0 && t.assignee !== me()), 'others have open tasks');
    assert.ok(h.fake.state.dealTasks.some((t) => t.status === 1 && t.assignee === me()), 'the user has done tasks');
    const page = await h.provider.listOpenTasks(undefined);
    assert.ok(mine().length > 0);
    assert.deepEqual(page.items.map((t) => t.task.id).sort(), mine().map((t) => t.id).sort());
    assert.ok(page.items.every((t) => !t.task.done));
    const request = h.fake.requests.find((r) => r.path === '/api/3/dealTasks')!;
    assert.equal(request.query['filters[assignee_userid]'], me());
    assert.equal(request.query['filters[status]'], '0');
    assert.equal(request.query['filters[reltype]'], 'Deal');
  });

  it('names each task\'s deal from the deals already loaded, and makes no request per task', async () => {
    await h.provider.listPipelines();
    for (const stage of ['1', '2', '3', '4', '5']) {
      for (let cursor: string | undefined, more = true; more; more = cursor !== undefined) {
        const page = await h.provider.listDeals({ ...SALES, stageId: stage, cursor });
        cursor = page.next;
      }
    }
    const before = h.fake.requests.length;
    const items = (await h.provider.listOpenTasks(undefined)).items;
    assert.ok(paths(before).every((p) => ['/users/me', '/dealTasks', '/dealTasktypes'].includes(p)), paths(before).join(' '));
    assert.equal(paths(before).filter((p) => p === '/dealTasks').length, 1);
    for (const item of items) {
      const task = h.fake.state.dealTasks.find((t) => t.id === item.task.id)!;
      const deal = h.fake.state.deals.find((d) => d.id === task.relid)!;
      if (deal.group === SALES.pipelineId) assert.deepEqual(item.deal, { id: deal.id, name: deal.title, pipelineId: deal.group, stageId: deal.stage });
      else assert.deepEqual(item.deal, { id: deal.id, name: `Deal #${deal.id}` }, 'a deal not loaded yet is shown by its number');
    }
    assert.ok(items.some((i) => h.fake.state.deals.find((d) => d.id === i.deal!.id)!.group !== SALES.pipelineId), 'both cases occur');
  });

  it('pages 100 at a time following meta.total', async () => {
    const template = mine()[0]!;
    for (let i = 0; i < 230; i++) {
      h.fake.state.dealTasks.push({ ...structuredClone(template), id: String(5000 + i) } satisfies AcTaskRecord);
    }
    const first = await h.provider.listOpenTasks(undefined);
    assert.equal(first.items.length, 100);
    assert.equal(first.next, '100');
    const all = await everyPage();
    assert.equal(new Set(all.map((t) => t.task.id)).size, mine().length);
    const offsets = h.fake.requests.filter((r) => r.path === '/api/3/dealTasks').map((r) => r.query['offset']);
    assert.deepEqual(offsets, ['0', ...Array.from({ length: Math.ceil(mine().length / 100) }, (_, i) => String(i * 100))]);
  });

  it('an empty page when nothing is open; a foreign cursor is refused', async () => {
    for (const t of h.fake.state.dealTasks) if (t.assignee === me()) t.status = 1;
    assert.deepEqual(await h.provider.listOpenTasks(undefined), { items: [] });
    const error = await rejectsWith(h, h.provider.listOpenTasks('later'), 'validation');
    assert.equal(error.fieldErrors?.[0]?.field, 'cursor');
  });

  it('completing a listed task takes it off the next listing', async () => {
    const [item] = (await h.provider.listOpenTasks(undefined)).items;
    await h.provider.updateTask(item!.deal!.id, item!.task.id, { done: true });
    assert.ok(!(await h.provider.listOpenTasks(undefined)).items.some((i) => i.task.id === item!.task.id));
  });

  it('a wrong-shaped answer is a badResponse naming the path', async () => {
    h.fake.failNext({ kind: 'badShape', body: { dealTasks: [{ id: '1', title: 42, status: 0 }], meta: { total: '1' } } }, { path: '/dealTasks' });
    const error = await rejectsWith(h, h.provider.listOpenTasks(undefined), 'badResponse');
    assert.match(error.issuePath ?? '', /^dealTasks\[0\]/);
    assert.match(error.message, /Acme AC/);
  });

  it('a rejected key is an auth error', async () => {
    await stopHarness(h);
    h = await startHarness({ apiKey: 'wrong-key-tasks-0000' });
    await rejectsWith(h, h.provider.listOpenTasks(undefined), 'auth');
  });
});
