import assert from 'node:assert/strict';
import type { FieldKind } from '../../../../src/model';
import { generateSampleData, sampleDescriptor, SampleDataSchema } from '../../../../src/providers/sample';
import { GENERATION_DAY } from './helpers';

const EDITABLE_KINDS: FieldKind[] = [
  'text', 'textarea', 'number', 'money', 'percent', 'date', 'datetime', 'boolean', 'select',
  'multiselect', 'user', 'url', 'email', 'phone',
];
const MARKUP_NAME = '<img src=x onerror=alert(1)> Markup Test Ltd';
const TODAY = GENERATION_DAY.toISOString().slice(0, 10);

describe('Sample CRM generated data', () => {
  const data = generateSampleData(7, GENERATION_DAY);

  it('is valid against the file schema it is persisted under', () => {
    assert.ok(SampleDataSchema.safeParse(data).success);
  });

  it('has three pipelines of 5 to 7 stages, each with a won and a lost stage', () => {
    assert.equal(data.pipelines.length, 3);
    for (const pipeline of data.pipelines) {
      assert.ok(pipeline.stages.length >= 5 && pipeline.stages.length <= 7, pipeline.name);
      assert.ok(pipeline.stages.some((s) => s.outcome === 'won'), `${pipeline.name} has a won stage`);
      assert.ok(pipeline.stages.some((s) => s.outcome === 'lost'), `${pipeline.name} has a lost stage`);
      assert.ok(pipeline.stages.every((s) => s.probability !== undefined));
    }
    assert.deepEqual(
      data.pipelines[0]?.stages.map((s) => s.name),
      ['Lead In', 'Qualified', 'Demo Scheduled', 'Proposal Sent', 'Negotiation', 'Closed Won', 'Closed Lost'],
    );
  });

  it('holds 350-450 deals, one stage with more than 100 and at least one empty stage', () => {
    assert.ok(data.deals.length >= 350 && data.deals.length <= 450, `${data.deals.length} deals`);
    const perStage = data.pipelines.flatMap((p) => p.stages).map((s) => data.deals.filter((d) => d.stageId === s.id).length);
    assert.ok(Math.max(...perStage) > 100);
    assert.ok(perStage.includes(0));
  });

  it('has deals in USD and EUR with exact cents, some large and some with odd cents', () => {
    const amounts = data.deals.flatMap((d) => (d.amount ? [d.amount] : []));
    assert.deepEqual(new Set(amounts.map((a) => a.currency)), new Set(['EUR', 'USD']));
    assert.ok(amounts.every((a) => a.scale === 2 && /^\d+$/.test(a.minor)));
    assert.ok(amounts.some((a) => BigInt(a.minor) >= 100_000_000n), 'a deal of a million or more');
    assert.ok(amounts.some((a) => !a.minor.endsWith('00')), 'a deal with odd cents');
    assert.ok(data.deals.some((d) => !d.amount), 'a deal without an amount');
  });

  it('gives deals owners, companies, contacts, past and future close dates and outcomes matching their stage', () => {
    const owners = new Set(data.deals.map((d) => d.owner?.id));
    assert.ok(owners.size >= 5 && owners.size <= 6);
    assert.ok(data.deals.every((d) => d.company && d.contact && d.createdAt <= d.updatedAt));
    const open = data.deals.filter((d) => d.outcome === 'open');
    assert.ok(open.some((d) => d.expectedClose! < TODAY), 'an open deal past its expected close');
    assert.ok(open.some((d) => d.expectedClose! > TODAY));
    const stageOutcome = new Map(data.pipelines.flatMap((p) => p.stages).map((s) => [s.id, s.outcome]));
    assert.ok(data.deals.every((d) => stageOutcome.get(d.stageId) === d.outcome));
  });

  it('defines one custom field of every editable kind plus a read-only one, and deals use each', () => {
    assert.deepEqual(new Set(data.fields.map((f) => f.kind)), new Set(EDITABLE_KINDS));
    const readOnly = data.fields.filter((f) => !f.writable);
    assert.equal(readOnly.length, 1);
    assert.match(readOnly[0]?.reason ?? '', /Calculated by the Sample CRM/);
    for (const field of data.fields) {
      assert.ok(data.deals.some((d) => d.custom[field.key]?.kind === field.kind), `some deal fills ${field.key}`);
      assert.ok(data.deals.some((d) => d.custom[field.key] === undefined), `some deal leaves ${field.key} empty`);
    }
    for (const select of data.fields.filter((f) => f.kind === 'select' || f.kind === 'multiselect')) {
      assert.ok(select.options && select.options.length > 1, `${select.key} has options`);
    }
  });

  it('has 0-4 tasks per deal: done and open, overdue, date-only and timed, some with a body', () => {
    const perDeal = data.deals.map((d) => data.tasks.filter((t) => t.dealId === d.id).length);
    assert.ok(Math.max(...perDeal) <= 4 && perDeal.includes(0) && perDeal.includes(4));
    assert.ok(data.tasks.some((t) => t.done) && data.tasks.some((t) => !t.done));
    const overdue = data.tasks.filter((t) => !t.done && t.due && t.due.value.slice(0, 10) < TODAY);
    assert.ok(overdue.length > 0, 'an overdue open task');
    assert.ok(data.tasks.some((t) => t.due?.kind === 'date') && data.tasks.some((t) => t.due?.kind === 'datetime'));
    assert.ok(data.tasks.some((t) => t.body));
    const userIds = new Set(data.users.map((u) => u.id));
    assert.ok(data.tasks.every((t) => t.assignee && userIds.has(t.assignee.id)));
  });

  it('contains exactly one deal named with markup, for proving names render as text', () => {
    assert.equal(data.deals.filter((d) => d.name === MARKUP_NAME).length, 1);
    assert.equal(data.deals.filter((d) => d.name.includes('<')).length, 1);
  });

  it('is the same for the same seed and day, and different for another seed', () => {
    assert.deepEqual(generateSampleData(7, GENERATION_DAY), data);
    assert.deepEqual(generateSampleData(7, new Date('2026-03-14T23:59:00Z')), data, 'any time of the same day');
    assert.notDeepEqual(generateSampleData(8, GENERATION_DAY).deals, data.deals);
  });

  it('moves its dates with the day of generation', () => {
    const later = generateSampleData(7, new Date('2026-03-24T09:30:00Z'));
    assert.equal(later.generatedOn, '2026-03-24');
    const shift = (a: string, b: string): number => (Date.parse(b) - Date.parse(a)) / 86_400_000;
    assert.equal(shift(data.deals[0]!.expectedClose!, later.deals[0]!.expectedClose!), 10);
  });

  it('is described as a key-less provider with every capability, search and open tasks included', () => {
    assert.equal(sampleDescriptor.id, 'sample');
    assert.equal(sampleDescriptor.displayName, 'Sample CRM');
    assert.equal(sampleDescriptor.needsKey, false);
    assert.deepEqual(sampleDescriptor.baseUrl, { kind: 'none' });
    assert.equal(sampleDescriptor.rateLimit, undefined);
    assert.ok(Object.values(sampleDescriptor.capabilities).every(Boolean));
  });
});
