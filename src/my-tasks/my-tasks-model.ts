import type { AccountSession } from '../accounts/account-session';
import { MessageNode } from '../tree/nodes/message-node';
import type { TreeEvents, TreeNode } from '../tree/nodes/tree-node';
import { completionFailure, completeTask } from './complete-task';
import { DUE_GROUPS, dueGroupOf, dueSortKey, msUntilRegroup, weekStartFor, type Calendar, type DueGroupId } from './due-groups';
import { GroupNode } from './nodes/group-node';
import { TaskNode, taskNodeId, type TaskRowContext } from './nodes/task-node';
import { emptyRow, loadingRow, loadMoreRow, taskErrorRow, unavailableRow, waitingRow } from './status-rows';

/** The sessions the view lists; AccountSessions satisfies it. */
export interface SessionSource {
  all(): AccountSession[];
  get(accountId: string): AccountSession | undefined;
}

/** What the model needs from the host; the VS Code adapter provides it, tests fake it. */
export interface MyTasksPorts {
  events: TreeEvents;
  /** BCP 47 locale for dates and counts, and the first day of the week. */
  locale?: string;
  /** IANA zone the groups are computed in; undefined means this machine's. */
  timeZone?: string;
  now?: () => number;
  /** How long the first draw waits for slow accounts before showing the others (ms). */
  patienceMs?: number;
  /** An error notification, for a completion the CRM refused. */
  notifyError(message: string): void;
  /** A task of this deal was completed here: views showing the deal reload it. */
  taskCompleted(accountId: string, dealId: string): void;
}

/** A task to complete: a row of the view, or its ids from a script. */
export type TaskTarget = TaskNode | { accountId: string; taskId: string };

/**
 * The "My Tasks" view without VS Code: open tasks of every account merged into Overdue, Today,
 * This week, Later and No date. Nothing is fetched until the view first asks for its rows; then
 * each account's first page loads, within that account's own limits, and later pages only on
 * "Load more". A failing account is one row; the others keep working.
 */
export class MyTasksModel {
  private readonly failures = new Map<string, string>();
  private readonly completing = new Set<string>();
  private readonly watched = new Map<AccountSession, { dispose(): void }[]>();
  private taskNodes = new Map<string, TaskNode>();
  private waitRows: { node: MessageNode; session: AccountSession }[] = [];
  private version = 0;
  private drawnVersion = -1;
  private redrawPending = false;
  private regroupTimer: ReturnType<typeof setTimeout> | undefined;
  private waitTicker: ReturnType<typeof setInterval> | undefined;
  private readonly weekStart: number;

  constructor(private readonly sessions: SessionSource, private readonly ports: MyTasksPorts) {
    this.weekStart = weekStartFor(ports.locale);
  }

  /** The rows at the top of the view; the first call is what starts loading. */
  async roots(): Promise<TreeNode[]> {
    const sessions = this.sessions.all();
    this.watch(sessions);
    const listable = sessions.filter(canListTasks);
    // A second round only for lists reset while loading (a rejected key resets the account): it
    // then fails at once with "Set API key" instead of calling the CRM.
    for (let round = 0; round < 2; round++) {
      const loads = listable
        .map((s) => s.openTasks())
        .filter((list) => !list.hasFirstPage && !list.error)
        .map((list) => list.ensureFirstPage());
      if (loads.length === 0) break;
      if (await this.firstPagesOrPatience(listable, loads) === 'impatient') break;
    }
    return this.build(sessions);
  }

  /** A row drawn by the last build, by id (`#task/<account>/<task>`). */
  task(accountId: string, taskId: string): TaskNode | undefined {
    return this.taskNodes.get(taskNodeId(accountId, taskId));
  }

  /**
   * Completes a task optimistically: its row leaves at once; the CRM is told; if it refuses, the
   * row comes back with the reason and the user is told which account failed.
   */
  async complete(target: TaskTarget): Promise<boolean> {
    const node = target instanceof TaskNode ? target : this.task(target.accountId, target.taskId) ?? this.loadedTask(target);
    if (!node) throw new Error('That task is not listed in My Tasks; refresh the view and try again.');
    if (this.completing.has(node.id)) return false;
    this.completing.add(node.id);
    this.failures.delete(node.id);
    try {
      const done = await completeTask(node);
      if (node.item.deal?.id) this.ports.taskCompleted(node.accountId, node.item.deal.id);
      return done;
    } catch (error) {
      const message = completionFailure(node, error);
      this.failures.set(node.id, message);
      this.changed();
      this.ports.notifyError(message);
      return false;
    } finally {
      this.completing.delete(node.id);
    }
  }

