import { acDateTime, acUtcTimestamp } from './dates';
import type {
  AcAccountRecord, AcContactRecord, AcDealRecord, AcFieldDatumRecord, AcFieldMetaRecord, AcGroupRecord, AcStageRecord,
  AcTaskRecord, AcTaskTypeRecord, AcUserRecord, FakeState,
} from './types';
import { SeededRandom } from '../kit/seeded-random';
import { stagePlan } from '../kit/stages';

/** Seeded dates count back from here, so a seed always gives the same data. */
export const SEED_NOW_MS = Date.parse('2026-03-14T15:00:00Z');
const DAY_MS = 86_400_000;

/** Deals beyond this many get no custom values or tasks: large seeds only exercise paging. */
const DETAILED_DEALS = 80;

/** The deal the key's user may not open (AC's `isDisabled`); in "In Contact" of the first pipeline. */
export const LOCKED_DEAL_TITLE = 'Demo Requested';

const USERS: [string, string, string][] = [
  ['dana', 'Dana', 'Whitfield'],
  ['marco', 'Marco', 'Ruiz'],
  ['priya', 'Priya', 'Nair'],
  ['tom', 'Tom', 'Becker'],
];

/** Stage ids are deliberately not in `order` order, as happens after stages are reordered in AC. */
const PIPELINES = [
  {
    id: '1',
    title: 'Sales Pipeline',
    currency: 'usd',
    stages: [
      { id: '1', title: 'To Contact', color: '32B0FC' },
      { id: '2', title: 'In Contact', color: 'C481DF' },
      { id: '5', title: 'Qualified', color: '00ECC5' },
      { id: '3', title: 'Proposal Sent', color: 'FFA000' },
      { id: '4', title: 'Negotiation', color: 'E53935' },
    ],
  },
  {
    id: '2',
    title: 'Partnerships',
    currency: 'eur',
    stages: [
      { id: '6', title: 'Intro', color: '7CB342' },
      { id: '7', title: 'Evaluation', color: '5C6BC0' },
      { id: '8', title: 'Contract', color: 'F4511E' },
      { id: '9', title: 'Live', color: '26A69A' },
    ],
  },
];

const FIRST_NAMES = ['Ava', 'Liam', 'Noah', 'Emma', 'Olivia', 'Mia', 'Lucas', 'Sofia', 'Ethan', 'Zara', 'Jonas', 'Aiko', 'Kwame', 'Ines', 'Mateo'];
const LAST_NAMES = ['Okafor', 'Lindqvist', 'Moreau', 'Kowalski', 'Tanaka', 'Haddad', 'Brennan', 'Silva', 'Novak', 'Fischer'];
const COMPANIES = [
  'Northwind Traders', 'Bluebird Analytics', 'Helix Robotics', 'Granite Legal', 'Juniper Health', 'Orbit Logistics',
  'Cobalt Media', 'Sequoia Foods', 'Vertex Energy', 'Lumen Schools', 'Atlas Insurance', 'Pioneer Clinics',
];
const DEAL_WORDS = ['Renewal', 'Expansion', 'Pilot', 'Annual plan', 'Onboarding', 'Upgrade', 'Rollout', 'Support plan'];
const DESCRIPTIONS = ['', '', 'Budget approved for Q2.', 'Champion is the VP of Ops.', 'Needs SSO and an audit log.\nLegal review pending.'];

