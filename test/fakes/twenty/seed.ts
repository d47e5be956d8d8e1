import { SeededRandom } from '../kit/seeded-random';
import { stagePlan } from '../kit/stages';
import { captured } from './captures';
import type { Actor, FakeState, FieldMetadata, Json, OpportunityRecord, RelatedRecord, StageOption, TaskRecord, TaskTargetRecord } from './types';

/** Seeded dates count from the captures' seed time, so a seed always gives the same data. */
export const SEED_NOW_MS = Date.parse('2026-11-22T04:35:49.547Z');
const DAY_MS = 86_400_000;

/** Deals beyond this many get no custom values or tasks: large seeds only exercise paging. */
const DETAILED_DEALS = 80;

/** The opportunity object's id in the captured metadata. */
export const OPPORTUNITY_OBJECT_ID = 'cf6e112b-c559-429e-a909-e2c2b7bd9697';

/** The deal whose amount needs more than a double's 53 bits: it must round-trip digit for digit. */
export const HUGE_MICROS = '90071992547409931234567';

const hex4 = (n: number): string => n.toString(16).padStart(4, '0');
/** Ids in the captures' seed pattern: opportunities `50505050-000N-…abc`, tasks `20202020-000N-…def`, taskTargets `60606060-000N-…def`. */
export const opportunityId = (n: number): string => `50505050-${hex4(n)}-4e7c-8001-123456789abc`;
export const taskId = (n: number): string => `20202020-${hex4(n)}-4e7c-8001-123456789def`;
export const taskTargetId = (n: number): string => `60606060-${hex4(n)}-4e7c-8001-123456789def`;
const companyId = (n: number): string => `20202020-a${hex4(n).slice(1)}-41e7-8c72-ba44072a4c58`;
const personId = (n: number): string => `20202020-b${hex4(n).slice(1)}-41e7-8c72-ba44072a4c58`;
const fieldId = (n: number): string => `f1e1d000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;

export const TIM = '20202020-0687-4c41-b707-ed1bfca972a7';
const JONY = '20202020-77d5-4cb6-b60a-f4a835a85d61';

export function searchVector(text: string): string {
  const words = text.toLowerCase().split(/[^a-z0-9.@+-]+/).filter(Boolean);
  return words.map((w, i) => `'${w}':${i + 1}`).sort().join(' ');
}

export function actor(memberId: string | null, name: string, source = 'MANUAL'): Actor {
  return { source, workspaceMemberId: memberId, name, context: {} };
}

const iso = (ms: number): string => new Date(ms).toISOString();

function members(): RelatedRecord[] {
  const listed = captured<RelatedRecord[]>('list-workspacemembers-limit3', 'data', 'workspaceMembers');
  const jony = structuredClone(listed[2]!);
  Object.assign(jony, {
    name: { firstName: 'Jony', lastName: 'Ive' },
    userEmail: 'jony.ive@apple.dev',
    userId: '20202020-4ed9-4b1d-a1a7-9f2b1c0d7e31',
    searchVector: "'ive':2 'jony':1 'jony.ive@apple.dev':3",
    id: JONY,
  });
  return [...listed, jony];
}

const COMPANIES: [string, string, string][] = [
  ['Google', 'goo.gle', 'Mountain View'],
  ['Housecall Pro', 'housecallpro.com', 'Denver'],
  ['Northwind Traders', 'northwind.example', 'Seattle'],
  ['Globex', 'globex.example', 'Springfield'],
  ['Initech', 'initech.example', 'Austin'],
  ['Umbrella Health', 'umbrella.example', 'Raccoon City'],
  ['Stark Industries', 'stark.example', 'New York'],
  ['Wayne Enterprises', 'wayne.example', 'Gotham'],
  ['Soylent Foods', 'soylent.example', 'Chicago'],
  ['Müller & Söhne GmbH', 'mueller.example', 'München'],
];

function companies(): RelatedRecord[] {
  const template = captured<RelatedRecord>('list-companies-limit1', 'data', 'companies', 0);
  return COMPANIES.map(([name, domain, city], i) => {
    const record = structuredClone(template);
    Object.assign(record, {
      name,
      domainName: { primaryLinkLabel: '', primaryLinkUrl: domain, secondaryLinks: [] },
      employees: 50 + i * 37,
      linkedinLink: { primaryLinkLabel: '', primaryLinkUrl: `https://linkedin.com/company/${domain.split('.')[0]}`, secondaryLinks: [] },
      address: { ...(record['address'] as Json), addressCity: city },
      searchVector: searchVector(`${name} ${domain}`),
      id: companyId(i + 1),
      position: i,
    });
    return record;
  });
}

