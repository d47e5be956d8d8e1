import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import type { Page } from '../../../../src/model';
import type { OpenTask } from '../../../../src/providers/contract';
import type { SampleProvider } from '../../../../src/providers/sample';
import { makeTempDir, openSample, QUALIFIED, rejection, removeDir } from './helpers';

interface StoredFile {
  deals: { id: string; name: string; pipelineId: string; stageId: string }[];
  tasks: { id: string; dealId: string; done: boolean }[];
}

async function allPages(provider: SampleProvider): Promise<Page<OpenTask>[]> {
  const pages: Page<OpenTask>[] = [];
  let cursor: string | undefined;
  do {
    const page = await provider.listOpenTasks(cursor);
    pages.push(page);
    cursor = page.next;
  } while (cursor !== undefined);
  return pages;
}

/** When a task is due, for checking the order: a whole day by its end. */
const dueAt = (t: OpenTask): number =>
  t.task.due ? Date.parse(t.task.due.kind === 'date' ? `${t.task.due.value}T23:59:59Z` : t.task.due.value) : Infinity;

describe('Sample CRM open tasks (My Tasks)', () => {
  let dir: string;
  let provider: SampleProvider;
  let stored: StoredFile;

  beforeEach(async () => {
    dir = await makeTempDir();
    provider = openSample(dir);
    await provider.listPipelines();
    stored = JSON.parse(await readFile(provider.dataFile, 'utf8')) as StoredFile;
  });
  afterEach(() => removeDir(dir));

  it('lists every open task of every deal once, in pages of 100, each with its deal', async () => {
    const pages = await allPages(provider);
    const open = stored.tasks.filter((t) => !t.done);
    assert.ok(open.length > 200, 'enough tasks for several pages');
    assert.equal(pages.length, Math.ceil(open.length / 100));
    assert.ok(pages.slice(0, -1).every((p) => p.items.length === 100));
    const items = pages.flatMap((p) => p.items);
    assert.deepEqual(items.map((t) => t.task.id).sort(), open.map((t) => t.id).sort());
    for (const item of items) {
      const task = stored.tasks.find((t) => t.id === item.task.id)!;
      const deal = stored.deals.find((d) => d.id === task.dealId)!;
      assert.deepEqual(item.deal, { id: deal.id, name: deal.name, pipelineId: deal.pipelineId, stageId: deal.stageId });
      assert.equal(item.task.done, false);
    }
  });

  it('puts the soonest due first and undated tasks last', async () => {
    const items = (await allPages(provider)).flatMap((p) => p.items);
    const due = items.map(dueAt);
    assert.ok(due.includes(Infinity), 'some tasks have no date');
    due.slice(1).forEach((d, i) => assert.ok(due[i]! <= d, `task ${i + 1} is due before task ${i}`));
  });

  it('skips no task when one is completed between pages', async () => {
    const first = await provider.listOpenTasks(undefined);
    const done = first.items[10]!;
    await provider.updateTask(done.deal!.id, done.task.id, { done: true });
    const rest: OpenTask[] = [];
    for (let cursor = first.next; cursor !== undefined; ) {
      const page = await provider.listOpenTasks(cursor);
      rest.push(...page.items);
      cursor = page.next;
    }
    const seen = [...first.items, ...rest].map((t) => t.task.id);
    const open = stored.tasks.filter((t) => !t.done).map((t) => t.id);
    assert.deepEqual([...new Set(seen)].sort(), open.sort(), 'every task that was open is listed');
    assert.ok(!rest.some((t) => t.task.id === done.task.id));
  });

  it('lists a new task at its place and leaves a completed one out', async () => {
    const dealId = (await provider.listDeals(QUALIFIED)).items[0]!.id;
    const created = await provider.createTask(dealId, { title: 'Overdue since long ago', due: { kind: 'date', value: '2000-01-01' } });
    const first = await provider.listOpenTasks(undefined);
    assert.equal(first.items[0]!.task.id, created.id);
    await provider.updateTask(dealId, created.id, { done: true });
    assert.ok(!(await allPages(provider)).some((p) => p.items.some((t) => t.task.id === created.id)));
  });

  it('refuses a cursor it did not make', async () => {
    const error = await rejection(provider.listOpenTasks('not-a-cursor'));
    assert.equal(error.kind, 'validation');
  });
});
