import { FilterError, type FieldInfo, parseFilter } from './filter';
import { type ListRequest, pageOf, parseListRequest } from './paging';
import { renderOpportunity, type RenderContext, renderTask, renderTaskTarget } from './render';
import { isObject } from '../kit/request-values';
import { badRequest, notFound, ok, type Reply, UUID } from './replies';
import { actor, blocknoteOf, searchVector, taskId, taskTargetId } from './seed';
import type { FakeState, Flavor, Json, OpportunityRecord, TaskRecord, TaskTargetRecord } from './types';
import { currency, customValue, enumError, foreignKey, instant, notNull, touched, unknownField, WriteError } from './writes';

export interface RouteContext extends RenderContext {
  method: string;
  /** Path segments after `/rest`: `['opportunities', '<id>']`. */
  segments: string[];
  query: Record<string, string | string[]>;
  body: unknown;
  nowMs: () => number;
}

const TASK_STATUSES = ['TODO', 'IN_PROGRESS', 'DONE'];

/** Known objects by plural name, and the singular each is named by in messages. */
const OBJECTS: Record<string, string> = {
  opportunities: 'opportunity',
  tasks: 'task',
  taskTargets: 'taskTarget',
  workspaceMembers: 'workspaceMember',
  companies: 'company',
  people: 'person',
};

/** What a filter and `order_by` may name on an object: the keys a record is served with, SELECT options checked. */
function fieldInfo(object: string, sample: Json, selects: Record<string, readonly string[]> = {}): FieldInfo {
  const fields = new Map<string, { options?: readonly string[] }>();
  for (const key of Object.keys(sample)) fields.set(key, selects[key] ? { options: selects[key] } : {});
  return { object, fields };
}

function listReply(ctx: RouteContext, plural: string, info: FieldInfo, records: readonly Json[]): Reply {
  const request = parseListRequest(ctx.query, {
    object: info.object,
    fields: new Set(info.fields.keys()),
    maxLimit: ctx.flavor.maxLimit,
    maxDepth: ctx.flavor.maxDepth,
  });
  if ('status' in request) return request;
  // The real server accepted depth 2, ran ~10 s, answered this, then ran out of memory (README).
  if (request.depth >= 2) return badRequest('Query read timeout');
  let predicate: (r: Json) => boolean;
  try {
    predicate = parseFilter(typeof ctx.query['filter'] === 'string' ? ctx.query['filter'] : undefined, info);
  } catch (error) {
    if (error instanceof FilterError) return badRequest(error.message);
    throw error;
  }
  return pageReply(plural, records.filter(predicate), request);
}

function pageReply(plural: string, records: readonly Json[], request: ListRequest): Reply {
  const page = pageOf(records, (r) => r, request);
  return ok({ data: { [plural]: page.items }, pageInfo: page.pageInfo, totalCount: page.totalCount });
}

function depthOf(ctx: RouteContext): number | Reply {
  const text = typeof ctx.query['depth'] === 'string' ? ctx.query['depth'] : '0';
  const allowed = Array.from({ length: ctx.flavor.maxDepth + 1 }, (_, i) => String(i));
  if (!allowed.includes(text)) return badRequest(`'depth=${text}' parameter invalid. Allowed values are ${allowed.join(', ')}`);
  return Number(text);
}

export function routeRecords(ctx: RouteContext): Reply | undefined {
  const [plural = '', id, extra] = ctx.segments;
  if (extra !== undefined) return undefined;
  const singular = OBJECTS[plural];
  if (!singular) {
    const suggestion = Object.keys(OBJECTS).find((p) => OBJECTS[p] === plural);
    return badRequest(suggestion ? `object '${plural}' not found. Did you mean '${suggestion}'?` : `object '${plural}' not found. eg: companies`);
  }
  if (id !== undefined && !UUID.test(id)) return badRequest(`'${id}' is not a valid UUID`);
  switch (plural) {
    case 'opportunities':
      return routeOpportunities(ctx, id);
    case 'tasks':
      return routeTasks(ctx, id);
    case 'taskTargets':
      return routeTaskTargets(ctx, id);
    default:
      return routeRelated(ctx, plural, singular, id);
  }
}