function fieldMeta(): AcFieldMetaRecord[] {
  const created = acUtcTimestamp(SEED_NOW_MS - 400 * DAY_MS);
  const field = (
    id: number,
    fieldLabel: string,
    fieldType: string,
    extra: Partial<AcFieldMetaRecord> = {},
  ): AcFieldMetaRecord => ({
    id: String(id),
    fieldLabel,
    fieldType,
    fieldOptions: null,
    fieldDefault: null,
    fieldDefaultCurrency: null,
    isFormVisible: 1,
    isRequired: 0,
    displayOrder: id,
    personalization: `DEAL_${fieldLabel.toUpperCase().replace(/[^A-Z0-9]+/g, '_')}`,
    knownFieldId: null,
    hideFieldFlag: 0,
    createdTimestamp: created,
    updatedTimestamp: created,
    ...extra,
  });
  return [
    field(1, 'Forecasted Close Date', 'date', { knownFieldId: 13, personalization: 'DEAL_FORECASTED_CLOSE_DATE', isFormVisible: 0 }),
    field(2, 'Products', 'multiselect', { fieldOptions: ['Starter', 'Growth', 'Enterprise', 'Add-on: SSO'] }),
    field(3, 'Contract Value', 'currency', { fieldDefault: '0', fieldDefaultCurrency: 'usd' }),
    field(4, 'Lead Source', 'dropdown', { fieldOptions: ['Website', 'Referral', 'Event', 'Outbound'], isRequired: 1 }),
    field(5, 'Notes for Finance', 'textarea'),
    field(6, 'Seats', 'number'),
    field(7, 'Kickoff Call', 'datetime', { createdTimestamp: '2019-04-23 15:34:00', updatedTimestamp: '2019-05-03 15:16:51' }),
    field(8, 'Region', 'radio', { fieldOptions: ['Americas', 'EMEA', 'APAC'] }),
    field(9, 'Website', 'text'),
    field(10, 'Compliance', 'checkbox', { fieldOptions: ['GDPR', 'SOC 2', 'HIPAA'] }),
    field(11, 'Internal Ref', 'hidden', { isFormVisible: 0 }),
  ];
}

const TASK_TYPES: [string, string][] = [
  ['1', 'Call'],
  ['2', 'Email'],
  ['3', 'To-do'],
  ['4', 'Meeting'],
];

/** A value for a field as AC stores it, or undefined to leave the field empty. */
function seededValue(rng: SeededRandom, meta: AcFieldMetaRecord, dealCurrency: string): Pick<AcFieldDatumRecord, 'fieldValue' | 'fieldCurrency'> | undefined {
  const options = meta.fieldOptions ?? [];
  switch (meta.fieldType) {
    case 'date':
      return { fieldValue: acDateTime(SEED_NOW_MS + rng.int(-30, 120) * DAY_MS).slice(0, 10) };
    case 'multiselect':
    case 'checkbox': {
      const chosen = options.filter(() => rng.chance(0.45));
      return chosen.length ? { fieldValue: `||${chosen.join('||')}||` } : undefined;
    }
    case 'currency':
      return { fieldValue: String(rng.int(1, 900) * 1000 + rng.int(0, 99)), fieldCurrency: rng.chance(0.8) ? dealCurrency : 'gbp' };
    case 'dropdown':
    case 'radio':
      return { fieldValue: rng.pick(options) };
    case 'textarea':
      return rng.chance(0.5) ? { fieldValue: 'Invoice quarterly.\nPO required.' } : undefined;
    case 'number':
      return { fieldValue: String(rng.int(1, 400)) };
    case 'datetime':
      return { fieldValue: acDateTime(SEED_NOW_MS + rng.int(1, 40) * DAY_MS + rng.int(8, 17) * 3_600_000) };
    case 'text':
      return { fieldValue: `https://www.${rng.pick(COMPANIES).toLowerCase().replace(/\s+/g, '')}.example` };
    case 'hidden':
      return { fieldValue: `REF-${rng.int(1000, 9999)}` };
    default:
      return undefined;
  }
}

type PipelineSeed = (typeof PIPELINES)[number];

/**
 * With `stages`, the first pipeline has that many stages (its own, then generated ones with fresh ids)
 * and holds every deal, spread evenly over them; the second pipeline stays, empty.
 */