const FIRST = ['Mark', 'Ava', 'Noah', 'Lena', 'Omar', 'Priya', 'Jonas', 'Chloé', 'Kenji', 'Sara', 'Diego', 'Freya'];
const LAST = ['Young', 'Okafor', 'Berg', 'Rossi', 'Haddad', 'Nair', 'Schmidt', 'Dubois', 'Sato', 'Lind', 'Ortega', 'Walsh'];

function people(companyIds: readonly string[], rng: SeededRandom): RelatedRecord[] {
  const template = captured<RelatedRecord>('get-opportunity-depth1', 'data', 'opportunity', 'pointOfContact');
  return Array.from({ length: 24 }, (_, i) => {
    const first = FIRST[i % FIRST.length]!;
    const last = LAST[(i * 5) % LAST.length]!;
    const email = `${first.toLowerCase().normalize('NFD').replace(/[^a-z]/g, '')}.${last.toLowerCase()}@example.com`;
    const record = structuredClone(template);
    Object.assign(record, {
      name: { firstName: first, lastName: last },
      emails: { primaryEmail: email, additionalEmails: null },
      phones: { primaryPhoneNumber: `(555) ${100 + i}-${4000 + i * 7}`, primaryPhoneCountryCode: 'US', primaryPhoneCallingCode: '+1', additionalPhones: null },
      searchVector: searchVector(`${first} ${last} ${email}`),
      id: personId(i + 1),
      companyId: rng.pick(companyIds),
      position: i,
    });
    return record;
  });
}

/** The custom fields created on opportunity (captures' run 3 made the first three), in the legacy metadata form. */
function customFields(): FieldMetadata[] {
  const at = '2026-11-22T04:46:42.935Z';
  const select = (values: [string, string, string][]) =>
    values.map(([value, label, color], position) => ({ id: fieldId(900 + position + value.length * 10), value, label, position, color }));
  const field = (n: number, type: string, name: string, label: string, extra: Json = {}): FieldMetadata => ({
    id: fieldId(n),
    type,
    name,
    label,
    description: null,
    icon: null,
    isCustom: true,
    isActive: true,
    isSystem: false,
    isNullable: true,
    createdAt: at,
    updatedAt: at,
    defaultValue: null,
    options: null,
    relation: null,
    ...extra,
  });
  return [
    field(1, 'SELECT', 'contractType', 'Contract type', { options: select([['ANNUAL', 'Annual', 'blue'], ['MULTI_YEAR', 'Multi-year', 'green']]) }),
    field(2, 'NUMBER', 'dealScore', 'Deal score'),
    field(3, 'LINKS', 'website', 'Website', { defaultValue: { primaryLinkLabel: "''", primaryLinkUrl: "''", secondaryLinks: "'[]'" } }),
    field(4, 'CURRENCY', 'recurringRevenue', 'Recurring revenue', { defaultValue: { amountMicros: null, currencyCode: "''" } }),
    field(5, 'DATE', 'renewalDate', 'Renewal date'),
    field(6, 'DATE_TIME', 'kickoffAt', 'Kick-off'),
    field(7, 'BOOLEAN', 'isStrategic', 'Strategic', { defaultValue: false, isNullable: false }),
    field(8, 'MULTI_SELECT', 'regions', 'Regions', { options: select([['EMEA', 'EMEA', 'sky'], ['AMER', 'Americas', 'orange'], ['APAC', 'Asia-Pacific', 'jade']]) }),
    field(9, 'EMAILS', 'buyerEmail', 'Buyer email', { defaultValue: { primaryEmail: "''", additionalEmails: null } }),
    field(10, 'PHONES', 'buyerPhone', 'Buyer phone'),
    field(11, 'RICH_TEXT_V2', 'nextSteps', 'Next steps', { description: 'What happens next' }),
    field(12, 'FULL_NAME', 'champion', 'Champion', { defaultValue: { firstName: "''", lastName: "''" } }),
    field(13, 'ADDRESS', 'billingAddress', 'Billing address'),
    field(14, 'RATING', 'fitRating', 'Fit', {
      options: [1, 2, 3, 4, 5].map((n) => ({ id: fieldId(950 + n), value: `RATING_${n}`, label: String(n), position: n - 1, color: 'yellow' })),
    }),
    field(15, 'TEXT', 'legacyCode', 'Legacy code', { defaultValue: "''" }),
    field(16, 'NUMBER', 'oldScore', 'Old score (inactive)', { isActive: false }),
  ];
}