  /** A loaded task the view has not drawn (a script completing it before the view was shown). */
  private loadedTask({ accountId, taskId }: { accountId: string; taskId: string }): TaskNode | undefined {
    const session = this.sessions.get(accountId);
    const item = session && canListTasks(session) ? session.openTasks().items.find((t) => t.task.id === taskId) : undefined;
    if (!session || !item) return undefined;
    const calendar = this.calendar();
    return new TaskNode(undefined, session, item, dueGroupOf(item.task.due, calendar), { calendar, locale: this.ports.locale });
  }

  /** Loads an account's next page, or tries its failed page again. */
  async loadMore(accountId: string): Promise<void> {
    const session = this.sessions.get(accountId);
    if (!session || !canListTasks(session)) return;
    const load = session.openTasks().loadMore();
    this.changed();
    await load;
  }

  /** Forgets every loaded task and asks each account again (only while the view is shown). */
  refresh(): void {
    this.failures.clear();
    for (const session of this.sessions.all()) if (canListTasks(session)) session.openTasks().reset();
    this.changed();
  }

  /** The accounts setting changed: the sessions may be new. */
  accountsChanged(): void {
    this.changed();
  }

  dispose(): void {
    for (const subscriptions of this.watched.values()) for (const s of subscriptions) s.dispose();
    this.watched.clear();
    clearTimeout(this.regroupTimer);
    clearInterval(this.waitTicker);
  }

  private calendar(): Calendar {
    return { now: (this.ports.now ?? Date.now)(), timeZone: this.ports.timeZone, weekStart: this.weekStart };
  }

  private build(sessions: AccountSession[]): TreeNode[] {
    const calendar = this.calendar();
    const context: TaskRowContext = { calendar, locale: this.ports.locale };
    const groups = new Map(DUE_GROUPS.map((g) => [g.id, new GroupNode(g.id, g.label, this.ports.locale)]));
    const tasks = new Map<DueGroupId, TaskNode[]>(DUE_GROUPS.map((g) => [g.id, []]));
    // Problems first, where they are seen without scrolling past the tasks; "Load more" last.
    const problems: MessageNode[] = [];
    const more: MessageNode[] = [];
    const unavailable: AccountSession[] = [];
    const waitRows: typeof this.waitRows = [];
    let partial = false;
    this.taskNodes = new Map();

    for (const session of sessions) {
      if (!canListTasks(session)) {
        unavailable.push(session);
        continue;
      }
      const list = session.openTasks();
      for (const item of list.items) {
        const group = dueGroupOf(item.task.due, calendar);
        const id = taskNodeId(session.account.id, item.task.id);
        const node = new TaskNode(groups.get(group)!, session, item, group, context, this.failures.get(id));
        tasks.get(group)!.push(node);
        this.taskNodes.set(id, node);
      }
      const rowId = (suffix: string) => `#account/${session.account.id}/${suffix}`;
      if (list.error) problems.push(new MessageNode(rowId('#error'), undefined, taskErrorRow(session, list.error)));
      else if (list.isLoading && session.waitingUntil) {
        const node = new MessageNode(rowId('#waiting'), undefined, waitingRow(session, Date.now()));
        waitRows.push({ node, session });
        problems.push(node);
      } else if (list.isLoading || !list.hasFirstPage) problems.push(new MessageNode(rowId('#loading'), undefined, loadingRow(session)));
      if (list.hasMore && !list.error && !list.isLoading) more.push(new MessageNode(rowId('#more'), undefined, loadMoreRow(session, list, this.ports.locale)));
      if (list.hasMore) partial = true;
    }

    const roots: TreeNode[] = [...problems];
    for (const [id, group] of groups) {
      const members = tasks.get(id)!.sort((a, b) => compareTasks(a, b, calendar.timeZone, this.ports.locale));
      if (members.length === 0) continue;
      group.setTasks(members, partial);
      roots.push(group);
    }
    const listable = sessions.length - unavailable.length;
    if (roots.length === 0 && more.length === 0 && listable > 0) roots.push(new MessageNode('#empty', undefined, emptyRow()));
    roots.push(...more);
    if (unavailable.length > 0) roots.push(new MessageNode('#unavailable', undefined, unavailableRow(unavailable)));

    this.drawnVersion = this.version;
    this.scheduleRegroup([...this.taskNodes.values()].map((n) => n.task.due), calendar);
    this.tickWaits(waitRows);
    return roots;
  }

