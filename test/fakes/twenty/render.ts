import type { FakeState, Flavor, Json, OpportunityRecord, TaskRecord, TaskTargetRecord } from './types';

/**
 * Records as Twenty serves them, key for key in the captured order: standard fields, the system
 * ones, join columns, then custom fields; at depth 1, related records and one-to-many lists embedded.
 */

export interface RenderContext {
  state: FakeState;
  flavor: Flavor;
}

function micros(value: string | null, flavor: Flavor): string | number | null {
  if (value === null || flavor.amountMicrosAs === 'string') return value;
  return Number(value);
}

function customOut(ctx: RenderContext, custom: Json, copy: boolean): Json {
  const out: Json = {};
  for (const field of ctx.state.customFields) {
    if (field['isActive'] === false) continue;
    const value = custom[field.name];
    out[field.name] =
      field.type === 'CURRENCY' && value && typeof value === 'object'
        ? { ...(value as Json), amountMicros: micros((value as { amountMicros: string | null }).amountMicros, ctx.flavor) }
        : copy ? structuredClone(value ?? null) : (value ?? null);
  }
  return out;
}

/**
 * `copy: false` shares nested values with the stored record: only for a view that is read (filtered,
 * sorted) and never served, since 10,000 deep copies per list request make large seeds slow.
 */
export function renderOpportunity(ctx: RenderContext, record: OpportunityRecord, depth = 0, copy = true): Json {
  const { flavor, state } = ctx;
  const clone = <T>(value: T): T => (copy ? structuredClone(value) : value);
  const out: Json = {
    name: record.name,
    amount: { amountMicros: micros(record.amount.amountMicros, flavor), currencyCode: record.amount.currencyCode },
    closeDate: record.closeDate,
    stage: record.stage,
    position: record.position,
    createdBy: clone(record.createdBy),
    ...(flavor.withOwner ? { updatedBy: clone(record.updatedBy) } : {}),
    searchVector: record.searchVector,
    id: record.id,
    createdAt: record.createdAt,
    updatedAt: record.updatedAt,
    deletedAt: record.deletedAt,
    pointOfContactId: record.pointOfContactId,
    companyId: record.companyId,
    ...(flavor.withOwner ? { ownerId: record.ownerId } : {}),
    ...customOut(ctx, record.custom, copy),
  };
  if (depth < 1) return out;
  const find = (list: readonly Json[], id: string | null): Json | null => (id ? structuredClone(list.find((r) => r['id'] === id) ?? null) : null);
  out['pointOfContact'] = find(state.people, record.pointOfContactId);
  out['company'] = find(state.companies, record.companyId);
  if (flavor.withOwner) out['owner'] = find(state.members, record.ownerId);
  out['favorites'] = [];
  out['taskTargets'] = state.taskTargets
    .filter((t) => t.opportunityId === record.id && !t.deletedAt)
    .map((t) => renderTaskTarget(ctx, t, 0));
  out['noteTargets'] = [];
  out['attachments'] = [];
  out['timelineActivities'] = [];
  return out;
}

/** A task; at depth 1 with its relations embedded as the captures show (timeline and attachments left empty). */
export function renderTask(ctx: RenderContext, task: TaskRecord, depth = 0): Json {
  const { flavor } = ctx;
  const out: Json = {
    position: task.position,
    title: task.title,
    ...(flavor.taskPlainBody ? { body: task.body } : {}),
    bodyV2: { ...task.bodyV2 },
    dueAt: task.dueAt,
    status: task.status,
    createdBy: structuredClone(task.createdBy),
    ...(flavor.withOwner ? { updatedBy: structuredClone(task.updatedBy) } : {}),
    searchVector: task.searchVector,
    id: task.id,
    createdAt: task.createdAt,
    updatedAt: task.updatedAt,
    deletedAt: task.deletedAt,
    assigneeId: task.assigneeId,
  };
  if (depth < 1) return out;
  const { state } = ctx;
  out['favorites'] = [];
  out['taskTargets'] = state.taskTargets.filter((t) => t.taskId === task.id && !t.deletedAt).map((t) => renderTaskTarget(ctx, t, 0));
  out['attachments'] = [];
  out['assignee'] = task.assigneeId ? structuredClone(state.members.find((m) => m['id'] === task.assigneeId) ?? null) : null;
  out['timelineActivities'] = [];
  return out;
}

/** A taskTarget: `personId/companyId/opportunityId` (+ the dev seed's custom objects) on the real server, `target…Id` on the newest. */
export function renderTaskTarget(ctx: RenderContext, target: TaskTargetRecord, depth = 0): Json {
  const { flavor, state } = ctx;
  const newest = flavor.taskTargetLink === 'targetOpportunityId';
  const out: Json = newest
    ? {
        id: target.id,
        createdAt: target.createdAt,
        updatedAt: target.updatedAt,
        deletedAt: target.deletedAt,
        position: 0,
        createdBy: { source: 'MANUAL', workspaceMemberId: null, name: 'Tim A', context: {} },
        updatedBy: { source: 'MANUAL', workspaceMemberId: null, name: 'Tim A', context: {} },
        taskId: target.taskId,
        targetPersonId: target.personId,
        targetCompanyId: target.companyId,
        targetOpportunityId: target.opportunityId,
      }
    : {
        id: target.id,
        createdAt: target.createdAt,
        updatedAt: target.updatedAt,
        deletedAt: target.deletedAt,
        taskId: target.taskId,
        personId: target.personId,
        companyId: target.companyId,
        opportunityId: target.opportunityId,
        rocketId: null,
        petId: null,
        surveyResultId: null,
      };
  if (depth < 1) return out;
  const task = state.tasks.find((t) => t.id === target.taskId && !t.deletedAt);
  out['task'] = task ? renderTask(ctx, task) : null;
  // MORPH targets are not embedded on newest builds; the real server embeds its RELATION targets.
  if (!newest) {
    const opportunity = state.opportunities.find((o) => o.id === target.opportunityId);
    out['person'] = target.personId ? structuredClone(state.people.find((p) => p['id'] === target.personId) ?? null) : null;
    out['company'] = target.companyId ? structuredClone(state.companies.find((c) => c['id'] === target.companyId) ?? null) : null;
    out['opportunity'] = opportunity ? renderOpportunity(ctx, opportunity, 0) : null;
    out['rocket'] = null;
    out['pet'] = null;
    out['surveyResult'] = null;
  }
  return out;
}
