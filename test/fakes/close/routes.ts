import { closeErrorBody } from './faults';
import { newId, viewOf } from './seed';
import {
  type CloseFakeState, type Json, nextTimestamp, refreshDueTask, refreshOpportunity, userName,
} from './state';
import { isDate, isDateTime, patchOpportunity } from './validate';

export interface RouteRequest {
  method: string;
  /** Relative to `/api/v1`, always ending with `/`. */
  path: string;
  query: URLSearchParams;
  body: unknown;
  /** `X-TZ-Offset` in hours, for "today". */
  tzOffsetHours: number;
}

export interface Answer {
  status: number;
  body: unknown;
}

/** Largest `_limit` per list (over it: 400). The sizes real clients are known to use; see the README. */
export const MAX_LIMIT: Record<string, number> = {
  '/opportunity/': 250,
  '/task/': 1000,
  '/custom_field/opportunity/': 1000,
  '/user/': 100,
};

const ok = (body: unknown): Answer => ({ status: 200, body });
const error = (status: number, body: unknown = closeErrorBody(status)): Answer => ({ status, body });
const fieldErrors = (map: Record<string, string>, errors: string[] = []): Answer => ({ status: 400, body: { errors, 'field-errors': map } });

function page(req: RouteRequest, items: unknown[]): { slice: unknown[]; has_more: boolean } | Answer {
  const max = MAX_LIMIT[req.path] ?? 100;
  const limitText = req.query.get('_limit');
  const skipText = req.query.get('_skip');
  const limit = limitText === null ? 100 : Number(limitText);
  const skip = skipText === null ? 0 : Number(skipText);
  if (!Number.isInteger(limit) || limit < 0) return fieldErrors({ _limit: 'Must be a non-negative integer.' });
  if (limit > max) return fieldErrors({ _limit: `Must be at most ${max}.` });
  if (!Number.isInteger(skip) || skip < 0) return fieldErrors({ _skip: 'Must be a non-negative integer.' });
  return { slice: items.slice(skip, skip + limit), has_more: skip + limit < items.length };
}

const isAnswer = (value: unknown): value is Answer => typeof value === 'object' && value !== null && 'status' in value;

/** Values of `name` and `name__in` (comma separated). */
function oneOf(query: URLSearchParams, name: string): string[] | undefined {
  const values = [...query.getAll(name), ...query.getAll(`${name}__in`).flatMap((v) => v.split(','))].filter(Boolean);
  return values.length ? values : undefined;
}

function orderBy(items: Json[], spec: string | null): Json[] {
  if (!spec) return items;
  const desc = spec.startsWith('-');
  const key = desc ? spec.slice(1) : spec;
  const sorted = [...items].sort((a, b) => {
    const x = a[key] as string | number | null;
    const y = b[key] as string | number | null;
    if (x === y) return 0;
    if (x === null || x === undefined) return 1;
    if (y === null || y === undefined) return -1;
    return x < y ? -1 : 1;
  });
  return desc ? sorted.reverse() : sorted;
}

function today(req: RouteRequest): string {
  return new Date(Date.now() + req.tzOffsetHours * 3_600_000).toISOString().slice(0, 10);
}

function sum(items: Json[], pick: (o: Json) => number): number {
  return items.reduce((total, o) => total + pick(o), 0);
}

/** The documented aggregates over every match, regardless of paging (raw cents, any currency). */
function aggregates(matches: Json[]): Json {
  const value = (o: Json): number => (typeof o['value'] === 'number' ? (o['value'] as number) : 0);
  const expected = (o: Json): number => Math.round((value(o) * (Number(o['confidence']) || 0)) / 100);
  const of = (period: string) => matches.filter((o) => o['value_period'] === period);
  const annualized = (f: (o: Json) => number) => (o: Json) => f(o) * (o['value_period'] === 'monthly' ? 12 : 1);
  const counts: Record<string, number> = {};
  for (const o of matches) counts[String(o['value_period'])] = (counts[String(o['value_period'])] ?? 0) + 1;
  return {
    total_results: matches.length,
    count_by_value_period: counts,
    total_value_one_time: sum(of('one_time'), value),
    total_value_monthly: sum(of('monthly'), value),
    total_value_annual: sum(of('annual'), value),
    total_value_annualized: sum(matches, annualized(value)),
    expected_value_one_time: sum(of('one_time'), expected),
    expected_value_monthly: sum(of('monthly'), expected),
    expected_value_annual: sum(of('annual'), expected),
    expected_value_annualized: sum(matches, annualized(expected)),
  };
}