function routeRelated(ctx: RouteContext, plural: string, singular: string, id: string | undefined): Reply | undefined {
  if (ctx.method !== 'GET') return undefined;
  const records = plural === 'workspaceMembers' ? ctx.state.members : plural === 'companies' ? ctx.state.companies : ctx.state.people;
  if (id === undefined) return listReply(ctx, plural, fieldInfo(singular, records[0] ?? { id: '' }), records.map((r) => structuredClone(r)));
  const record = records.find((r) => r['id'] === id);
  return record ? ok({ data: { [singular]: structuredClone(record) } }) : notFound(ctx.flavor.notFoundStatus, singular, id, false);
}

/* Opportunities */

function opportunityInfo(ctx: RouteContext): FieldInfo {
  const sample = ctx.state.opportunities[0] ? renderOpportunity(ctx, ctx.state.opportunities[0]) : { id: '', stage: '' };
  const selects: Record<string, readonly string[]> = { stage: ctx.state.stageOptions.map((o) => o.value) };
  for (const field of ctx.state.customFields) {
    if (field.type === 'SELECT' || field.type === 'RATING') selects[field.name] = (field['options'] as { value: string }[]).map((o) => o.value);
  }
  return fieldInfo('opportunity', sample, selects);
}

function routeOpportunities(ctx: RouteContext, id: string | undefined): Reply | undefined {
  const live = ctx.state.opportunities.filter((o) => !o.deletedAt);
  if (id === undefined) {
    if (ctx.method !== 'GET') return undefined;
    const info = opportunityInfo(ctx);
    // Filter and sort a shared view; then serve fresh copies of the page's records only.
    const views = live.map((o) => renderOpportunity(ctx, o, 0, false));
    const reply = listReply(ctx, 'opportunities', info, views);
    const depth = depthOf(ctx);
    if (reply.status !== 200) return reply;
    const byId = new Map(live.map((o) => [o.id, o]));
    const body = reply.body as { data: { opportunities: Json[] } };
    // At depth 1 each record carries its relations.
    body.data.opportunities = body.data.opportunities.map((r) => renderOpportunity(ctx, byId.get(r['id'] as string)!, depth === 1 ? 1 : 0));
    return reply;
  }
  const record = live.find((o) => o.id === id);
  if (ctx.method === 'GET') {
    const depth = depthOf(ctx);
    if (typeof depth !== 'number') return depth;
    if (depth >= 2) return badRequest('Query read timeout');
    return record ? ok({ data: { opportunity: renderOpportunity(ctx, record, depth) } }) : notFound(ctx.flavor.notFoundStatus, 'opportunity', id, false);
  }
  if (ctx.method === 'PATCH' || ctx.method === 'PUT') {
    if (!record) return notFound(ctx.flavor.notFoundStatus, 'opportunity', id, true);
    return write(() => patchOpportunity(ctx, record));
  }
  if (ctx.method === 'DELETE') {
    if (!record) return notFound(ctx.flavor.notFoundStatus, 'opportunity', id, true);
    record.deletedAt = new Date(ctx.nowMs()).toISOString();
    return ok({ data: { deleteOpportunity: { id } } });
  }
  return undefined;
}

function write(apply: () => Reply): Reply {
  try {
    return apply();
  } catch (error) {
    if (error instanceof WriteError) return error.reply;
    throw error;
  }
}

function checkRelation(ctx: RouteContext, value: unknown, list: readonly Json[], object: string): string | null {
  if (value === null) return null;
  if (typeof value !== 'string' || !list.some((r) => r['id'] === value)) throw foreignKey(object);
  return value;
}

