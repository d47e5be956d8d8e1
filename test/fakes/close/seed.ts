import {
  type CloseFakeState, closeTimestamp, type FakeContact, type FakeCustomField, type FakeLead, type FakePipeline,
  type FakeStatus, type FakeUser, type Json, refreshDueTask, refreshOpportunity,
} from './state';
import { SeededRandom } from '../kit/seeded-random';
import { stagePlan } from '../kit/stages';

export const DEFAULT_SEED = 7802;
export const DEFAULT_DEALS = 60;

/** Seeded data is dated relative to this day, so a seed always gives the same records. */
const BASE_DAY = Date.UTC(2026, 2, 2, 9, 0, 0);
const DAY_MS = 86_400_000;

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/** Close ids: a type prefix and 43 base-62 characters (`oppo_…`, `stat_…`). */
function makeId(prng: SeededRandom, prefix: string): string {
  return `${prefix}_${prng.chars(BASE62, 43)}`;
}

const day = (offset: number): string => new Date(BASE_DAY + offset * DAY_MS).toISOString().slice(0, 10);
const stamp = (offsetDays: number, prng: SeededRandom): string => closeTimestamp(BASE_DAY + offsetDays * DAY_MS + prng.int(0, DAY_MS - 1));

const PIPELINES: { name: string; statuses: [string, FakeStatus['type']][] ; share: number }[] = [
  { name: 'Sales', share: 0.5, statuses: [['Demo Completed', 'active'], ['Proposal Sent', 'active'], ['Contract Sent', 'active'], ['Won', 'won'], ['Lost', 'lost']] },
  { name: 'Renewals', share: 0.3, statuses: [['Up for Renewal', 'active'], ['Negotiating', 'active'], ['Renewed', 'won'], ['Churned', 'lost']] },
  { name: 'Partnerships', share: 0.2, statuses: [['Intro Call', 'active'], ['Evaluation', 'active'], ['Signed', 'won'], ['Declined', 'lost']] },
];

const PEOPLE = [
  ['Lindsay', 'Fünke'], ['Michael', 'Bluth'], ['Maeby', 'Fünke'], ['George', 'Oscar'], ['Lucille', 'Austero'],
];
const COMPANIES = [
  'Bluth Company', 'Wayne Enterprises', 'Sitwell Enterprises', 'Dunder Mifflin', 'Initech', 'Globex', 'Stark Industries',
  'Acme Corp', 'Umbrella Logistics', 'Hooli', 'Vandelay Industries', 'Soylent Foods', 'Cyberdyne Systems', 'Tyrell Corp',
  'Wonka Industries', 'Gringotts Bank', 'Oceanic Airlines', 'Monarch Solutions', 'Pied Piper', 'Aperture Science',
  'Massive Dynamic', 'Nakatomi Trading', 'Prestige Worldwide', 'Bushwood Club', 'Krusty Krab Holdings',
];
const CONTACT_NAMES = ['Steli Efti', 'Ann Veal', 'Tobias Fünke', 'Gob Bluth', 'Buster Bluth', 'Kitty Sanchez', 'Barry Zuckerkorn', 'Carl Weathers', 'Sally Sitwell', 'Stan Sitwell'];
const NOTES = [
  'Ready to buy once legal signs off.', 'Needs new software for the whole team.', 'Asked for a discount on annual billing.',
  'Budget approved for Q3.', 'Waiting on the security questionnaire.', '', 'Champion left; rebuild the relationship.',
];
const TASK_TEXTS = ['Send the proposal', 'Follow up', 'Book the demo', 'Call about the contract', 'Email pricing', 'Check in after the trial'];
const PRODUCTS = ['Widget A', 'Widget B', 'Widget C', 'Support Plan'];
const SOURCES = ['Inbound', 'Outbound', 'Referral', 'Partner'];

function customFields(prng: SeededRandom, org: string, by: string): FakeCustomField[] {
  const field = (name: string, type: string, extra: Partial<FakeCustomField> = {}): FakeCustomField => ({
    id: makeId(prng, 'cf'),
    name,
    description: null,
    type,
    choices: null,
    accepts_multiple_values: false,
    editable_with_roles: [],
    is_shared: false,
    referenced_custom_type_id: null,
    back_reference_is_visible: null,
    organization_id: org,
    created_by: by,
    updated_by: by,
    date_created: stamp(-400, prng),
    date_updated: stamp(-300, prng),
    ...extra,
  });
  return [
    field('Contract Link', 'text'),
    field('Deal Summary', 'textarea', { description: 'What the customer is buying and why.' }),
    field('Seats', 'number'),
    field('Renewal Date', 'date'),
    field('Kickoff Call', 'datetime'),
    field('Deal Source', 'choices', { choices: SOURCES }),
    field('Products', 'choices', { choices: PRODUCTS, accepts_multiple_values: true }),
    field('Sales Engineer', 'user'),
    field('Champion', 'contact'),
    field('Approved Discount', 'number', { editable_with_roles: ['role_admin'], description: 'Set by finance.' }),
    field('Region', 'choices', { choices: ['EMEA', 'AMER', 'APAC'], is_shared: true }),
    field('Internal Score', 'hidden'),
  ];
}

