import assert from 'node:assert/strict';
import type { AccountSessions } from '../../../src/accounts/account-sessions';
import type { Account, Task } from '../../../src/model';
import { MyTasksModel } from '../../../src/my-tasks/my-tasks-model';
import type { GroupNode } from '../../../src/my-tasks/nodes/group-node';
import type { TaskNode } from '../../../src/my-tasks/nodes/task-node';
import type { TreeNode } from '../../../src/tree/nodes/tree-node';
import { openTask, sessionsFor, taskDescriptor, TaskStubProvider } from './task-stub';

// Wednesday 4 March 2026, 10:00 UTC; the groups are computed in UTC with Monday weeks (en-GB).
const NOW = Date.parse('2026-03-04T10:00:00Z');
const acme: Account = { id: 'acme', provider: 'close', label: 'Acme' };
const globex: Account = { id: 'globex', provider: 'activecampaign', label: 'Globex' };
const insight: Account = { id: 'insight', provider: 'hindsight', label: 'Insight' };

function setup(entries: { account: Account; provider: TaskStubProvider; key?: string | null }[], patienceMs = 200) {
  const sessions = sessionsFor(entries);
  const redraws: (string | undefined)[] = [];
  const errors: string[] = [];
  const completed: string[] = [];
  const model = new MyTasksModel(sessions, {
    events: { changed: (node) => redraws.push(node?.id) },
    locale: 'en-GB',
    timeZone: 'UTC',
    now: () => NOW,
    patienceMs,
    notifyError: (m) => errors.push(m),
    taskCompleted: (accountId, dealId) => completed.push(`${accountId}/${dealId}`),
  });
  return { model, sessions, redraws, errors, completed };
}

function acmeProvider() {
  const provider = new TaskStubProvider(taskDescriptor({ displayName: 'Close' }), 'Acme');
  provider.tasks = [
    openTask('t1', { kind: 'date', value: '2026-03-02' }, { title: 'Send proposal' }),
    openTask('t2', { kind: 'datetime', value: '2026-03-04T15:30:00Z' }, { title: 'Call Dana' }),
    openTask('t3', { kind: 'date', value: '2026-03-06' }, { title: 'Confirm budget' }),
    openTask('t4', { kind: 'date', value: '2026-04-20' }, { title: 'Check renewal' }),
    openTask('t5', undefined, { title: 'Share case study' }),
    openTask('t6', { kind: 'datetime', value: '2026-03-04T09:00:00Z' }, { title: 'Morning standup notes' }),
  ];
  return provider;
}

const labels = (nodes: readonly TreeNode[]) => nodes.map((n) => n.view().label);
const settle = (ms = 5) => new Promise((r) => setTimeout(r, ms));

async function grouped(model: MyTasksModel): Promise<Record<string, string[]>> {
  const result: Record<string, string[]> = {};
  for (const node of await model.roots()) {
    if (node.id.startsWith('#group/')) result[node.view().label] = labels(await node.children());
  }
  return result;
}

async function taskRow(model: MyTasksModel, title: string): Promise<TaskNode> {
  for (const node of await model.roots()) {
    const found = (await node.children()).find((c) => c.view().label === title);
    if (found) return found as TaskNode;
  }
  assert.fail(`no task row "${title}"`);
}

function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