/**
 * `lead_query`, Close's lead search, as free text: every word must appear (any case) in the lead's
 * name or one of its contacts' names. Close's field syntax (`name:…`) is not modelled.
 */
function leadsMatching(state: CloseFakeState, text: string | null): Set<string> | undefined {
  if (text === null) return undefined;
  const words = text.toLowerCase().split(/\s+/).filter(Boolean);
  const matching = new Set<string>();
  for (const lead of state.leads) {
    const haystack = [lead.display_name, ...state.contacts.filter((c) => c.lead_id === lead.id).map((c) => c.name)].join('\n').toLowerCase();
    if (words.every((w) => haystack.includes(w))) matching.add(lead.id);
  }
  return matching;
}

function listOpportunities(state: CloseFakeState, req: RouteRequest): Answer {
  const q = req.query;
  const filters: [string, string[] | undefined][] = [
    ['status_id', oneOf(q, 'status_id')], ['lead_id', oneOf(q, 'lead_id')], ['user_id', oneOf(q, 'user_id')],
    ['status_type', oneOf(q, 'status_type')], ['value_period', oneOf(q, 'value_period')], ['status_label', oneOf(q, 'status_label')],
  ];
  const leads = leadsMatching(state, q.get('lead_query'));
  let matches = state.opportunities.filter((o) => filters.every(([key, wanted]) => !wanted || wanted.includes(String(o[key])))
    && (!leads || leads.has(String(o['lead_id']))));
  matches = orderBy(matches, q.get('_order_by'));
  const paged = page(req, matches);
  if (isAnswer(paged)) return paged;
  // `_fields` narrows each record; the aggregates over every match stay.
  const fields = q.get('_fields');
  return ok({ has_more: paged.has_more, ...aggregates(matches), data: (paged.slice as Json[]).map((o) => pick(o, fields)) });
}

function updateOpportunity(state: CloseFakeState, id: string, req: RouteRequest): Answer {
  const index = state.opportunities.findIndex((o) => o['id'] === id);
  if (index < 0) return error(404);
  if (!req.body || typeof req.body !== 'object' || Array.isArray(req.body)) return fieldErrors({}, ['Expected a JSON object.']);
  const result = patchOpportunity(state, state.opportunities[index]!, req.body as Json, today(req));
  if ('fieldErrors' in result) return fieldErrors(result.fieldErrors, result.errors);
  const me = state.users.find((u) => u.id === state.meId);
  const opp = refreshOpportunity(state, { ...result.opp, date_updated: nextTimestamp(), updated_by: state.meId, updated_by_name: userName(me) });
  state.opportunities[index] = opp;
  for (const task of state.tasks) if (task['object_id'] === id) refreshDueTask(state, task);
  return ok(structuredClone(opp));
}

function listTasks(state: CloseFakeState, req: RouteRequest): Answer {
  const q = req.query;
  const types = oneOf(q, '_type') ?? ['lead'];
  const ids = oneOf(q, 'id');
  const leads = oneOf(q, 'lead_id');
  const view = q.get('view');
  const complete = q.get('is_complete');
  let matches = state.tasks.filter((t) => {
    if (!types.includes('all') && !types.includes(String(t['_type']))) return false;
    if (ids && !ids.includes(String(t['id']))) return false;
    if (leads && !leads.includes(String(t['lead_id']))) return false;
    if (q.get('assigned_to') && t['assigned_to'] !== q.get('assigned_to')) return false;
    if (complete !== null && String(t['is_complete']) !== complete) return false;
    // Without `view` only open tasks are listed [UNCONFIRMED: the stricter reading of the 2024-06 change].
    if (view) return viewOf(t) === view;
    return complete !== null || !t['is_complete'];
  });
  matches = orderBy(matches, q.get('_order_by') ?? 'date');
  const paged = page(req, matches);
  if (isAnswer(paged)) return paged;
  return ok({ has_more: paged.has_more, data: structuredClone(paged.slice) });
}

function taskDate(value: unknown): string | undefined {
  return isDate(value) || isDateTime(value) ? (value as string) : undefined;
}

