import { page, touched } from './paging';
import { renderOpportunity, renderTask } from './render';
import { isObject } from '../kit/request-values';
import { badRequest, isDateTime, notFound, ok, type Reply } from './replies';
import type { FakeConfig, FakeState, SpottTaskRecord, TaskLinkKind } from './types';

export interface RouteContext {
  state: FakeState;
  config: FakeConfig;
  method: string;
  /** Path segments: `['opportunities', 'opp_1']`. */
  segments: string[];
  query: Record<string, string | string[]>;
  body: unknown;
  nowMs: () => number;
  requestId: string;
}

/** `companyIds` as repeated parameters or one comma-separated value. */
function listParam(value: string | string[] | undefined): string[] | undefined {
  if (value === undefined) return undefined;
  return (Array.isArray(value) ? value : [value]).flatMap((v) => v.split(',')).map((v) => v.trim()).filter(Boolean);
}

export function routeOpportunities(ctx: RouteContext): Reply | undefined {
  const [, id, extra] = ctx.segments;
  if (extra !== undefined) return undefined;
  const { state, config } = ctx;
  if (id === undefined) {
    if (ctx.method !== 'GET') return undefined;
    const companies = listParam(ctx.query['companyIds']);
    const records = state.opportunities.filter((o) => !companies || (o.companyId !== null && companies.includes(o.companyId)));
    const result = page(records, ctx.query, config, (o) => renderOpportunity(state, config, o, 'list'));
    return result.ok ? ok(result.body) : badRequest(ctx.requestId, [result.problem]);
  }
  const record = state.opportunities.find((o) => o.id === id);
  if (ctx.method === 'GET') return record ? ok(renderOpportunity(state, config, record, 'detail')) : notFound(ctx.requestId, 'Opportunity not found');
  if (ctx.method === 'PATCH') return record ? updateOpportunity(ctx, record.id) : notFound(ctx.requestId, 'Opportunity not found');
  return undefined;
}

const PATCH_KEYS = ['companyId', 'name', 'description', 'stageId', 'ownerId', 'closeDate', 'clientTeam'];

const nonEmptyString = (value: unknown): value is string => typeof value === 'string' && value.length >= 1;

/**
 * `PATCH /opportunities/{id}` with the documented body (notes §2.4): every key optional,
 * validated, unknown keys refused; the opportunity becomes the latest modified. What it answers
 * is a knob, since the docs do not settle it.
 */
function updateOpportunity(ctx: RouteContext, id: string): Reply {
  const { state } = ctx;
  const record = state.opportunities.find((o) => o.id === id)!;
  if (!isObject(ctx.body)) return badRequest(ctx.requestId, ['Expected object, received ' + (ctx.body === undefined ? 'undefined' : typeof ctx.body)]);
  const input = ctx.body;
  const problems: string[] = [];
  const unknown = Object.keys(input).filter((k) => !PATCH_KEYS.includes(k));
  if (unknown.length) problems.push(`Unrecognized key(s) in object: ${unknown.map((k) => `'${k}'`).join(', ')}`);
  const next = { ...record, clientTeamIds: [...record.clientTeamIds] };
  if ('name' in input) {
    if (nonEmptyString(input['name'])) next.name = input['name'];
    else problems.push('name: String must contain at least 1 character(s)');
  }
  if ('description' in input) {
    if (input['description'] === null || typeof input['description'] === 'string') next.description = input['description'];
    else problems.push('description: Expected string, received ' + typeof input['description']);
  }
  if ('stageId' in input) {
    const stage = nonEmptyString(input['stageId']) ? state.stages.find((s) => s.id === input['stageId']) : undefined;
    if (stage) next.stageId = stage.id;
    else problems.push('stageId: Invalid stage for this pipeline');
  }
  if ('ownerId' in input) {
    const ownerId = input['ownerId'];
    if (ownerId === null) next.ownerId = null;
    else if (nonEmptyString(ownerId) && state.users.some((u) => u.id === ownerId && !u.deactivatedAt)) next.ownerId = ownerId;
    else problems.push('ownerId: User not found or deactivated');
  }
  if ('companyId' in input) {
    const companyId = input['companyId'];
    if (nonEmptyString(companyId) && state.companies.some((c) => c.id === companyId)) next.companyId = companyId;
    else problems.push('companyId: Company not found');
  }
  if ('closeDate' in input) {
    const closeDate = input['closeDate'];
    if (closeDate === null) next.closeDate = null;
    else if (isObject(closeDate) && isDateTime(closeDate['target']) && Object.keys(closeDate).length === 1) {
      next.closeDate = new Date(Date.parse(closeDate['target'])).toISOString();
    } else problems.push('closeDate.target: Invalid datetime');
  }
  if ('clientTeam' in input) {
    const team = input['clientTeam'];
    if (Array.isArray(team) && team.every((m) => isObject(m) && nonEmptyString(m['id']) && state.clientContacts.some((c) => c.id === m['id']))) {
      next.clientTeamIds = team.map((m) => String((m as Record<string, unknown>)['id']));
    } else problems.push('clientTeam: Unknown client contact');
  }
  if (problems.length) return badRequest(ctx.requestId, problems);
  next.modifiedAt = touched(record.modifiedAt, ctx.nowMs());
  Object.assign(record, next);
  switch (ctx.config.patchResponse) {
    case 'opportunity':
      return ok(renderOpportunity(state, ctx.config, record, 'detail'));
    case 'empty':
      return { status: 204 };
    default:
      return ok({ status: 200, message: 'Opportunity updated successfully', requestId: ctx.requestId });
  }
}