function customValue(prng: SeededRandom, f: FakeCustomField, state: CloseFakeState, leadContacts: FakeContact[]): unknown {
  switch (f.type) {
    case 'text': return `https://example.com/contracts/${prng.int(1000, 9999)}.pdf`;
    case 'textarea': return 'Annual plan for the sales team.\nIncludes onboarding.';
    case 'number': return f.editable_with_roles.length ? prng.int(0, 20) : prng.int(1, 500);
    case 'date': return day(prng.int(30, 400));
    case 'datetime': return closeTimestamp(BASE_DAY + prng.int(1, 60) * DAY_MS + 14 * 3_600_000);
    case 'choices':
      return f.accepts_multiple_values ? PRODUCTS.filter(() => prng.chance(0.5)).slice(0, 3).concat(['Widget A']).filter((v, i, a) => a.indexOf(v) === i) : prng.pick(f.choices!);
    case 'user': return prng.pick(state.users).id;
    case 'contact': return leadContacts.length ? prng.pick(leadContacts).id : undefined;
    case 'hidden': return `score-${prng.int(1, 99)}`;
    default: return undefined;
  }
}

function dealCounts(pipelines: typeof PIPELINES, deals: number | Record<string, number>): number[] {
  if (typeof deals !== 'number') return pipelines.map((p) => deals[p.name] ?? 0);
  const counts = pipelines.map((p) => Math.floor(deals * p.share));
  counts[0]! += deals - counts.reduce((a, b) => a + b, 0);
  return counts;
}

/**
 * With `stages`, the main pipeline (Sales) has that many statuses (its active ones, more generated, then
 * won and lost) and a number of deals all go into it, spread evenly over its statuses.
 */
function pipelinesFor(stages: number | undefined): typeof PIPELINES {
  if (stages === undefined) return PIPELINES;
  const [main, ...rest] = PIPELINES;
  const statuses = stagePlan(
    main!.statuses.filter(([, type]) => type === 'active'),
    main!.statuses.filter(([, type]) => type !== 'active'),
    stages,
    (n): [string, FakeStatus['type']] => [`Stage ${n}`, 'active'],
  );
  return [{ ...main!, statuses, share: 1 }, ...rest.map((p) => ({ ...p, share: 0 }))];
}

/** Realistic, seeded data: three pipelines, users, leads with contacts, every custom field type, tasks. */
export function seedState(seed: number, deals: number | Record<string, number>, stages?: number): CloseFakeState {
  const prng = new SeededRandom(seed);
  const pipelines = pipelinesFor(stages);
  const orgId = makeId(prng, 'orga');
  const users: FakeUser[] = PEOPLE.map(([first, last]) => ({
    id: makeId(prng, 'user'),
    first_name: first!,
    last_name: last!,
    email: `${first!.toLowerCase()}@bluth.example`,
    organization_id: orgId,
  }));
  const state: CloseFakeState = {
    organization: { id: orgId, name: 'Bluth Company', currency: 'USD' },
    meId: users[0]!.id,
    users,
    pipelines: [],
    statuses: [],
    leads: [],
    contacts: [],
    customFields: [],
    customFieldSchemaEndpoint: true,
    opportunities: [],
    tasks: [],
  };
  for (const p of pipelines) {
    const pipeline: FakePipeline = {
      id: makeId(prng, 'pipe'), name: p.name, organization_id: orgId, statusIds: [],
      // Close sends pipeline dates without a zone and with microseconds.
      date_created: stamp(-500, prng).replace('+00:00', ''), date_updated: stamp(-450, prng).replace('+00:00', ''),
    };
    for (const [label, type] of p.statuses) {
      const status: FakeStatus = { id: makeId(prng, 'stat'), label, type, pipeline_id: pipeline.id, organization_id: orgId };
      state.statuses.push(status);
      pipeline.statusIds.push(status.id);
    }
    state.pipelines.push(pipeline);
  }
  for (const name of COMPANIES) {
    const lead: FakeLead = { id: makeId(prng, 'lead'), display_name: name, organization_id: orgId };
    state.leads.push(lead);
    for (let i = prng.int(1, 2); i > 0; i--) {
      state.contacts.push({ id: makeId(prng, 'cont'), lead_id: lead.id, name: prng.pick(CONTACT_NAMES), title: 'Buyer', organization_id: orgId });
    }
  }
  state.customFields = customFields(prng, orgId, users[0]!.id);
  dealCounts(pipelines, deals).forEach((count, pipelineIndex) => {
    const pipeline = state.pipelines[pipelineIndex]!;
    for (let i = 0; i < count; i++) addOpportunity(state, prng, pipeline, i);
  });
  for (const lead of state.leads) addLeadTasks(state, prng, lead);
  return state;
}

