import assert from 'node:assert/strict';
import { OpenTaskList } from '../../../src/accounts/open-task-list';
import type { Page } from '../../../src/model';
import type { OpenTask } from '../../../src/providers/contract';

const task = (id: string): OpenTask => ({ task: { id, title: `Task ${id}`, done: false }, deal: { id: `d-${id}`, name: `Deal ${id}` } });

/** A list over pages of two from `all`, counting fetches and change events. */
function list(all: OpenTask[], failures: Error[] = []) {
  const fetched: (string | undefined)[] = [];
  let pending: { resolve: () => void } | undefined;
  let holding = false;
  const tasks = new OpenTaskList(async (cursor) => {
    fetched.push(cursor);
    if (holding) await new Promise<void>((resolve) => (pending = { resolve }));
    const failure = failures.shift();
    if (failure) throw failure;
    const start = Number(cursor ?? 0);
    const page: Page<OpenTask> = { items: all.slice(start, start + 2), next: start + 2 < all.length ? String(start + 2) : undefined };
    return page;
  });
  let changes = 0;
  tasks.onDidChange(() => (changes += 1));
  return {
    tasks, fetched, changes: () => changes,
    hold: () => (holding = true),
    release: () => { holding = false; pending?.resolve(); },
  };
}

const ids = (l: OpenTaskList) => l.items.map((t) => t.task.id);

describe('OpenTaskList', () => {
  it('loads the first page once for every caller, then further pages only on loadMore', async () => {
    const { tasks, fetched, changes } = list([task('a'), task('b'), task('c')]);
    await Promise.all([tasks.ensureFirstPage(), tasks.ensureFirstPage()]);
    await tasks.ensureFirstPage();
    assert.deepEqual(ids(tasks), ['a', 'b']);
    assert.equal(tasks.hasMore, true);
    await tasks.loadMore();
    await tasks.loadMore();
    assert.deepEqual(ids(tasks), ['a', 'b', 'c']);
    assert.deepEqual(fetched, [undefined, '2']);
    assert.equal(changes(), 2, 'one change per page');
  });

  it('keeps a failed page\'s error until loadMore tries again', async () => {
    const { tasks, fetched } = list([task('a')], [new Error('offline')]);
    await tasks.ensureFirstPage();
    assert.equal((tasks.error as Error).message, 'offline');
    assert.equal(tasks.hasFirstPage, false);
    await tasks.loadMore();
    assert.equal(tasks.error, undefined);
    assert.deepEqual(ids(tasks), ['a']);
    assert.equal(fetched.length, 2);
  });

  it('takes out a completed task and puts it back where it was when the CRM refuses', async () => {
    const { tasks, changes } = list([task('a'), task('b')]);
    await tasks.ensureFirstPage();
    const removed = tasks.remove('a')!;
    assert.deepEqual(ids(tasks), ['b']);
    tasks.restore(removed, 0);
    tasks.restore(removed, 0);
    assert.deepEqual(ids(tasks), ['a', 'b'], 'back in place, once');
    assert.equal(changes(), 3);
    assert.equal(tasks.remove('zzz'), undefined);
    assert.equal(changes(), 3, 'nothing removed, no change');
  });

  it('follows tasks changed elsewhere: done ones leave, open ones are updated in place', async () => {
    const { tasks } = list([task('a'), task('b')]);
    await tasks.ensureFirstPage();
    tasks.taskChanged({ id: 'b', title: 'Renamed', done: false });
    tasks.taskChanged({ id: 'a', title: 'Task a', done: true });
    assert.deepEqual(tasks.items.map((t) => [t.task.id, t.task.title, t.deal?.id]), [['b', 'Renamed', 'd-b']]);
  });

  it('drops a page that arrives after a reset, so a refresh never shows stale tasks', async () => {
    const l = list([task('a')]);
    l.hold();
    const first = l.tasks.ensureFirstPage();
    await new Promise((r) => setTimeout(r, 1));
    l.tasks.reset();
    l.release();
    await first;
    assert.deepEqual(ids(l.tasks), []);
    assert.equal(l.tasks.hasFirstPage, false);
    assert.equal(l.tasks.isLoading, false);
    await l.tasks.ensureFirstPage();
    assert.deepEqual(ids(l.tasks), ['a']);
  });
});