/** `PATCH /rest/opportunities/{id}`: only the keys sent change; nothing changes when any is refused. */
function patchOpportunity(ctx: RouteContext, record: OpportunityRecord): Reply {
  const body = ctx.body;
  if (!isObject(body)) return badRequest('Body must be a JSON object');
  const fields = new Map(ctx.state.customFields.filter((f) => f['isActive'] !== false).map((f) => [f.name, f]));
  const standard = ['name', 'amount', 'closeDate', 'stage', 'position', 'createdAt', 'pointOfContactId', 'companyId', ...(ctx.flavor.withOwner ? ['ownerId'] : [])];
  for (const key of Object.keys(body)) if (!standard.includes(key) && !fields.has(key)) throw unknownField(ctx.flavor, 'opportunity', key);
  const next: OpportunityRecord = structuredClone(record);
  for (const [key, value] of Object.entries(body)) {
    switch (key) {
      case 'name':
        if (value === null) throw notNull('opportunity', 'name');
        next.name = String(value);
        next.searchVector = searchVector(next.name);
        break;
      case 'stage':
        if (!ctx.state.stageOptions.some((o) => o.value === value)) throw enumError('opportunity', 'stage', value);
        next.stage = String(value);
        break;
      case 'amount':
        next.amount = currency(value, next.amount);
        break;
      case 'closeDate':
        next.closeDate = instant(value, true, 'opportunity', 'closeDate');
        break;
      case 'createdAt':
        next.createdAt = instant(value, false, 'opportunity', 'createdAt')!;
        break;
      case 'position':
        next.position = Number(value);
        break;
      case 'pointOfContactId':
        next.pointOfContactId = checkRelation(ctx, value, ctx.state.people, 'opportunity');
        break;
      case 'companyId':
        next.companyId = checkRelation(ctx, value, ctx.state.companies, 'opportunity');
        break;
      case 'ownerId':
        next.ownerId = checkRelation(ctx, value, ctx.state.members, 'opportunity');
        break;
      default:
        next.custom[key] = customValue(fields.get(key)!, value, next.custom[key]);
    }
  }
  next.updatedAt = touched(record.updatedAt, ctx.nowMs());
  next.updatedBy = actor(null, 'My api key', 'API');
  Object.assign(record, next);
  return ok({ data: { updateOpportunity: renderOpportunity(ctx, record) } });
}

/* Tasks */

const TASK_KEYS = ['title', 'bodyV2', 'dueAt', 'status', 'assigneeId', 'position'];

function applyTask(ctx: RouteContext, task: TaskRecord, body: Json): void {
  const allowed = [...TASK_KEYS, ...(ctx.flavor.taskPlainBody ? ['body'] : [])];
  for (const key of Object.keys(body)) if (!allowed.includes(key)) throw unknownField(ctx.flavor, 'task', key);
  for (const [key, value] of Object.entries(body)) {
    switch (key) {
      case 'title':
        task.title = value === null ? null : String(value);
        task.searchVector = searchVector(task.title ?? '');
        break;
      case 'body':
        task.body = value === null ? null : String(value);
        break;
      case 'bodyV2': {
        if (!isObject(value)) throw new WriteError(badRequest('Cannot convert undefined or null to object', 'TypeError'));
        const markdown = typeof value['markdown'] === 'string' ? value['markdown'] : null;
        task.bodyV2 = { blocknote: blocknoteOf(markdown), markdown };
        break;
      }
      case 'dueAt':
        task.dueAt = instant(value, true, 'task', 'dueAt');
        break;
      case 'status':
        if (value !== null && !TASK_STATUSES.includes(String(value))) throw enumError('task', 'status', value);
        task.status = value === null ? null : String(value);
        break;
      case 'assigneeId':
        task.assigneeId = checkRelation(ctx, value, ctx.state.members, 'task');
        break;
      case 'position':
        task.position = Number(value);
        break;
    }
  }
}

function routeTasks(ctx: RouteContext, id: string | undefined): Reply | undefined {
  const live = ctx.state.tasks.filter((t) => !t.deletedAt);
  if (id === undefined) {
    if (ctx.method === 'GET') {
      const sample = live[0] ? renderTask(ctx, live[0]) : { id: '' };
      const reply = listReply(ctx, 'tasks', fieldInfo('task', sample, { status: TASK_STATUSES }), live.map((t) => renderTask(ctx, t)));
      if (reply.status !== 200 || depthOf(ctx) !== 1) return reply;
      // At depth 1 each task carries its relations (its taskTargets, its assignee).
      const byId = new Map(live.map((t) => [t.id, t]));
      const body = reply.body as { data: { tasks: Json[] } };
      body.data.tasks = body.data.tasks.map((r) => renderTask(ctx, byId.get(r['id'] as string)!, 1));
      return reply;
    }
    if (ctx.method !== 'POST') return undefined;
    if (!isObject(ctx.body)) return badRequest('Body must be a JSON object');
    const body = ctx.body;
    return write(() => {
      const n = ctx.state.counters.task + 1;
      const at = new Date(ctx.nowMs()).toISOString();
      const task: TaskRecord = {
        id: taskId(n), position: 0, title: null, body: null, bodyV2: { blocknote: null, markdown: null }, dueAt: null, status: 'TODO',
        assigneeId: null, createdBy: actor(null, 'My api key', 'API'), updatedBy: actor(null, 'My api key', 'API'), searchVector: '',
        createdAt: at, updatedAt: at, deletedAt: null,
      };
      applyTask(ctx, task, body);
      ctx.state.counters.task = n;
      ctx.state.tasks.push(task);
      return ok({ data: { createTask: renderTask(ctx, task) } }, 201);
    });
  }
  const task = live.find((t) => t.id === id);
  if (!task) return notFound(ctx.flavor.notFoundStatus, 'task', id, ctx.method !== 'GET');
  switch (ctx.method) {
    case 'GET':
      return ok({ data: { task: renderTask(ctx, task) } });
    case 'PATCH':
    case 'PUT':
      if (!isObject(ctx.body)) return badRequest('Body must be a JSON object');
      return write(() => {
        const next = structuredClone(task);
        applyTask(ctx, next, ctx.body as Json);
        next.updatedAt = touched(task.updatedAt, ctx.nowMs());
        Object.assign(task, next);
        return ok({ data: { updateTask: renderTask(ctx, task) } });
      });
    case 'DELETE':
      // Twenty deletes softly: the record goes to the trash, its taskTargets then embed `task: null`.
      task.deletedAt = new Date(ctx.nowMs()).toISOString();
      return ok({ data: { deleteTask: renderTask(ctx, task) } });
    default:
      return undefined;
  }
}

