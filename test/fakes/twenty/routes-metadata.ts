import { captured } from './captures';
import { first } from '../kit/request-values';
import { metadataBadRequest, ok, type Reply } from './replies';
import type { RouteContext } from './routes-records';
import { OPPORTUNITY_OBJECT_ID } from './seed';
import type { Json } from './types';

/**
 * `/rest/metadata/objects` and `/fields` from the captured objects: the three the client needs
 * (task, opportunity, taskTarget, with every key the real server sent) among four others, the
 * opportunity's stage options and custom fields taken from the fake's state. Served in the legacy
 * format of the real server (`{data: {objects}}`, Relay `arrayconnection:N` cursors, no totalCount)
 * or the newest one (`{data: [...]}`, id cursors, totalCount, DTO keys without `isCustom`).
 */

const WORKSPACE_ID = '20202020-1c25-4d02-bf25-6aeccf7ea419';
const DEFAULT_LIMIT = 1000;

function ownerField(): Json {
  return {
    id: 'e0a1b2c3-d4e5-4f60-8a7b-9c0d1e2f3a4b', type: 'RELATION', name: 'owner', label: 'Owner', description: 'Opportunity owner',
    icon: 'IconUserCircle', isCustom: false, isActive: true, isSystem: false, isNullable: true, createdAt: '2026-11-22T04:35:45.256Z',
    updatedAt: '2026-11-22T04:35:45.256Z', defaultValue: null, options: null,
    relation: {
      type: 'MANY_TO_ONE',
      targetObjectMetadata: { id: '5b6c7d8e-9f0a-4b1c-8d2e-3f4a5b6c7d8e', nameSingular: 'workspaceMember', namePlural: 'workspaceMembers' },
      targetFieldMetadata: { id: '6c7d8e9f-0a1b-4c2d-9e3f-4a5b6c7d8e9f', name: 'ownedOpportunities' },
      sourceObjectMetadata: { id: OPPORTUNITY_OBJECT_ID, nameSingular: 'opportunity', namePlural: 'opportunities' },
      sourceFieldMetadata: { id: 'e0a1b2c3-d4e5-4f60-8a7b-9c0d1e2f3a4b', name: 'owner' },
    },
  };
}

/** Every object in the legacy form, with `fields` embedded. */
function legacyObjects(ctx: RouteContext): Json[] {
  const { state, flavor } = ctx;
  const others = [
    ...captured<Json[]>('metadata-objects-limit2', 'data', 'objects'),
    ...captured<Json[]>('metadata-objects-limit2-starting-after', 'data', 'objects'),
  ];
  const mine = captured<(Json & { nameSingular: string; fields: Json[] })[]>('metadata-objects', 'data', 'objects');
  const byName = (name: string) => mine.find((o) => o.nameSingular === name)!;
  const opportunity = byName('opportunity');
  opportunity.fields = opportunity.fields.map((f) => (f['name'] === 'stage' ? { ...f, options: structuredClone(state.stageOptions) } : f));
  if (flavor.withOwner) opportunity.fields.push(ownerField());
  opportunity.fields.push(...structuredClone(state.customFields));
  const task = byName('task');
  if (!flavor.taskPlainBody) task.fields = task.fields.filter((f) => f['name'] !== 'body');
  const taskTarget = byName('taskTarget');
  if (flavor.taskTargetLink === 'targetOpportunityId') {
    const renamed: Record<string, string> = { opportunity: 'targetOpportunity', person: 'targetPerson', company: 'targetCompany' };
    taskTarget.fields = taskTarget.fields.map((f) =>
      renamed[f['name'] as string] ? { ...f, name: renamed[f['name'] as string], type: 'MORPH_RELATION' } : f,
    );
  }
  return [others[0]!, others[1]!, task, opportunity, others[2]!, taskTarget, others[3]!];
}

/** A field in the newest DTO form (T4b of the notes): no `isCustom`, no `relation`; keys left out where undefined. */
function newField(field: Json, objectId: string): Json {
  const { isCustom: _isCustom, relation: _relation, description, ...rest } = field;
  return {
    id: rest['id'],
    universalIdentifier: rest['id'],
    label: rest['label'],
    name: rest['name'],
    objectMetadataId: objectId,
    type: rest['type'],
    workspaceId: WORKSPACE_ID,
    defaultValue: rest['defaultValue'],
    isActive: rest['isActive'],
    isLabelSyncedWithName: false,
    isSystem: rest['isSystem'],
    isUIEditable: true,
    isUIReadOnly: false,
    options: rest['options'],
    createdAt: rest['createdAt'],
    updatedAt: rest['updatedAt'],
    ...(description === null || description === undefined ? {} : { description }),
    icon: rest['icon'],
    isNullable: rest['isNullable'],
    isUnique: false,
    isSearchable: false,
    applicationId: 'a0b1c2d3-e4f5-4a6b-8c7d-9e0f1a2b3c4d',
  };
}

