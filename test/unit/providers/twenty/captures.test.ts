import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import type { z } from 'zod';
import { classifyStatus, CrmError, type CrmErrorKind } from '../../../../src/http';
import { DealSchema, TaskSchema } from '../../../../src/model';
import { nextCursor } from '../../../../src/providers/twenty/client';
import { reclassify, toFieldErrors, twentyErrorDetail } from '../../../../src/providers/twenty/errors';
import { toTwentyField, type TwentyField } from '../../../../src/providers/twenty/fields';
import { type DealContext, learnNames, toModelDeal, toPipeline } from '../../../../src/providers/twenty/map';
import { linkColumnOf, parseFields, parseObject, toMetadata } from '../../../../src/providers/twenty/metadata';
import { toPersonRefFromMember } from '../../../../src/providers/twenty/names';
import {
  FieldMetaSchema, FieldsResponse, MembersResponse, ObjectsResponse, OpportunitiesResponse, OpportunityResponse,
  OpportunityUpdateResponse, TaskCreateResponse, TasksResponse, TaskTargetCreateResponse, TaskTargetsResponse, TaskUpdateResponse,
} from '../../../../src/providers/twenty/schemas';
import { toModelTask } from '../../../../src/providers/twenty/tasks';
import { capture, captured, CAPTURES_DIR } from '../../../fakes/twenty';

const NAMES = readdirSync(CAPTURES_DIR).filter((f) => f.endsWith('.json')).map((f) => f.replace(/\.json$/, '')).sort();

/** The schema the client reads each successful exchange with, by method and path. */
function schemaFor(method: string, path: string): z.ZodType | undefined {
  const p = path.replace(/[0-9a-f]{8}-[0-9a-f-]{27}/g, ':id');
  const table: Record<string, z.ZodType> = {
    'GET /rest/opportunities': OpportunitiesResponse,
    'GET /rest/opportunities/:id': OpportunityResponse,
    'PATCH /rest/opportunities/:id': OpportunityUpdateResponse,
    'GET /rest/tasks': TasksResponse,
    'POST /rest/tasks': TaskCreateResponse,
    'PATCH /rest/tasks/:id': TaskUpdateResponse,
    'PUT /rest/tasks/:id': TaskUpdateResponse,
    'GET /rest/taskTargets': TaskTargetsResponse,
    'POST /rest/taskTargets': TaskTargetCreateResponse,
    'GET /rest/workspaceMembers': MembersResponse,
    'GET /rest/metadata/objects': ObjectsResponse,
    'GET /rest/metadata/fields': FieldsResponse,
  };
  return table[`${method} ${p}`];
}

function customFields(): TwentyField[] {
  return ['custom-create-field-select', 'custom-create-field-number', 'custom-create-field-links'].map(
    (name) => toTwentyField(FieldMetaSchema.parse(captured(name, 'data', 'createOneField')))!,
  );
}

function ctx(fields: TwentyField[] = []): DealContext {
  return { names: { members: new Map(), companies: new Map(), people: new Map() }, outcomes: undefined, fields, timeZone: 'UTC' };
}

/** What each captured error becomes once classified: the status's kind unless Twenty's words say more. */
const EXPECTED_KIND: Record<string, CrmErrorKind> = {
  'auth-garbage-token': 'auth',
  'auth-wrong-token': 'auth',
  'auth-malformed-jwt': 'auth',
  'auth-no-header': 'auth',
  'metadata-auth-no-header': 'auth',
  'metadata-auth-wrong-token': 'auth',
  'get-opportunity-not-found': 'notFound',
  'patch-opportunity-not-found': 'notFound',
  'metadata-object-not-found': 'notFound',
  'metadata-field-not-found': 'notFound',
  'metadata-throttled-lowered-limit': 'rateLimited',
};