/* Task targets */

function linkKeys(flavor: Flavor): { opportunity: string; person: string; company: string } {
  return flavor.taskTargetLink === 'targetOpportunityId'
    ? { opportunity: 'targetOpportunityId', person: 'targetPersonId', company: 'targetCompanyId' }
    : { opportunity: 'opportunityId', person: 'personId', company: 'companyId' };
}

function routeTaskTargets(ctx: RouteContext, id: string | undefined): Reply | undefined {
  const live = ctx.state.taskTargets.filter((t) => !t.deletedAt);
  if (id === undefined) {
    if (ctx.method === 'GET') {
      const sample = renderTaskTarget(ctx, live[0] ?? ({ id: '' } as TaskTargetRecord));
      const reply = listReply(ctx, 'taskTargets', fieldInfo('taskTarget', sample), live.map((t) => renderTaskTarget(ctx, t)));
      const depth = depthOf(ctx);
      if (reply.status !== 200 || depth !== 1) return reply;
      const body = reply.body as { data: { taskTargets: Json[] } };
      body.data.taskTargets = body.data.taskTargets.map((r) => renderTaskTarget(ctx, live.find((t) => t.id === r['id'])!, 1));
      return reply;
    }
    if (ctx.method !== 'POST') return undefined;
    if (!isObject(ctx.body)) return badRequest('Body must be a JSON object');
    const body = ctx.body;
    return write(() => {
      const keys = linkKeys(ctx.flavor);
      for (const key of Object.keys(body)) {
        if (key !== 'taskId' && !Object.values(keys).includes(key)) throw unknownField(ctx.flavor, 'taskTarget', key);
      }
      const liveTasks = ctx.state.tasks.filter((t) => !t.deletedAt) as unknown as Json[];
      const task = checkRelation(ctx, body['taskId'] ?? null, liveTasks, 'taskTarget');
      const opportunity = checkRelation(ctx, body[keys.opportunity] ?? null, ctx.state.opportunities as unknown as Json[], 'taskTarget');
      const n = ctx.state.counters.taskTarget + 1;
      const at = new Date(ctx.nowMs()).toISOString();
      const target: TaskTargetRecord = {
        id: taskTargetId(n), taskId: task, opportunityId: opportunity, personId: (body[keys.person] as string | undefined) ?? null,
        companyId: (body[keys.company] as string | undefined) ?? null, createdAt: at, updatedAt: at, deletedAt: null,
      };
      ctx.state.counters.taskTarget = n;
      ctx.state.taskTargets.push(target);
      return ok({ data: { createTaskTarget: renderTaskTarget(ctx, target) } }, 201);
    });
  }
  const target = live.find((t) => t.id === id);
  if (!target) return notFound(ctx.flavor.notFoundStatus, 'taskTarget', id, ctx.method !== 'GET');
  if (ctx.method === 'GET') return ok({ data: { taskTarget: renderTaskTarget(ctx, target, Number(depthOf(ctx)) || 0) } });
  if (ctx.method === 'DELETE') {
    target.deletedAt = new Date(ctx.nowMs()).toISOString();
    return ok({ data: { deleteTaskTarget: { id } } });
  }
  return undefined;
}