function shaped(ctx: RouteContext, object: Json, withFields: boolean): Json {
  const fields = (object['fields'] as Json[]).map((f) =>
    ctx.flavor.metadataFormat === 'new' ? newField(f, object['id'] as string) : ctx.flavor.metadataFields === 'fieldsOnly' ? { ...f, objectMetadataId: object['id'] } : f,
  );
  if (ctx.flavor.metadataFormat === 'legacy') {
    const { fields: _fields, ...head } = object;
    return withFields ? { ...head, fields } : head;
  }
  const { fields: _fields, dataSourceId: _source, ...head } = object;
  const base = { ...head, universalIdentifier: head['id'], applicationId: 'a0b1c2d3-e4f5-4a6b-8c7d-9e0f1a2b3c4d' };
  return withFields ? { ...base, fields } : base;
}

function allFields(ctx: RouteContext): Json[] {
  return legacyObjects(ctx).flatMap((o) =>
    (o['fields'] as Json[]).map((f) => (ctx.flavor.metadataFormat === 'new' ? newField(f, o['id'] as string) : { ...f, objectMetadataId: o['id'] })),
  );
}

const arrayCursor = (n: number): string => Buffer.from(`arrayconnection:${n}`).toString('base64');

/** One page in the configured format; legacy cursors are Relay offsets, new ones the item ids. */
function listPage(ctx: RouteContext, key: string, items: Json[]): Reply {
  const limitText = first(ctx.query['limit']);
  const limit = limitText && /^\d+$/.test(limitText) ? Math.min(DEFAULT_LIMIT, Number(limitText)) : DEFAULT_LIMIT;
  const after = first(ctx.query['starting_after']);
  let start = 0;
  if (after !== undefined) {
    if (ctx.flavor.metadataFormat === 'new') {
      const at = items.findIndex((i) => i['id'] === after);
      if (at < 0) return metadataBadRequest(`Invalid cursor: ${after}`);
      start = at + 1;
    } else {
      const offset = /^arrayconnection:(\d+)$/.exec(Buffer.from(after, 'base64').toString('utf8'))?.[1];
      if (offset === undefined) return metadataBadRequest("Provided 'offset' value is not a number. Please provide a numeric value.");
      start = Number(offset) + 1;
    }
  }
  const page = items.slice(start, start + limit);
  const hasNextPage = start + page.length < items.length;
  if (ctx.flavor.metadataFormat === 'new') {
    return ok({
      data: page,
      pageInfo: { hasNextPage, hasPreviousPage: start > 0, startCursor: page[0]?.['id'] ?? null, endCursor: page.at(-1)?.['id'] ?? null },
      totalCount: items.length,
    });
  }
  return ok({
    data: { [key]: page },
    pageInfo: { hasNextPage, startCursor: page.length ? arrayCursor(start) : null, endCursor: page.length ? arrayCursor(start + page.length - 1) : null },
  });
}

export function routeMetadata(ctx: RouteContext): Reply | undefined {
  if (ctx.method !== 'GET') return undefined;
  const [, kind, id] = ctx.segments;
  const format = ctx.flavor.metadataFormat;
  if (kind === 'objects') {
    const objects = legacyObjects(ctx);
    if (id === undefined) return listPage(ctx, 'objects', objects.map((o) => shaped(ctx, o, ctx.flavor.metadataFields === 'embedded')));
    const object = objects.find((o) => o['id'] === id);
    if (!object) return metadataBadRequest(`Unable to find ObjectMetadataEntity with id: ${id}`);
    const one = shaped(ctx, object, ctx.flavor.metadataFields !== 'fieldsOnly');
    return ok(format === 'new' ? one : { data: { object: one } });
  }
  if (kind === 'fields') {
    const fields = allFields(ctx);
    if (id === undefined) return listPage(ctx, 'fields', fields);
    const field = fields.find((f) => f['id'] === id);
    if (!field) return metadataBadRequest(`Unable to find FieldMetadataEntity with id: ${id}`);
    return ok(format === 'new' ? field : { data: { field } });
  }
  return undefined;
}