  /**
   * Waits for every first page, but not for long: once one account waits on a rate limit or the
   * patience runs out, the others are drawn and the slow one shows a status row until it arrives.
   */
  private async firstPagesOrPatience(sessions: AccountSession[], loads: Promise<void>[]): Promise<'settled' | 'impatient'> {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const subscriptions: { dispose(): void }[] = [];
    const patience = new Promise<'impatient'>((resolve) => {
      timer = setTimeout(() => resolve('impatient'), this.ports.patienceMs ?? 2000);
      for (const session of sessions) {
        if (session.waitingUntil) resolve('impatient');
        subscriptions.push(session.onDidChange((e) => e.kind === 'waiting' && resolve('impatient')));
      }
    });
    const outcome = await Promise.race([Promise.allSettled(loads).then(() => 'settled' as const), patience]);
    clearTimeout(timer);
    for (const s of subscriptions) s.dispose();
    return outcome;
  }

  /** Redraws when an account's tasks or key changed, once per burst of changes. */
  private watch(sessions: AccountSession[]): void {
    const current = new Set(sessions);
    for (const [session, subscriptions] of this.watched) {
      if (current.has(session)) continue;
      for (const s of subscriptions) s.dispose();
      this.watched.delete(session);
    }
    for (const session of sessions) {
      if (this.watched.has(session)) continue;
      const subscriptions = [session.onDidChange((e) => e.kind === 'account' && this.changed())];
      if (canListTasks(session)) subscriptions.push(session.openTasks().onDidChange(() => this.changed()));
      this.watched.set(session, subscriptions);
    }
  }

  private changed(): void {
    this.version += 1;
    if (this.redrawPending) return;
    this.redrawPending = true;
    // After the current turn: a build already waiting on these loads draws them itself.
    setTimeout(() => {
      this.redrawPending = false;
      if (this.version !== this.drawnVersion) this.ports.events.changed(undefined);
    }, 0);
  }

  /** Tasks move from Today to Overdue, and days into Today, by the clock alone. */
  private scheduleRegroup(dues: Parameters<typeof msUntilRegroup>[0], calendar: Calendar): void {
    clearTimeout(this.regroupTimer);
    const wait = Math.min(msUntilRegroup(dues, calendar), 6 * 3_600_000);
    this.regroupTimer = setTimeout(() => this.ports.events.changed(undefined), wait);
    this.regroupTimer.unref?.();
  }

  private tickWaits(rows: typeof this.waitRows): void {
    this.waitRows = rows;
    if (rows.length === 0) {
      clearInterval(this.waitTicker);
      this.waitTicker = undefined;
      return;
    }
    this.waitTicker ??= setInterval(() => {
      // The session keeps its wait on the real clock.
      for (const { node, session } of this.waitRows) {
        node.update(waitingRow(session, Date.now()));
        this.ports.events.changed(node);
      }
    }, 1000);
    this.waitTicker.unref?.();
  }
}

export function canListTasks(session: AccountSession): boolean {
  return Boolean(session.descriptor?.capabilities.openTasks);
}

function compareTasks(a: TaskNode, b: TaskNode, timeZone: string | undefined, locale?: string): number {
  return dueSortKey(a.task.due, timeZone) - dueSortKey(b.task.due, timeZone)
    || a.task.title.localeCompare(b.task.title, locale)
    || a.session.account.label.localeCompare(b.session.account.label, locale)
    || (a.task.id < b.task.id ? -1 : a.task.id > b.task.id ? 1 : 0);
}