function pipelinesFor(stages: number | undefined): PipelineSeed[] {
  if (stages === undefined) return PIPELINES;
  const [main, ...rest] = PIPELINES;
  let nextId = Math.max(...PIPELINES.flatMap((p) => p.stages.map((s) => Number(s.id)))) + 1;
  const mainStages = stagePlan(main!.stages, [], stages, (n) => ({ id: String(nextId++), title: `Stage ${n}`, color: '90A4AE' }));
  return [{ ...main!, stages: mainStages }, ...rest];
}

/** Realistic AC data: 2 pipelines, 9 stages, `dealCount` deals (one locked), custom values of every kind, tasks. */
export function seedState(seed: number, dealCount: number, stages?: number): FakeState {
  const rng = new SeededRandom(seed);
  const pipelines = pipelinesFor(stages);
  const long = acDateTime(SEED_NOW_MS - 500 * DAY_MS);
  const users: AcUserRecord[] = USERS.map(([username, firstName, lastName], i) => ({
    id: String(i + 1), username, firstName, lastName, email: `${username}@acme-fake.example`, phone: '', signature: null,
  }));
  const dealGroups: AcGroupRecord[] = pipelines.map((p) => ({
    id: p.id, title: p.title, currency: p.currency, stages: p.stages.map((s) => s.id),
    allgroups: '1', allusers: '1', autoassign: '1', cdate: long, udate: long, win_probability_initialize_date: null,
  }));
  const dealStages: AcStageRecord[] = pipelines.flatMap((p) =>
    p.stages.map((s, i) => ({
      id: s.id, title: s.title, group: p.id, order: String(i + 1), color: s.color, width: '280', dealOrder: 'next-action DESC',
      cardRegion1: 'title', cardRegion2: 'next-action', cardRegion3: 'show-avatar', cardRegion4: 'contact-fullname-orgname',
      cardRegion5: 'value', cdate: long, udate: i % 2 ? null : long,
    })),
  ).sort((a, b) => Number(a.id) - Number(b.id));
  const accounts: AcAccountRecord[] = COMPANIES.map((name, i) => ({
    id: String(i + 1), name, accountUrl: `https://www.${name.toLowerCase().replace(/\s+/g, '')}.example`,
    createdTimestamp: long, updatedTimestamp: long,
  }));
  const contacts: AcContactRecord[] = Array.from({ length: 30 }, (_, i) => {
    const firstName = FIRST_NAMES[i % FIRST_NAMES.length]!;
    const lastName = LAST_NAMES[(i * 7) % LAST_NAMES.length]!;
    return {
      id: String(i + 1), firstName, lastName, email: `${firstName}.${lastName}@example.org`.toLowerCase(), phone: '',
      orgid: String((i % accounts.length) + 1), cdate: long, udate: long,
    };
  });
  const allStages = pipelines.flatMap((p) => p.stages.map((s) => ({ pipeline: p, stage: s })));
  const main = pipelines[0]!;
  const deals: AcDealRecord[] = [];
  for (let i = 0; i < dealCount; i++) {
    // The first deals cover every stage once, so no stage is empty; then 70% go to the first pipeline.
    const slot = stages !== undefined
      ? { pipeline: main, stage: main.stages[i % main.stages.length]! }
      : i < allStages.length
        ? allStages[i]!
        : (() => {
            const pipeline = rng.chance(0.7) ? pipelines[0]! : pipelines[1]!;
            return { pipeline, stage: rng.pick(pipeline.stages) };
          })();
    const contact = rng.pick(contacts);
    const company = rng.chance(0.85) ? contact.orgid : null;
    const created = SEED_NOW_MS - rng.int(5, 300) * DAY_MS - rng.int(0, 86_399) * 1000;
    const modified = Math.min(SEED_NOW_MS, created + rng.int(0, 60) * DAY_MS);
    const status = rng.chance(0.8) ? '0' : rng.pick(['1', '2']);
    const currency = rng.chance(0.9) ? slot.pipeline.currency : rng.pick(['usd', 'eur', 'gbp']);
    const companyName = company ? accounts[Number(company) - 1]!.name : `${contact.firstName} ${contact.lastName}`;
    deals.push({
      id: String(i + 1),
      hash: rng.chars('0123456789abcdef', 8),
      owner: rng.pick(users).id,
      contact: contact.id,
      organization: company,
      account: company,
      customerAccount: company,
      group: slot.pipeline.id,
      stage: slot.stage.id,
      title: `${companyName} ${rng.pick(DEAL_WORDS)}`,
      description: rng.pick(DESCRIPTIONS),
      percent: String(rng.int(0, 10) * 10),
      cdate: acDateTime(created),
      mdate: acDateTime(modified),
      nextdate: null,
      nexttaskid: null,
      value: String(rng.chance(0.05) ? 0 : rng.int(5, 2_500) * 100 + rng.int(0, 99)),
      currency,
      winProbability: rng.chance(0.5) ? rng.int(5, 95) : null,
      winProbabilityMdate: null,
      status,
      activitycount: String(rng.int(0, 12)),
      nextdealid: String(i + 1),
      edate: status === '0' ? null : '2026-02-20 14:15:37',
      isDisabled: false,
    });
  }
  const locked = deals.find((d) => d.stage === '2');
  if (locked) {
    locked.title = LOCKED_DEAL_TITLE;
    locked.isDisabled = true;
  }
  const dealCustomFieldMeta = fieldMeta();
  const dealCustomFieldData: AcFieldDatumRecord[] = [];
  const dealTasks: AcTaskRecord[] = [];
  for (const deal of deals.slice(0, DETAILED_DEALS)) {
    if (deal.isDisabled) continue;
    for (const meta of dealCustomFieldMeta) {
      if (!rng.chance(0.6)) continue;
      const value = seededValue(rng, meta, deal.currency);
      if (!value) continue;
      const stamp = acUtcTimestamp(Date.parse(deal.cdate) + DAY_MS);
      dealCustomFieldData.push({
        id: String(dealCustomFieldData.length + 1),
        dealCustomFieldMetumId: Number(meta.id),
        dealId: Number(deal.id),
        customFieldId: Number(meta.id),
        createdTimestamp: stamp,
        updatedTimestamp: stamp,
        ...value,
      });
    }
    const taskCount = rng.int(0, 3);
    for (let t = 0; t < taskCount; t++) {
      const dueMs = SEED_NOW_MS + rng.int(-10, 30) * DAY_MS;
      const wholeDay = rng.chance(0.4);
      const due = wholeDay ? `${acDateTime(dueMs).slice(0, 10)}T00:00:00-05:00` : acDateTime(dueMs - (dueMs % 3_600_000));
      const done = rng.chance(0.3);
      const type = rng.pick(TASK_TYPES);
      dealTasks.push({
        id: String(dealTasks.length + 1),
        duedate: due,
        edate: due,
        status: done ? 1 : 0,
        title: rng.chance(0.2) ? null : rng.pick(['Send proposal', 'Follow up on pricing', 'Book demo', 'Check references', 'Call champion']),
        note: rng.chance(0.5) ? 'Agenda: pricing, rollout plan.' : null,
        relid: deal.id,
        reltype: 'Deal',
        dealTasktype: type[0],
        cdate: deal.cdate,
        udate: deal.mdate,
        automation: null,
        doneAutomation: null,
        user: deal.owner,
        assignee: rng.pick(users).id,
        outcomeId: null,
        outcomeInfo: null,
        donedate: done ? deal.mdate : null,
      });
    }
  }
  const dealTasktypes: AcTaskTypeRecord[] = TASK_TYPES.map(([id, title]) => ({ id, title, status: '0', defduration: '0', cdate: null, udate: null }));
  return {
    users, dealGroups, dealStages, deals, dealCustomFieldMeta, dealCustomFieldData, dealTasks, dealTasktypes, contacts, accounts,
    nextIds: { deal: deals.length + 1, datum: dealCustomFieldData.length + 1, task: dealTasks.length + 1 },
  };
}
