import { acDateTime, storedDue } from './dates';
import type { RouteContext } from './routes-deals';
import { renderTask } from './render';
import { first, isObject } from '../kit/request-values';
import { notFoundErrors, ok, pageOf, type Problem, type Reply, unprocessable } from './replies';
import type { AcTaskRecord } from './types';

const TASK_KEYS = ['title', 'note', 'status', 'relid', 'dealTasktype', 'assignee'];

/** dealTasks answer 201 even to GET and PUT, as AC's docs say. */
const CREATED = 201;

export function routeTaskTypes(ctx: RouteContext): Reply | undefined {
  if (ctx.method !== 'GET' || ctx.segments.length > 1) return undefined;
  return ok({ dealTasktypes: pageOf(ctx.state.dealTasktypes, ctx.query).map((t) => ({ ...t, links: [] })), meta: { total: String(ctx.state.dealTasktypes.length) } });
}

export function routeTasks(ctx: RouteContext): Reply | undefined {
  const [, id] = ctx.segments;
  const tasks = ctx.state.dealTasks;
  if (id === undefined) {
    if (ctx.method === 'GET') {
      const relid = first(ctx.query['filters[relid]']);
      const reltype = first(ctx.query['filters[reltype]']);
      const status = first(ctx.query['filters[status]']);
      const assignee = first(ctx.query['filters[assignee_userid]']);
      const matching = tasks.filter(
        (t) => (relid === undefined || t.relid === relid) && (reltype === undefined || t.reltype === reltype)
          && (status === undefined || String(t.status) === status) && (assignee === undefined || t.assignee === assignee),
      );
      return ok({ dealTasks: pageOf(matching, ctx.query).map((t) => renderTask(t, 'list')), meta: { total: String(matching.length) } }, CREATED);
    }
    if (ctx.method === 'POST') return createTask(ctx);
    return undefined;
  }
  const task = tasks.find((t) => t.id === id);
  if (!task) return ['GET', 'PUT', 'DELETE'].includes(ctx.method) ? notFoundErrors() : undefined;
  if (ctx.method === 'GET') return ok({ dealTask: renderTask(task, 'single') }, CREATED);
  if (ctx.method === 'DELETE') {
    tasks.splice(tasks.indexOf(task), 1);
    return ok({});
  }
  if (ctx.method === 'PUT') return updateTask(ctx, task);
  return undefined;
}

function applyTask(ctx: RouteContext, task: AcTaskRecord, input: Record<string, unknown>, problems: Problem[]): void {
  if ('title' in input) task.title = input['title'] == null ? null : String(input['title']);
  if ('note' in input) task.note = input['note'] == null ? null : String(input['note']);
  if ('duedate' in input) {
    const due = typeof input['duedate'] === 'string' ? storedDue(input['duedate']) : undefined;
    if (due) task.duedate = task.edate = due;
    else problems.push({ field: 'duedate', title: 'The due date is not a valid date.' });
  }
  if ('status' in input) {
    const status = Number(input['status']);
    if (status === 0 || status === 1) {
      if (status !== task.status) task.donedate = status === 1 ? acDateTime(ctx.nowMs()) : null;
      task.status = status;
    } else problems.push({ field: 'status', title: 'Task status must be 0 or 1.' });
  }
  if ('dealTasktype' in input) {
    const type = String(input['dealTasktype']);
    if (ctx.state.dealTasktypes.some((t) => t.id === type)) task.dealTasktype = type;
    else problems.push({ field: 'dealTasktype', title: 'Task type not found.' });
  }
  if ('assignee' in input) {
    const assignee = String(input['assignee']);
    if (ctx.state.users.some((u) => u.id === assignee)) task.assignee = assignee;
    else problems.push({ field: 'assignee', title: 'Assignee not found.' });
  }
}

const echoOf = (input: Record<string, unknown>) => Object.fromEntries(Object.entries(input).filter(([k]) => TASK_KEYS.includes(k)));

function createTask(ctx: RouteContext): Reply {
  const input = isObject(ctx.body) && isObject(ctx.body['dealTask']) ? ctx.body['dealTask'] : {};
  const problems: Problem[] = ['relid', 'duedate', 'dealTasktype']
    .filter((k) => input[k] === undefined || input[k] === null || input[k] === '')
    .map((k) => ({ field: k, title: `The ${k} field is required.`, code: 'field_missing' }));
  const ownerType = String(input['ownerType'] ?? 'deal');
  const deal = ctx.state.deals.find((d) => d.id === String(input['relid']));
  if (!problems.length && ownerType === 'deal' && !deal) problems.push({ field: 'relid', title: 'The deal does not exist.' });
  const now = acDateTime(ctx.nowMs());
  const task: AcTaskRecord = {
    id: String(ctx.state.nextIds.task),
    duedate: '',
    edate: '',
    status: 0,
    title: null,
    note: null,
    relid: String(input['relid']),
    reltype: ownerType === 'contact' ? 'Subscriber' : 'Deal',
    dealTasktype: '',
    cdate: now,
    udate: now,
    automation: null,
    doneAutomation: null,
    user: ctx.state.users[0]!.id,
    assignee: deal?.owner ?? ctx.state.users[0]!.id,
    outcomeId: null,
    outcomeInfo: null,
    donedate: null,
  };
  if (!problems.length) applyTask(ctx, task, input, problems);
  if (problems.length) return unprocessable(problems);
  ctx.state.nextIds.task++;
  ctx.state.dealTasks.push(task);
  return ok({ dealTask: { ...renderTask(task, 'single'), ...echoOf(input) } }, CREATED);
}

/** A body without the `dealTask` wrapper is ignored: the task comes back unchanged. */
function updateTask(ctx: RouteContext, task: AcTaskRecord): Reply {
  const input = isObject(ctx.body) ? ctx.body['dealTask'] : undefined;
  if (!isObject(input)) return ok({ dealTask: renderTask(task, 'single') }, CREATED);
  const next: AcTaskRecord = { ...task };
  const problems: Problem[] = [];
  applyTask(ctx, next, input, problems);
  if (problems.length) return unprocessable(problems);
  next.udate = acDateTime(ctx.nowMs());
  Object.assign(task, next);
  return ok({ dealTask: { ...renderTask(task, 'single'), ...echoOf(input) } }, CREATED);
}