/** A field's empty value, as Twenty stores it for a record where it was never set. */
export function emptyValue(field: FieldMetadata): unknown {
  switch (field.type) {
    case 'LINKS':
      return { primaryLinkLabel: '', primaryLinkUrl: '', secondaryLinks: [] };
    case 'CURRENCY':
      return { amountMicros: null, currencyCode: '' };
    case 'EMAILS':
      return { primaryEmail: '', additionalEmails: null };
    case 'PHONES':
      return { primaryPhoneNumber: '', primaryPhoneCountryCode: '', primaryPhoneCallingCode: '', additionalPhones: null };
    case 'RICH_TEXT_V2':
      return { blocknote: null, markdown: null };
    case 'FULL_NAME':
      return { firstName: '', lastName: '' };
    case 'ADDRESS':
      return { addressStreet1: '', addressStreet2: '', addressCity: '', addressPostcode: '', addressState: '', addressCountry: '', addressLat: null, addressLng: null };
    case 'BOOLEAN':
      return false;
    case 'TEXT':
      return '';
    default:
      return null;
  }
}

/** A blocknote document for a Markdown text, as the server derives it (one paragraph per line). */
export function blocknoteOf(markdown: string | null): string | null {
  if (markdown === null) return null;
  if (markdown === '') return '';
  const blocks = markdown.split('\n').map((line, i) => ({
    id: `b${i + 1}`,
    type: 'paragraph',
    props: { textColor: 'default', backgroundColor: 'default', textAlignment: 'left' },
    content: [{ type: 'text', text: line.replace(/\*\*/g, ''), styles: {} }],
    children: [],
  }));
  return JSON.stringify(blocks);
}

function customValues(fields: readonly FieldMetadata[], n: number, rng: SeededRandom, people: readonly RelatedRecord[]): Json {
  const values: Json = {};
  for (const field of fields) values[field.name] = emptyValue(field);
  if (n > DETAILED_DEALS || !fields.length) return values;
  const buyer = rng.pick(people);
  const buyerName = buyer['name'] as { firstName: string; lastName: string };
  if (rng.chance(0.7)) values['contractType'] = rng.pick(['ANNUAL', 'MULTI_YEAR']);
  if (rng.chance(0.6)) values['dealScore'] = rng.int(1, 10);
  if (rng.chance(0.5)) values['website'] = { primaryLinkLabel: null, primaryLinkUrl: `https://deal-${n}.example.com`, secondaryLinks: [] };
  if (rng.chance(0.5)) values['recurringRevenue'] = { amountMicros: String(rng.int(1, 900) * 1_000_000_000 + rng.int(0, 99) * 10_000), currencyCode: rng.pick(['USD', 'EUR']) };
  if (rng.chance(0.5)) values['renewalDate'] = iso(SEED_NOW_MS + rng.int(30, 400) * DAY_MS).slice(0, 10);
  if (rng.chance(0.4)) values['kickoffAt'] = iso(SEED_NOW_MS + rng.int(1, 60) * DAY_MS + rng.int(8, 17) * 3_600_000);
  values['isStrategic'] = rng.chance(0.3);
  if (rng.chance(0.5)) values['regions'] = ['EMEA', 'AMER', 'APAC'].filter(() => rng.chance(0.5));
  if (rng.chance(0.5)) values['buyerEmail'] = { primaryEmail: (buyer['emails'] as Json)['primaryEmail'], additionalEmails: null };
  if (rng.chance(0.4)) values['buyerPhone'] = { ...(buyer['phones'] as Json) };
  if (rng.chance(0.4)) {
    const markdown = `Send the **revised** quote\nBook a call with ${buyerName.firstName}`;
    values['nextSteps'] = { blocknote: blocknoteOf(markdown), markdown };
  }
  if (rng.chance(0.5)) values['champion'] = { firstName: buyerName.firstName, lastName: buyerName.lastName };
  if (rng.chance(0.3)) values['billingAddress'] = { ...(emptyValue(fields.find((f) => f.type === 'ADDRESS')!) as Json), addressStreet1: `${rng.int(1, 300)} Main Street`, addressCity: 'Springfield', addressCountry: 'United States' };
  if (rng.chance(0.5)) values['fitRating'] = `RATING_${rng.int(1, 5)}`;
  if (rng.chance(0.3)) values['legacyCode'] = `LC-${1000 + n}`;
  return values;
}

