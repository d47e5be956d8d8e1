import assert from 'node:assert/strict';
import type { SampleProvider } from '../../../../src/providers/sample';
import { makeTempDir, openSample, QUALIFIED, rejection, removeDir } from './helpers';

describe('Sample CRM tasks', () => {
  let dir: string;
  let provider: SampleProvider;
  let dealId: string;

  beforeEach(async () => {
    dir = await makeTempDir();
    provider = openSample(dir);
    dealId = (await provider.listDeals(QUALIFIED)).items[0]!.id;
  });
  afterEach(() => removeDir(dir));

  it('creates, edits, completes and deletes a task, and each change survives a reload', async () => {
    const before = await provider.listTasks(dealId);
    const created = await provider.createTask(dealId, { title: '  Call the CFO  ', due: { kind: 'date', value: '2026-03-20' } });
    assert.equal(created.title, 'Call the CFO');
    assert.equal(created.done, false);
    assert.ok(created.assignee, 'assigned to the deal owner');

    const edited = await provider.updateTask(dealId, created.id, {
      title: 'Call the CFO about budget',
      due: { kind: 'datetime', value: '2026-03-20T16:30:00Z' },
      body: 'Bring the revised quote',
      done: true,
    });
    assert.deepEqual(
      { title: edited.title, due: edited.due, body: edited.body, done: edited.done },
      { title: 'Call the CFO about budget', due: { kind: 'datetime', value: '2026-03-20T16:30:00.000Z' }, body: 'Bring the revised quote', done: true },
    );
    assert.deepEqual((await openSample(dir).listTasks(dealId)).find((t) => t.id === created.id), edited);

    const cleared = await provider.updateTask(dealId, created.id, { due: null, body: null });
    assert.equal(cleared.due, undefined);
    assert.equal(cleared.body, undefined);

    await provider.deleteTask(dealId, created.id);
    assert.deepEqual(await openSample(dir).listTasks(dealId), before);
  });

  it('lists open tasks before done ones, soonest due first', async () => {
    await provider.createTask(dealId, { title: 'Later', due: { kind: 'date', value: '2026-05-01' } });
    await provider.createTask(dealId, { title: 'Sooner', due: { kind: 'date', value: '2026-03-01' } });
    const tasks = await provider.listTasks(dealId);
    const firstDone = tasks.findIndex((t) => t.done);
    assert.ok(firstDone < 0 || tasks.slice(firstDone).every((t) => t.done));
    const titles = tasks.map((t) => t.title);
    assert.ok(titles.indexOf('Sooner') < titles.indexOf('Later'));
  });

  it('refuses an empty title and a bad due date, naming the field', async () => {
    const empty = await rejection(provider.createTask(dealId, { title: ' ' }));
    assert.equal(empty.kind, 'validation');
    assert.deepEqual(empty.fieldErrors?.map((e) => e.field), ['title']);
    const [task] = await provider.listTasks(dealId);
    const target = task ?? (await provider.createTask(dealId, { title: 'Something' }));
    const badDue = await rejection(provider.updateTask(dealId, target.id, { due: { kind: 'date', value: '20-03-2026' } }));
    assert.deepEqual(badDue.fieldErrors?.map((e) => e.field), ['due']);
    const badTitle = await rejection(provider.updateTask(dealId, target.id, { title: '' }));
    assert.deepEqual(badTitle.fieldErrors?.map((e) => e.field), ['title']);
  });

  it('says when a task or its deal does not exist', async () => {
    assert.equal((await rejection(provider.updateTask(dealId, 'task-missing', { done: true }))).kind, 'notFound');
    assert.equal((await rejection(provider.deleteTask(dealId, 'task-missing'))).kind, 'notFound');
    assert.equal((await rejection(provider.createTask('deal-9999', { title: 'x' }))).kind, 'notFound');
    assert.equal((await rejection(provider.listTasks('deal-9999'))).kind, 'notFound');
  });

  it('keeps concurrent writes: none is lost', async () => {
    const titles = Array.from({ length: 8 }, (_, i) => `Parallel ${i}`);
    await Promise.all(titles.map((title) => provider.createTask(dealId, { title })));
    const stored = (await openSample(dir).listTasks(dealId)).map((t) => t.title);
    assert.ok(titles.every((t) => stored.includes(t)));
  });
});