function createTask(state: CloseFakeState, req: RouteRequest): Answer {
  const body = (req.body ?? {}) as Json;
  const errors: Record<string, string> = {};
  if (body['_type'] !== 'lead' && body['_type'] !== 'outgoing_call') errors['_type'] = 'Only lead and outgoing_call tasks can be created.';
  const lead = state.leads.find((l) => l.id === body['lead_id']);
  if (!lead) errors['lead_id'] = 'Lead does not exist.';
  if (body['_type'] === 'lead' && (typeof body['text'] !== 'string' || !body['text'].trim())) errors['text'] = 'This field is required.';
  if (body['date'] !== undefined && !taskDate(body['date'])) errors['date'] = 'Must be a date or a date and time.';
  const assignee = state.users.find((u) => u.id === (body['assigned_to'] ?? state.meId));
  if (!assignee) errors['assigned_to'] = 'User does not exist.';
  const known = new Set(['_type', 'lead_id', 'text', 'date', 'assigned_to', 'contact_id', 'is_complete', 'priority']);
  const unknown = Object.keys(body).filter((k) => !known.has(k));
  if (Object.keys(errors).length || unknown.length) return fieldErrors(errors, unknown.map((k) => `Unknown field: ${k}.`));
  const stamp = nextTimestamp();
  const date = (body['date'] as string | undefined) ?? today(req);
  const task: Json = {
    id: newId('task'), _type: body['_type'], text: body['text'] ?? '', date, due_date: date.slice(0, 10),
    is_complete: body['is_complete'] === true, is_dateless: false, assigned_to: assignee!.id, assigned_to_name: userName(assignee),
    lead_id: lead!.id, lead_name: lead!.display_name, contact_id: body['contact_id'] ?? null, contact_name: null,
    object_type: null, object_id: null, organization_id: state.organization.id, created_by: state.meId,
    created_by_name: userName(state.users.find((u) => u.id === state.meId)), updated_by: state.meId,
    updated_by_name: userName(state.users.find((u) => u.id === state.meId)), date_created: stamp, date_updated: stamp,
  };
  task['view'] = viewOf(task);
  state.tasks.push(task);
  return ok(structuredClone(task));
}

function updateTask(state: CloseFakeState, id: string, req: RouteRequest): Answer {
  const index = state.tasks.findIndex((t) => t['id'] === id);
  if (index < 0) return error(404);
  const task = state.tasks[index]!;
  const body = (req.body ?? {}) as Json;
  const errors: Record<string, string> = {};
  const unknown: string[] = [];
  const next: Json = { ...task };
  for (const [key, value] of Object.entries(body)) {
    if (key === 'is_complete') {
      if (typeof value !== 'boolean') errors[key] = 'Must be a boolean.';
      else next[key] = value;
    } else if (key === 'date') {
      if (!taskDate(value)) errors[key] = 'Must be a date or a date and time.';
      else Object.assign(next, { date: value, due_date: (value as string).slice(0, 10) });
    } else if (key === 'assigned_to') {
      const user = state.users.find((u) => u.id === value);
      if (!user) errors[key] = 'User does not exist.';
      else Object.assign(next, { assigned_to: user.id, assigned_to_name: userName(user) });
    } else if (key === 'text') {
      if (task['_type'] !== 'lead') errors[key] = 'Only the text of lead tasks can be changed.';
      else if (typeof value !== 'string' || !value.trim()) errors[key] = 'This field is required.';
      else next[key] = value;
    } else unknown.push(`Unknown or read-only field: ${key}.`);
  }
  if (Object.keys(errors).length || unknown.length) return fieldErrors(errors, unknown);
  next['date_updated'] = nextTimestamp();
  next['view'] = viewOf(next);
  state.tasks[index] = next;
  return ok(structuredClone(next));
}

function pick(record: Json, fields: string | null): Json {
  if (!fields) return structuredClone(record);
  const out: Json = {};
  for (const f of fields.split(',')) {
    // `_fields=custom` stands for every custom field (documented).
    if (f === 'custom') for (const key of Object.keys(record)) if (key.startsWith('custom.')) out[key] = structuredClone(record[key]);
    if (f in record) out[f] = structuredClone(record[f]);
  }
  return out;
}