const PRODUCTS = ['iPad', 'MacBook Pro', 'iPhone', 'Apple TV+', 'Mac Studio', 'Vision Pro', 'AirPods', 'Apple Watch', 'iMac', 'Mac mini'];
const DEAL_KINDS = ['Deployment', 'Fleet Upgrade', 'Corporate Program', 'Enterprise License', 'Creative Suite', 'Pilot', 'Renewal', 'Expansion'];
const TASK_TITLES = [
  ['Schedule follow-up call', 'Arrange a follow-up call to discuss project details and next steps.'],
  ['Send project proposal', 'Prepare and send the project proposal document with timeline and deliverables.'],
  ['Review contract terms', 'Review the contract terms and conditions before final approval.'],
  ['Prepare meeting agenda', 'Create detailed agenda for upcoming strategy meeting.'],
  ['Send revised proposal', 'Include 3-year pricing.'],
  ['Confirm budget owner', ''],
];

/**
 * A realistic workspace in the captures' shapes: the captured members, companies and people as
 * templates, `deals` opportunities spread over the five standard stages (a few in EUR, some without
 * an amount or close date, one whose micros exceed a double), the custom fields of the captures' run 3
 * and more, and tasks linked to the first deals through taskTargets.
 */
export function seedState(seed: number, dealCount: number, withCustomFields = true, stages?: number): FakeState {
  const rng = new SeededRandom(seed);
  const memberList = members();
  const companyList = companies();
  const peopleList = people(companyList.map((c) => c.id), rng);
  const stageOptions = stageOptionsFor(stages);
  const fields = withCustomFields ? customFields() : [];
  const opportunities: OpportunityRecord[] = [];
  for (let n = 1; n <= dealCount; n++) {
    const product = rng.pick(PRODUCTS);
    const name = `${product} ${rng.pick(DEAL_KINDS)}`;
    const created = SEED_NOW_MS - rng.int(0, 120) * DAY_MS;
    const owner = rng.pick(memberList);
    const noAmount = rng.chance(0.08);
    const company = rng.chance(0.9) ? rng.pick(companyList) : undefined;
    opportunities.push({
      id: opportunityId(n),
      name,
      amount: {
        amountMicros: n === 7 ? HUGE_MICROS : noAmount ? null : String(rng.int(5, 4000) * 1_000_000_000 + rng.int(0, 99) * 10_000),
        currencyCode: rng.chance(0.15) && n !== 7 ? 'EUR' : 'USD',
      },
      closeDate: rng.chance(0.85) ? iso(SEED_NOW_MS + rng.int(5, 200) * DAY_MS - 14 * 60_000 - 8_000) : null,
      stage: stages !== undefined || n <= stageOptions.length ? stageOptions[(n - 1) % stageOptions.length]!.value : rng.pick(stageOptions).value,
      position: n,
      createdBy: actor(TIM, 'Tim Cook'),
      updatedBy: actor(TIM, 'Tim Cook'),
      searchVector: searchVector(name),
      createdAt: iso(created),
      updatedAt: iso(created + rng.int(0, 20) * DAY_MS),
      deletedAt: null,
      pointOfContactId: company && rng.chance(0.8) ? rng.pick(peopleList).id : null,
      companyId: company?.id ?? null,
      ownerId: rng.chance(0.9) ? (owner['id'] as string) : null,
      custom: customValues(fields, n, rng, peopleList),
    });
  }
  const tasks: TaskRecord[] = [];
  const taskTargets: TaskTargetRecord[] = [];
  for (const opportunity of opportunities.slice(0, Math.min(dealCount, DETAILED_DEALS / 2))) {
    const count = opportunity.position <= 3 ? 3 : rng.int(0, 3);
    for (let i = 0; i < count; i++) {
      const n = tasks.length + 1;
      const [title, text] = rng.pick(TASK_TITLES);
      const markdown = rng.chance(0.5) && text ? text : '';
      const due = rng.chance(0.85) ? iso(SEED_NOW_MS + rng.int(-5, 30) * DAY_MS + 6_000 - 15_000) : null;
      tasks.push({
        id: taskId(n),
        position: n,
        title: title!,
        body: markdown ? null : text || null,
        bodyV2: { blocknote: markdown ? blocknoteOf(markdown) : '', markdown },
        dueAt: due,
        status: rng.pick(['TODO', 'TODO', 'IN_PROGRESS', 'DONE']),
        assigneeId: rng.chance(0.8) ? (rng.pick(memberList)['id'] as string) : null,
        createdBy: actor(TIM, 'Tim A'),
        updatedBy: actor(TIM, 'Tim A'),
        searchVector: searchVector(title!),
        createdAt: iso(SEED_NOW_MS),
        updatedAt: iso(SEED_NOW_MS),
        deletedAt: null,
      });
      taskTargets.push({
        id: taskTargetId(taskTargets.length + 1),
        taskId: taskId(n),
        opportunityId: opportunity.id,
        personId: null,
        companyId: null,
        createdAt: iso(SEED_NOW_MS),
        updatedAt: iso(SEED_NOW_MS),
        deletedAt: null,
      });
    }
  }
  // Tasks of people, not opportunities: a deal's list must leave them out.
  for (let i = 0; i < 3; i++) {
    const n = tasks.length + 1;
    tasks.push({ ...structuredClone(tasks[0] ?? taskRecordTemplate()), id: taskId(n), position: n, title: `Call back a lead ${i + 1}` });
    taskTargets.push({
      id: taskTargetId(taskTargets.length + 1), taskId: taskId(n), opportunityId: null, personId: peopleList[i]!.id, companyId: null,
      createdAt: iso(SEED_NOW_MS), updatedAt: iso(SEED_NOW_MS), deletedAt: null,
    });
  }
  return {
    members: memberList,
    companies: companyList,
    people: peopleList,
    opportunities,
    tasks,
    taskTargets,
    stageOptions,
    customFields: fields,
    counters: { task: tasks.length, taskTarget: taskTargets.length },
  };
}

/**
 * The stage SELECT's options: the captured five, or with `stages` exactly that many (the captured
 * ones first, then generated `STAGE_6`…), over which the deals are then spread evenly.
 */
function stageOptionsFor(stages: number | undefined): StageOption[] {
  const capturedOptions = structuredClone(
    captured<{ fields: { name: string; options: StageOption[] }[] }[]>('metadata-objects', 'data', 'objects')
      .flatMap((o) => o.fields)
      .find((f) => f.name === 'stage')!.options,
  );
  if (stages === undefined) return capturedOptions;
  return stagePlan(capturedOptions, [], stages, (n) => ({
    id: `5a6e0000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`, value: `STAGE_${n}`, label: `Stage ${n}`, position: n - 1, color: 'gray',
  }));
}

function taskRecordTemplate(): TaskRecord {
  return {
    id: taskId(0), position: 0, title: null, body: null, bodyV2: { blocknote: '', markdown: '' }, dueAt: null, status: 'TODO',
    assigneeId: null, createdBy: actor(TIM, 'Tim A'), updatedBy: actor(TIM, 'Tim A'), searchVector: '', createdAt: iso(SEED_NOW_MS),
    updatedAt: iso(SEED_NOW_MS), deletedAt: null,
  };
}