function addOpportunity(state: CloseFakeState, prng: SeededRandom, pipeline: FakePipeline, index: number): void {
  const statusId = pipeline.statusIds[index % pipeline.statusIds.length]!;
  const status = state.statuses.find((s) => s.id === statusId)!;
  const lead = prng.pick(state.leads);
  const leadContacts = state.contacts.filter((c) => c.lead_id === lead.id);
  const user = prng.pick(state.users);
  const created = -prng.int(5, 400);
  const period = prng.chance(0.7) ? 'one_time' : prng.chance(0.5) ? 'monthly' : 'annual';
  // One opportunity of the Partnerships "Evaluation" stage is in euros: that stage mixes currencies.
  const currency = pipeline.name === 'Partnerships' && status.label === 'Evaluation' && index % 8 === 1 ? 'EUR' : state.organization.currency;
  const opp: Json = {
    id: makeId(prng, 'oppo'),
    organization_id: state.organization.id,
    lead_id: lead.id,
    status_id: statusId,
    value: prng.chance(0.9) ? prng.int(5, 5000) * 10_000 + (prng.chance(0.2) ? prng.int(1, 99) : 0) : null,
    value_period: period,
    value_currency: currency,
    confidence: status.type === 'won' ? 100 : status.type === 'lost' ? 0 : prng.pick([10, 25, 50, 75, 90]),
    note: prng.pick(NOTES),
    date_won: status.type === 'lost' || prng.chance(0.15) ? null : day(status.type === 'won' ? -prng.int(1, 90) : prng.int(-10, 120)),
    date_lost: status.type === 'lost' ? stamp(-prng.int(1, 60), prng) : null,
    user_id: user.id,
    contact_id: leadContacts.length && prng.chance(0.7) ? prng.pick(leadContacts).id : null,
    integration_links: [],
    created_by: user.id,
    created_by_name: `${user.first_name} ${user.last_name}`,
    updated_by: user.id,
    updated_by_name: `${user.first_name} ${user.last_name}`,
    date_created: stamp(created, prng),
    date_updated: stamp(created + prng.int(0, 4), prng),
  };
  for (const field of state.customFields) {
    if (!prng.chance(0.55)) continue;
    const value = customValue(prng, field, state, leadContacts);
    if (value !== undefined) opp[`custom.${field.id}`] = value;
  }
  state.opportunities.push(refreshOpportunity(state, opp));
  if (status.type === 'active' && opp['date_won']) {
    const task: Json = {
      id: makeId(prng, 'noti'), _type: 'opportunity_due', date: opp['date_won'], is_complete: prng.chance(0.2),
      is_dateless: false, assigned_to: user.id, assigned_to_name: `${user.first_name} ${user.last_name}`,
      lead_id: lead.id, lead_name: lead.display_name, contact_id: opp['contact_id'], contact_name: null,
      object_type: 'opportunity', object_id: opp['id'], organization_id: state.organization.id,
      created_by: user.id, created_by_name: `${user.first_name} ${user.last_name}`, updated_by: user.id,
      updated_by_name: `${user.first_name} ${user.last_name}`, date_created: opp['date_created'], date_updated: opp['date_updated'],
    };
    task['view'] = viewOf(task);
    refreshDueTask(state, task, opp);
    state.tasks.push(task);
  }
}

function addLeadTasks(state: CloseFakeState, prng: SeededRandom, lead: FakeLead): void {
  for (let i = prng.int(0, 3); i > 0; i--) {
    const user = prng.pick(state.users);
    const done = prng.chance(0.35);
    const offset = prng.int(-20, 40);
    const date = prng.chance(0.3) ? closeTimestamp(BASE_DAY + offset * DAY_MS + 15 * 3_600_000) : day(offset);
    const task: Json = {
      id: makeId(prng, 'task'), _type: 'lead', text: prng.pick(TASK_TEXTS), date, due_date: date.slice(0, 10),
      is_complete: done, is_dateless: false, assigned_to: user.id, assigned_to_name: `${user.first_name} ${user.last_name}`,
      lead_id: lead.id, lead_name: lead.display_name, contact_id: null, contact_name: null,
      // Real completed lead tasks carry object_type "taskcompleted" (see the notes' fixture C6).
      object_type: done ? 'taskcompleted' : null, object_id: done ? makeId(prng, 'acti') : null,
      organization_id: state.organization.id, created_by: user.id, created_by_name: `${user.first_name} ${user.last_name}`,
      updated_by: user.id, updated_by_name: `${user.first_name} ${user.last_name}`,
      date_created: stamp(offset - 10, prng), date_updated: stamp(offset - 5, prng),
    };
    task['view'] = viewOf(task);
    state.tasks.push(task);
  }
}

/** inbox: open and due by today; future: open and due later; archive: completed. */
export function viewOf(task: Json, now = Date.now()): 'inbox' | 'future' | 'archive' {
  if (task['is_complete']) return 'archive';
  const date = typeof task['date'] === 'string' ? task['date'] : undefined;
  if (!date) return 'inbox';
  const due = Date.parse(date.length === 10 ? `${date}T00:00:00Z` : date);
  return due > now ? 'future' : 'inbox';
}

export function newId(prefix: string): string {
  return makeId(new SeededRandom((Math.random() * 2 ** 32) >>> 0), prefix);
}