describe('My Tasks view model', () => {
  it('fetches nothing until the view asks for its rows, then one first page per account', async () => {
    const acmeCrm = acmeProvider();
    const globexCrm = new TaskStubProvider(taskDescriptor(), 'Globex');
    const { model } = setup([{ account: acme, provider: acmeCrm }, { account: globex, provider: globexCrm }]);
    await settle();
    assert.deepEqual([...acmeCrm.taskCalls, ...globexCrm.taskCalls], []);
    await model.roots();
    await model.roots();
    assert.deepEqual(acmeCrm.taskCalls, ['listOpenTasks@0']);
    assert.deepEqual(globexCrm.taskCalls, ['listOpenTasks@0']);
  });

  it('merges the accounts\' tasks into Overdue, Today, This week, Later and No date, soonest first', async () => {
    const globexCrm = new TaskStubProvider(taskDescriptor(), 'Globex');
    globexCrm.tasks = [openTask('g1', { kind: 'date', value: '2026-03-04' }, { title: 'Renewal call' })];
    const { model } = setup([{ account: acme, provider: acmeProvider() }, { account: globex, provider: globexCrm }]);
    const roots = await model.roots();
    assert.deepEqual(labels(roots), ['Overdue', 'Today', 'This week', 'Later', 'No date']);
    assert.deepEqual(roots.map((r) => r.view().description), ['2', '2', '1', '1', '1']);
    assert.deepEqual(await grouped(model), {
      Overdue: ['Send proposal', 'Morning standup notes'],
      // A whole-day task sorts before the timed ones of that day.
      Today: ['Renewal call', 'Call Dana'],
      'This week': ['Confirm budget'],
      Later: ['Check renewal'],
      'No date': ['Share case study'],
    });
    // The least urgent groups start folded.
    assert.deepEqual(roots.map((r) => r.view().collapsible), ['expanded', 'expanded', 'expanded', 'collapsed', 'collapsed']);
  });

  it('draws each task with its due, deal and account; overdue in the error colour; a click opens the deal', async () => {
    const { model } = setup([{ account: acme, provider: acmeProvider() }]);
    const overdue = (await taskRow(model, 'Send proposal')).view();
    assert.equal(overdue.description, '2 Mar · Deal d-t1 · Acme');
    assert.deepEqual(overdue.icon, { codicon: 'circle-large-outline', color: 'list.errorForeground' });
    assert.equal(overdue.contextValue, 'task completable deal overdue');
    assert.deepEqual(overdue.command, { id: 'crmPipelines.openDeal', title: 'Open Deal', args: [{ accountId: 'acme', dealId: 'd-t1' }] });
    const today = (await taskRow(model, 'Call Dana')).view();
    assert.equal(today.description, '15:30 · Deal d-t2 · Acme');
    assert.equal(today.icon && 'color' in today.icon ? today.icon.color : undefined, undefined);
    assert.equal((await taskRow(model, 'Confirm budget')).view().description, 'Fri · Deal d-t3 · Acme');
    const tooltip = await (await taskRow(model, 'Send proposal')).tooltip();
    assert.match(tooltip ?? '', /Due Monday, 2 March 2026 — overdue/);
    assert.match(tooltip ?? '', /Account: Acme \(Close\)/);
  });

  it('offers Complete only where the CRM can, the task is not read-only, and it has a deal', async () => {
    const crm = new TaskStubProvider(taskDescriptor(), 'Acme');
    crm.tasks = [
      openTask('lead', undefined, { deal: null, about: 'Lead: Bluth Company', title: 'Call about the lead' }),
      openTask('ro', undefined, { title: 'Locked task', readOnlyReason: 'Spott documents no task update.' }),
    ];
    const readOnlyCrm = new TaskStubProvider(taskDescriptor({ completeTask: false }), 'Globex');
    readOnlyCrm.tasks = [openTask('g1', undefined, { title: 'View only' })];
    const { model } = setup([{ account: acme, provider: crm }, { account: globex, provider: readOnlyCrm }]);
    const lead = (await taskRow(model, 'Call about the lead')).view();
    assert.equal(lead.contextValue, 'task');
    assert.equal(lead.description, 'Lead: Bluth Company · Acme');
    assert.equal(lead.command, undefined);
    assert.equal((await taskRow(model, 'Locked task')).view().contextValue, 'task deal');
    assert.equal((await taskRow(model, 'View only')).view().contextValue, 'task deal');
  });

  it('pages lazily: "Load more" where an account has more, the next page only when asked', async () => {
    const crm = acmeProvider();
    crm.taskPageSize = 4;
    const { model } = setup([{ account: acme, provider: crm }]);
    let roots = await model.roots();
    assert.equal(labels(roots).at(-1), 'Load more from Acme (4 loaded)');
    // While pages remain, a group's count is a lower bound.
    assert.deepEqual(roots.slice(0, -1).map((r) => `${r.view().label} ${r.view().description}`), ['Overdue 1+', 'Today 1+', 'This week 1+', 'Later 1+']);
    const more = roots.at(-1)!.view();
    assert.deepEqual(more.command, { id: 'crmPipelines.tasks.loadMore', title: 'Load More Tasks', args: [{ accountId: 'acme' }] });
    await model.loadMore('acme');
    roots = await model.roots();
    assert.ok(!labels(roots).some((l) => l.startsWith('Load more')));
    assert.equal(roots[0]!.view().description, '2');
    assert.equal(Object.values(await grouped(model)).flat().length, 6);
    assert.deepEqual(crm.taskCalls, ['listOpenTasks@0', 'listOpenTasks@4']);
  });

  it('names the accounts whose CRM cannot list tasks in one quiet row, without calling them', async () => {
    const hindsight = new TaskStubProvider(taskDescriptor({ openTasks: false, displayName: 'Hindsight' }), 'Insight');
    const { model } = setup([{ account: acme, provider: acmeProvider() }, { account: insight, provider: hindsight }]);
    const roots = await model.roots();
    const row = roots.at(-1)!.view();
    assert.equal(row.label, 'Not listed here: Insight');
    assert.equal(row.contextValue, 'message unavailable');
    assert.match(row.tooltip ?? '', /Insight \(Hindsight\): this CRM offers no way to list open tasks/);
    assert.deepEqual(row.icon, { codicon: 'info' });
    assert.deepEqual(hindsight.taskCalls, []);
  });

  it('shows a failing account as one row naming it, with Retry; the other accounts keep working', async () => {
    const acmeCrm = acmeProvider();
    acmeCrm.listFailures.push('network');
    const globexCrm = new TaskStubProvider(taskDescriptor(), 'Globex');
    globexCrm.tasks = [openTask('g1', { kind: 'date', value: '2026-03-04' }, { title: 'Renewal call' })];
    const { model } = setup([{ account: acme, provider: acmeCrm }, { account: globex, provider: globexCrm }]);
    let roots = await model.roots();
    // The problem comes first, where it is seen without scrolling past the tasks.
    assert.deepEqual(labels(roots), ['Acme: Can\'t reach stub.example — Retry', 'Today']);
    const error = roots[0]!.view();
    assert.equal(error.contextValue, 'message error retry');
    assert.deepEqual(error.command, { id: 'crmPipelines.tasks.loadMore', title: 'Retry', args: [{ accountId: 'acme' }] });
    assert.match(error.tooltip ?? '', /open tasks of Acme could not be loaded.*Acme/);
    // Drawing again does not retry by itself.
    await model.roots();
    assert.equal(acmeCrm.taskCalls.length, 1);
    await model.loadMore('acme');
    roots = await model.roots();
    assert.deepEqual(labels(roots), ['Overdue', 'Today', 'This week', 'Later', 'No date']);
  });

  it('a missing or rejected key is "Set API key…" for that account; rate limits and bad answers say so', async () => {
    const rejected = new TaskStubProvider(taskDescriptor(), 'Acme');
    rejected.listFailures.push('auth');
    const limited = new TaskStubProvider(taskDescriptor(), 'Globex');
    limited.listFailures.push('rateLimited');
    const noKey = new TaskStubProvider(taskDescriptor(), 'Insight');
    const { model } = setup([
      { account: acme, provider: rejected }, { account: globex, provider: limited }, { account: insight, provider: noKey, key: null },
    ]);
    const roots = await model.roots();
    assert.deepEqual(labels(roots), [
      'Acme: API key rejected — Set API key…',
      'Globex: Rate limited — try again in 12 s — Retry',
      'Insight: No API key — Set API key…',
    ]);
    assert.deepEqual(roots[0]!.view().command, { id: 'crmPipelines.setApiKey', title: 'Set API Key…', args: [{ accountId: 'acme' }] });
    assert.deepEqual(roots[1]!.view().command?.id, 'crmPipelines.tasks.loadMore');
    assert.deepEqual(noKey.taskCalls, [], 'no call without a key');
  });

  it('says so when no account has an open task', async () => {
    const { model } = setup([{ account: acme, provider: new TaskStubProvider(taskDescriptor(), 'Acme') }]);
    assert.deepEqual(labels(await model.roots()), ['No open tasks']);
  });

  it('draws the fast accounts while a slow one is still loading, then redraws when it arrives', async () => {
    const slow = acmeProvider();
    const release = deferred<void>();
    slow.hold = release.promise;
    const fast = new TaskStubProvider(taskDescriptor(), 'Globex');
    fast.tasks = [openTask('g1', undefined, { title: 'Renewal call' })];
    const { model, redraws } = setup([{ account: acme, provider: slow }, { account: globex, provider: fast }], 20);
    let roots = await model.roots();
    assert.deepEqual(labels(roots), ['Acme: loading tasks…', 'No date']);
    redraws.length = 0;
    release.resolve();
    await settle(10);
    assert.deepEqual(redraws, [undefined], 'one redraw of the whole view');
    roots = await model.roots();
    assert.deepEqual(labels(roots), ['Overdue', 'Today', 'This week', 'Later', 'No date']);
    assert.deepEqual(slow.taskCalls, ['listOpenTasks@0']);
  });

  it('says at once when an account waits on a rate limit, counting down, and draws its tasks when they come', async () => {
    const limited = acmeProvider();
    const release = deferred<void>();
    limited.hold = release.promise;
    const { model, redraws } = setup([{ account: acme, provider: limited }], 60_000);
    const drawing = model.roots();
    await settle();
    limited.rateLimitWait(12_000);
    const roots = await drawing;
    assert.equal(labels(roots).join(), 'Acme: rate limited — retrying in 12 s');
    assert.equal(roots[0]!.view().contextValue, 'message waiting');
    await settle(1100);
    assert.equal(roots[0]!.view().label, 'Acme: rate limited — retrying in 11 s');
    assert.ok(redraws.includes('#account/acme/#waiting'), 'the row itself is redrawn');
    release.resolve();
    await settle(10);
    assert.ok(redraws.includes(undefined));
    assert.deepEqual(labels(await model.roots()), ['Overdue', 'Today', 'This week', 'Later', 'No date']);
    model.dispose();
  });

  it('refresh asks every account again', async () => {
    const crm = acmeProvider();
    const { model } = setup([{ account: acme, provider: crm }]);
    await model.roots();
    crm.tasks.push(openTask('t7', { kind: 'date', value: '2026-03-02' }, { title: 'Added in the CRM' }));
    model.refresh();
    assert.ok((await grouped(model)).Overdue?.includes('Added in the CRM'));
    assert.deepEqual(crm.taskCalls, ['listOpenTasks@0', 'listOpenTasks@0']);
  });

  describe('completing a task', () => {
    it('takes the row away at once, stores done in the CRM, and tells the deal\'s panel', async () => {
      const crm = acmeProvider();
      const answer = deferred<Task>();
      crm.onUpdate = () => answer.promise;
      const { model, sessions, completed, redraws } = setup([{ account: acme, provider: crm }]);
      const row = await taskRow(model, 'Send proposal');
      redraws.length = 0;
      const done = model.complete(row);
      await settle();
      assert.deepEqual(redraws, [undefined]);
      assert.deepEqual((await grouped(model)).Overdue, ['Morning standup notes'], 'gone while the CRM answers');
      assert.deepEqual(crm.taskCalls.at(-1), 'updateTask d-t1 t1 {"done":true}');
      answer.resolve({ ...row.task, done: true });
      assert.equal(await done, true);
      assert.deepEqual((await grouped(model)).Overdue, ['Morning standup notes']);
      assert.deepEqual(completed, ['acme/d-t1']);
      // The shared list the board reads has lost it too.
      assert.ok(!(sessions as AccountSessions).get('acme')!.openTasks().items.some((t) => t.task.id === 't1'));
    });

    it('puts the row back with the error and tells the user which account failed; nothing is lost', async () => {
      const crm = acmeProvider();
      const answer = deferred<Task>();
      crm.onUpdate = () => answer.promise;
      const { model, errors, completed } = setup([{ account: acme, provider: crm }]);
      const row = await taskRow(model, 'Call Dana');
      const done = model.complete(row);
      await settle();
      assert.equal((await grouped(model)).Today, undefined, 'no task left today while the CRM answers');
      answer.reject(crm.error('validation', 'PUT /task/t2', 'Task is locked by an automation'));
      assert.equal(await done, false);
      assert.deepEqual((await grouped(model)).Today, ['Call Dana']);
      const back = (await taskRow(model, 'Call Dana'));
      assert.equal(back.view().description, 'Not completed · Deal d-t2 · Acme');
      assert.deepEqual(back.view().icon, { codicon: 'error', color: 'list.errorForeground' });
      assert.match(await back.tooltip() ?? '', /Could not complete:.*Task is locked by an automation/);
      assert.equal(errors.length, 1);
      assert.match(errors[0]!, /^Could not complete "Call Dana": Close account "Acme": request rejected .*Task is locked by an automation/);
      assert.deepEqual(completed, []);
      assert.equal(crm.tasks.find((t) => t.task.id === 't2')!.task.done, false);

      // Trying again clears the error and completes it.
      crm.onUpdate = undefined;
      assert.equal(await model.complete(back), true);
      assert.ok(!Object.values(await grouped(model)).flat().includes('Call Dana'));
      assert.equal(crm.tasks.find((t) => t.task.id === 't2')!.task.done, true);
    });

    it('a CRM that answers without marking it done is a failure, not a false success', async () => {
      const crm = acmeProvider();
      crm.onUpdate = async (_d, taskId) => ({ ...crm.tasks.find((t) => t.task.id === taskId)!.task });
      const { model, errors } = setup([{ account: acme, provider: crm }]);
      assert.equal(await model.complete(await taskRow(model, 'Check renewal')), false);
      assert.match(errors[0] ?? '', /in Acme: Close answered but did not mark the task done/);
      assert.deepEqual((await grouped(model)).Later, ['Check renewal']);
    });

    it('refuses a task it cannot complete without calling the CRM, saying why', async () => {
      const crm = new TaskStubProvider(taskDescriptor(), 'Acme');
      crm.tasks = [openTask('ro', undefined, { title: 'Locked task', readOnlyReason: 'Spott documents no task update.' })];
      const { model, errors } = setup([{ account: acme, provider: crm }]);
      await assert.rejects(model.complete({ accountId: 'acme', taskId: 'ro' }), /not listed in My Tasks/, 'not loaded yet');
      await model.roots();
      assert.equal(await model.complete({ accountId: 'acme', taskId: 'ro' }), false);
      assert.deepEqual(errors, ['Could not complete "Locked task" in Acme: Spott documents no task update.']);
      assert.ok(!crm.taskCalls.some((c) => c.startsWith('updateTask')));
    });
  });

  it('follows a task changed in the deal panel: done leaves the list, a new title is shown', async () => {
    const crm = acmeProvider();
    const { model, sessions } = setup([{ account: acme, provider: crm }]);
    await model.roots();
    const list = (sessions as AccountSessions).get('acme')!.openTasks();
    list.taskChanged({ id: 't1', title: 'Send proposal', done: true });
    list.taskChanged({ id: 't3', title: 'Confirm budget with Dana', done: false, due: { kind: 'date', value: '2026-03-06' } });
    const groups = await grouped(model);
    assert.deepEqual(groups.Overdue, ['Morning standup notes']);
    assert.deepEqual(groups['This week'], ['Confirm budget with Dana']);
  });
});