/** Entity types a task link may name; `opportunity` per the third-party client (notes §2.6). */
const ENTITY_LINKS: Record<string, TaskLinkKind> = {
  candidate: 'candidates',
  vacancy: 'vacancies',
  client: 'clients',
  user: 'users',
  team: 'teams',
  clientContact: 'clientContacts',
  opportunity: 'opportunities',
};

const CREATE_KEYS = ['content', 'dueDate', 'assignedToUserId', 'links'];

export function routeTasks(ctx: RouteContext): Reply | undefined {
  const [, sub, extra] = ctx.segments;
  if (extra !== undefined) return undefined;
  if (sub === undefined && ctx.method === 'GET') {
    const result = page(ctx.state.tasks, ctx.query, ctx.config, (t) => renderTask(ctx.state, t, 'list'));
    return result.ok ? ok(result.body) : badRequest(ctx.requestId, [result.problem]);
  }
  if (sub === '_raw' && ctx.method === 'POST') return createTask(ctx);
  return undefined;
}

/** `POST /tasks/_raw`: content, optional due date-time and assignee, links to entities; answers the task. */
function createTask(ctx: RouteContext): Reply {
  const { state } = ctx;
  if (!isObject(ctx.body)) return badRequest(ctx.requestId, ['Expected object']);
  const input = ctx.body;
  const problems: string[] = [];
  const unknown = Object.keys(input).filter((k) => !CREATE_KEYS.includes(k));
  if (unknown.length) problems.push(`Unrecognized key(s) in object: ${unknown.map((k) => `'${k}'`).join(', ')}`);
  if (!nonEmptyString(input['content']) || !input['content'].trim()) problems.push('content: String must contain at least 1 character(s)');
  const dueDate = input['dueDate'];
  if (dueDate !== undefined && dueDate !== null && !isDateTime(dueDate)) problems.push('dueDate: Invalid datetime');
  const assignee = input['assignedToUserId'];
  if (assignee !== undefined && assignee !== null && !state.users.some((u) => u.id === assignee && !u.deactivatedAt)) {
    problems.push('assignedToUserId: User not found');
  }
  const links: SpottTaskRecord['links'] = { candidates: [], vacancies: [], clients: [], users: [], teams: [], clientContacts: [], opportunities: [] };
  const given = input['links'] ?? [];
  if (!Array.isArray(given)) problems.push('links: Expected array');
  else {
    given.forEach((link, i) => {
      const kind = isObject(link) ? ENTITY_LINKS[String(link['entityType'])] : undefined;
      if (!isObject(link) || !kind) return void problems.push(`links.${i}.entityType: Invalid enum value`);
      if (!nonEmptyString(link['entityId'])) return void problems.push(`links.${i}.entityId: Required`);
      if (link['taskLinkId'] !== null && link['taskLinkId'] !== undefined && typeof link['taskLinkId'] !== 'string') {
        return void problems.push(`links.${i}.taskLinkId: Expected string or null`);
      }
      if (kind === 'opportunities' && !state.opportunities.some((o) => o.id === link['entityId'])) {
        return void problems.push(`links.${i}.entityId: Opportunity not found`);
      }
      links[kind].push({ id: link['entityId'] });
    });
  }
  if (problems.length) return badRequest(ctx.requestId, problems);
  const now = new Date(ctx.nowMs()).toISOString();
  const task: SpottTaskRecord = {
    id: `tsk_${state.nextIds.task++}`,
    content: String(input['content']),
    dueDate: typeof dueDate === 'string' ? new Date(Date.parse(dueDate)).toISOString() : null,
    isCompleted: false,
    completedAt: null,
    createdAt: now,
    modifiedAt: now,
    createdById: state.users[0]!.id,
    assignedToId: typeof assignee === 'string' ? assignee : null,
    metadata: { outreachSequenceId: null, outreachSequenceName: null, outreachSequenceRunId: null, type: 'GENERIC_TASK' },
    labels: [],
    links,
    source: 'MANUAL',
  };
  state.tasks.push(task);
  return ok(renderTask(state, task, 'created'), 201);
}