describe('Twenty: the real captured responses through the schemas and mappers', () => {
  it(`has the ${NAMES.length} captures copied into test/fixtures/twenty-real`, () => {
    assert.equal(NAMES.length, 103);
  });

  for (const name of NAMES) {
    const exchange = capture(name);
    const schema = schemaFor(exchange.request.method, exchange.request.path);
    if (exchange.status < 300 && schema) {
      it(`${name}: ${exchange.request.method} ${exchange.request.path} parses`, () => {
        const parsed = schema.safeParse(exchange.body);
        assert.ok(parsed.success, parsed.success ? '' : JSON.stringify(parsed.error.issues[0]));
      });
    } else if (exchange.status >= 400) {
      it(`${name}: HTTP ${exchange.status} is read and classified as ${EXPECTED_KIND[name] ?? classifyStatus(exchange.status)}`, () => {
        const detail = twentyErrorDetail(exchange.status, exchange.body);
        const body = exchange.body as { messages?: string[]; message?: string };
        assert.equal(detail?.detail, body.messages?.join('; ') ?? body.message);
        const error = new CrmError({ kind: classifyStatus(exchange.status), account: 'a', provider: 'Twenty', operation: 'X', status: exchange.status, detail: detail?.detail });
        assert.equal((reclassify(error) as CrmError).kind, EXPECTED_KIND[name] ?? classifyStatus(exchange.status));
      });
    }
  }

  it('maps captured opportunities: micros as strings exactly, close date, stage, no names at depth 0', () => {
    const body = OpportunitiesResponse.parse(captured('list-opportunities-limit3'));
    const deals = body.data.opportunities.map((o) => toModelDeal(o, ctx()));
    for (const deal of deals) DealSchema.parse(deal);
    assert.deepEqual(deals[0], {
      id: '50505050-0001-4e7c-8001-123456789abc',
      name: 'Enterprise iPad Deployment',
      pipelineId: 'stage',
      stageId: 'PROPOSAL',
      amount: { minor: '2500000000000', scale: 6, currency: 'USD' },
      expectedClose: '2027-02-09',
      outcome: 'unknown',
      createdAt: '2026-11-22T04:35:49.547Z',
      updatedAt: '2026-11-22T04:35:49.547Z',
      custom: {},
    });
    assert.equal(nextCursor(body.pageInfo, 3, undefined), 'eyJpZCI6IjUwNTA1MDUwLTAwMDMtNGU3Yy04MDAxLTEyMzQ1Njc4OWFiYyJ9');
    assert.equal(OpportunitiesResponse.parse(captured('list-opportunities-starting-after')).totalCount, 47);
  });

  it('maps a captured depth-1 opportunity: company and point of contact named, and the names are kept for depth-0 reads', () => {
    const record = OpportunityResponse.parse(captured('get-opportunity-depth1-with-tasktarget')).data.opportunity;
    const context = ctx();
    learnNames(record, context.names);
    const deal = toModelDeal(record, context);
    assert.deepEqual(deal.company, { id: '20202020-a305-41e7-8c72-ba44072a4c58', name: 'Google' });
    assert.deepEqual(deal.contact, { id: '20202020-b305-41e7-8c72-ba44072a4c58', name: 'Mark Young' });
    const depth0 = OpportunityResponse.parse(captured('get-opportunity-depth0')).data.opportunity;
    assert.equal(toModelDeal(depth0, context).company?.name, 'Google');
  });

  it('maps captured writes: PATCH answer, a null amountMicros, a cleared close date', () => {
    const patched = OpportunityUpdateResponse.parse(captured('patch-opportunity')).data.updateOpportunity!;
    assert.deepEqual(toModelDeal(patched, ctx()).amount, { minor: '75000000000', scale: 6, currency: 'USD' });
    assert.equal(toModelDeal(patched, ctx()).stageId, 'CUSTOMER');
    const noMicros = OpportunityUpdateResponse.parse(captured('patch-opportunity-amountmicros-null')).data.updateOpportunity!;
    assert.equal(toModelDeal(noMicros, ctx()).amount, undefined);
    const noDate = OpportunityUpdateResponse.parse(captured('patch-opportunity-closedate-null')).data.updateOpportunity!;
    assert.equal(toModelDeal(noDate, ctx()).expectedClose, undefined);
  });

  it('reads the captured metadata: stage options in order with colours, taskTarget linked by opportunityId, the plain task body, no owner', () => {
    const list = ObjectsResponse.parse(captured('metadata-objects'));
    assert.ok(!Array.isArray(list.data), 'the legacy format');
    const objects = (list.data as { objects: unknown[] }).objects;
    const find = (name: string) => {
      const index = objects.findIndex((o) => (o as { nameSingular: string }).nameSingular === name);
      const object = parseObject(objects[index], ['data', 'objects', index]);
      return { object, fields: parseFields(object.fields!, ['data', 'objects', index, 'fields']) };
    };
    const opportunity = find('opportunity');
    const metadata = toMetadata({
      opportunity: opportunity.object,
      opportunityFields: opportunity.fields,
      taskFields: find('task').fields,
      taskTargetFields: find('taskTarget').fields,
    });
    assert.deepEqual(metadata.stageOptions.map((o) => [o.value, o.label, o.position, o.color]), [
      ['NEW', 'New', 0, 'red'], ['SCREENING', 'Screening', 1, 'purple'], ['MEETING', 'Meeting', 2, 'sky'], ['PROPOSAL', 'Proposal', 3, 'turquoise'], ['CUSTOMER', 'Customer', 4, 'yellow'],
    ]);
    assert.deepEqual(
      [metadata.pipelineName, metadata.linkColumn, metadata.hasOwner, metadata.taskHasPlainBody, metadata.fields],
      ['Opportunities', 'opportunityId', false, true, []],
    );
    assert.equal(toPipeline(metadata, { CUSTOMER: 'won' }).stages.at(-1)?.outcome, 'won');
    assert.equal(nextCursor(ObjectsResponse.parse(captured('metadata-objects-limit2')).pageInfo, 2, undefined), 'YXJyYXljb25uZWN0aW9uOjE=');
  });

  it('maps the captured custom fields (SELECT, NUMBER, LINKS) and their values on records', () => {
    const fields = customFields();
    assert.deepEqual(fields.map((f) => [f.def.key, f.def.kind, f.def.writable]), [['contractType', 'select', true], ['dealScore', 'number', true], ['website', 'url', true]]);
    const empty = OpportunitiesResponse.parse(captured('custom-list-opportunities-limit2')).data.opportunities[0]!;
    assert.deepEqual(toModelDeal(empty, ctx(fields)).custom, {}, 'null and empty composite values are empty');
    const set = OpportunityUpdateResponse.parse(captured('custom-patch-opportunity')).data.updateOpportunity!;
    assert.deepEqual(toModelDeal(set, ctx(fields)).custom, {
      contractType: { kind: 'select', value: 'MULTI_YEAR' },
      dealScore: { kind: 'number', value: '4' },
      website: { kind: 'url', value: 'https://deal.example.com' },
    });
  });

  it('maps captured tasks: the older plain body when bodyV2 is empty, Markdown otherwise, a null status', () => {
    const members = new Map(MembersResponse.parse(captured('list-workspacemembers-limit3')).data.workspaceMembers.map((m) => [m.id, toPersonRefFromMember(m)]));
    assert.deepEqual([...members.values()].map((m) => m.name), ['Tim Apple', 'Phil Schiler', 'Jane Austen']);
    const [first] = TasksResponse.parse(captured('list-tasks-limit3')).data.tasks;
    const task = toModelTask(first!, members, 'UTC');
    TaskSchema.parse(task);
    assert.equal(task.body, 'Arrange a follow-up call to discuss project details and next steps.');
    assert.deepEqual(task.due, { kind: 'datetime', value: '2026-11-25T04:35:41.732Z' });
    assert.equal(task.status, 'TODO');
    const markdown = toModelTask(TaskUpdateResponse.parse(captured('patch-task-bodyv2-markdown')).data.updateTask, members, 'UTC');
    assert.equal(markdown.body, 'Line one\nLine **two**');
    const nulls = toModelTask(TaskUpdateResponse.parse(captured('patch-task-status-null')).data.updateTask, members, 'UTC');
    assert.deepEqual([nulls.status, nulls.done, nulls.due, nulls.assignee], [undefined, false, undefined, undefined]);
    const done = toModelTask(TaskUpdateResponse.parse(captured('patch-task-done')).data.updateTask, members, 'UTC');
    assert.equal(done.done, true);
    const linked = TaskTargetsResponse.parse(captured('list-tasktargets-filter-opportunityId')).data.taskTargets;
    assert.equal(linked[0]?.task?.title, 'Send revised proposal');
    assert.equal(TaskTargetsResponse.parse(captured('list-tasktargets-filter-opportunityId-depth0')).data.taskTargets[0]?.task, undefined);
  });

  it('maps the captured 400s on writes to the field their words name', () => {
    const cases: [string, Record<string, string>, string][] = [
      ['patch-opportunity-invalid-stage', { stage: 'stageId' }, 'stageId'],
      ['custom-patch-opportunity-bad-select', { contractType: 'contractType' }, 'contractType'],
      ['patch-opportunity-name-null', { name: 'name', stage: 'stageId' }, 'name'],
      ['patch-opportunity-unknown-field', { foo: 'foo', name: 'name' }, 'foo'],
      ['patch-opportunity-company-bad-fk', { companyId: 'company', name: 'name' }, 'company'],
      ['patch-opportunity-bad-amount', { amount: 'amount' }, 'amount'],
      ['patch-task-bad-status', { status: 'done' }, 'done'],
      ['create-task-unknown-field', { title: 'title', foo: 'foo' }, 'foo'],
      ['create-tasktarget-bad-fk', { taskId: 'taskId', opportunityId: 'opportunityId' }, ''],
    ];
    for (const [name, sentKeys, field] of cases) {
      const exchange = capture(name);
      const detail = twentyErrorDetail(exchange.status, exchange.body)?.detail;
      const error = new CrmError({ kind: 'validation', account: 'a', provider: 'Twenty', operation: 'PATCH', status: 400, detail });
      const mapped = toFieldErrors(error, sentKeys) as CrmError;
      assert.equal(mapped.fieldErrors?.[0]?.field ?? '', field, name);
    }
  });

  describe('the newest shapes, from the research notes (T4b, T5)', () => {
    it('new-format metadata fields without isCustom, and taskTargets linked by targetOpportunityId', () => {
      const t4b = {
        data: [
          { id: 'f1', universalIdentifier: 'u1', label: 'Stage', name: 'stage', objectMetadataId: 'o1', type: 'SELECT', isActive: true, isSystem: false, isUIReadOnly: false, options: [{ id: 'x', value: 'NEW', label: 'New', position: 0, color: 'red' }], isNullable: false },
          { id: 'f2', universalIdentifier: 'u2', label: 'Deal score', name: 'dealScore', objectMetadataId: 'o1', type: 'NUMBER', isActive: true, isSystem: false, isUIReadOnly: false, options: null, isNullable: true, settings: { decimals: 0, type: 'number' } },
        ],
        pageInfo: { hasNextPage: true, hasPreviousPage: false, startCursor: 'f1', endCursor: 'f2' },
        totalCount: 311,
      };
      const parsed = FieldsResponse.parse(t4b);
      assert.ok(Array.isArray(parsed.data));
      const fields = parseFields(t4b.data, ['data']);
      assert.deepEqual(fields.map(toTwentyField).map((f) => f?.def.key), [undefined, 'dealScore'], 'stage is standard, dealScore custom');
      assert.equal(linkColumnOf([{ name: 'targetOpportunity', type: 'MORPH_RELATION' }, { name: 'task', type: 'RELATION' }]), 'targetOpportunityId');
      const t5 = {
        data: { taskTargets: [{ id: 't', taskId: 'k', targetPersonId: null, targetCompanyId: null, targetOpportunityId: 'o', task: { id: 'k', title: 'Send revised proposal', bodyV2: { blocknote: null, markdown: 'Include 3-year pricing.' }, dueAt: '2026-05-24T16:00:00.000Z', status: 'IN_PROGRESS', assigneeId: null } }] },
        pageInfo: { hasNextPage: false, startCursor: 'a', endCursor: 'a' },
        totalCount: 1,
      };
      const target = TaskTargetsResponse.parse(t5).data.taskTargets[0]!;
      assert.equal(toModelTask(target.task!, new Map(), 'UTC').body, 'Include 3-year pricing.');
    });
  });
});