function userRecord(state: CloseFakeState, id: string): Json | undefined {
  const user = state.users.find((u) => u.id === id);
  if (!user) return undefined;
  return {
    id: user.id, first_name: user.first_name, last_name: user.last_name, email: user.email, image: null,
    organizations: [{ id: state.organization.id, name: state.organization.name }],
    date_created: '2021-07-13T11:36:04.983000+00:00', date_updated: '2021-07-13T11:36:04.983000+00:00',
  };
}

/** Every route of the documented API the fake serves. */
export function route(state: CloseFakeState, req: RouteRequest): Answer {
  const { method, path } = req;
  const segments = path.split('/').filter(Boolean);
  const id = segments[1];
  const is = (m: string, pattern: RegExp): boolean => method === m && pattern.test(path);
  if (is('GET', /^\/me\/$/)) return ok({ ...userRecord(state, state.meId), organization_id: state.organization.id });
  if (is('GET', /^\/user\/$/)) {
    const paged = page(req, state.users.map((u) => userRecord(state, u.id)));
    return isAnswer(paged) ? paged : ok({ has_more: paged.has_more, data: paged.slice });
  }
  if (is('GET', /^\/organization\/[^/]+\/$/)) {
    if (id !== state.organization.id) return error(404);
    return ok({ id: state.organization.id, name: state.organization.name, currency: state.organization.currency, lead_statuses: [] });
  }
  if (is('GET', /^\/pipeline\/$/)) {
    // Close's pipeline list carries `data` only (no has_more), as the real records show.
    return ok({
      data: state.pipelines.map((p) => ({
        id: p.id, name: p.name, organization_id: p.organization_id, created_by: null, updated_by: null,
        date_created: p.date_created, date_updated: p.date_updated,
        statuses: p.statusIds.map((sid) => {
          const s = state.statuses.find((x) => x.id === sid)!;
          return { id: s.id, label: s.label, type: s.type };
        }),
      })),
    });
  }
  if (is('GET', /^\/status\/opportunity\/$/)) return ok({ has_more: false, data: structuredClone(state.statuses) });
  if (is('GET', /^\/opportunity\/$/)) return listOpportunities(state, req);
  if (is('GET', /^\/opportunity\/[^/]+\/$/)) {
    const opp = state.opportunities.find((o) => o['id'] === id);
    return opp ? ok(pick(opp, req.query.get('_fields'))) : error(404);
  }
  if (is('PUT', /^\/opportunity\/[^/]+\/$/)) return updateOpportunity(state, id!, req);
  if (is('GET', /^\/custom_field_schema\/opportunity\/$/)) {
    if (!state.customFieldSchemaEndpoint) return error(404);
    return ok({ id: 'opportunity', fields: structuredClone(state.customFields) });
  }
  if (is('GET', /^\/custom_field\/opportunity\/$/)) {
    // Shared fields are listed by /custom_field/shared/, not here.
    const paged = page(req, state.customFields.filter((f) => !f.is_shared));
    return isAnswer(paged) ? paged : ok({ has_more: paged.has_more, data: structuredClone(paged.slice) });
  }
  if (is('GET', /^\/contact\/[^/]+\/$/)) {
    const contact = state.contacts.find((c) => c.id === id);
    return contact ? ok(pick({ ...contact, display_name: contact.name }, req.query.get('_fields'))) : error(404);
  }
  if (is('GET', /^\/task\/$/)) return listTasks(state, req);
  if (is('POST', /^\/task\/$/)) return createTask(state, req);
  if (is('GET', /^\/task\/[^/]+\/$/)) {
    const task = state.tasks.find((t) => t['id'] === id);
    return task ? ok(pick(task, req.query.get('_fields'))) : error(404);
  }
  if (is('PUT', /^\/task\/[^/]+\/$/)) return updateTask(state, id!, req);
  if (is('DELETE', /^\/task\/[^/]+\/$/)) {
    const index = state.tasks.findIndex((t) => t['id'] === id);
    if (index < 0) return error(404);
    state.tasks.splice(index, 1);
    return ok({});
  }
  const known = /^\/(me|user|organization|pipeline|status\/opportunity|opportunity|custom_field_schema\/opportunity|custom_field\/opportunity|contact|task)\/([^/]+\/)?$/.test(path);
  return known ? error(405) : error(404);
}
