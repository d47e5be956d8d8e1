import type {
  FakeState, SpottClientContactRecord, SpottCompanyRecord, SpottCustomAttributeRecord, SpottOpportunityRecord, SpottStageRecord,
  SpottTaskRecord, SpottUserRecord, TaskLinkKind,
} from './types';
import { SeededRandom } from '../kit/seeded-random';
import { stagePlan } from '../kit/stages';

/** Seeded dates count back from here, so a seed always gives the same data. */
export const SEED_NOW_MS = Date.parse('2026-05-20T12:00:00.000Z');
const DAY_MS = 86_400_000;

/** Opportunities beyond this many get no custom attributes or tasks: large seeds only exercise paging. */
const DETAILED_DEALS = 80;

/** The stage no seeded opportunity is in: Spott's API gives no way to discover it. */
export const EMPTY_STAGE_ID = 'stg_on_hold';

/**
 * The two opportunities of the notes' fixtures S1/S2, first in the list as there (their hidden
 * modification time is the oldest; the tasks S4 likewise).
 */
export const FIXTURE_IDS = { northwind: 'opp_01HZX3K9', initech: 'opp_01HZX7P2' } as const;
const FIXTURE_COUNT = Object.keys(FIXTURE_IDS).length;

/** Crockford's base 32, the characters of Spott's ULID-style ids. */
const ULID_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

const iso = (ms: number): string => new Date(ms).toISOString();
const midnight = (ms: number): string => `${iso(ms).slice(0, 10)}T00:00:00.000Z`;

const USERS: SpottUserRecord[] = [
  { id: 'usr_A11', name: 'Sam Recruiter', avatarUrl: 'https://cdn.gospott.com/avatars/usr_A11.png', deactivatedAt: null },
  { id: 'usr_B22', name: 'Maya Okafor', avatarUrl: null, deactivatedAt: null },
  { id: 'usr_C33', name: 'Lars Eriksen', avatarUrl: null, deactivatedAt: null },
  { id: 'usr_D44', name: 'Ines Duarte', avatarUrl: null, deactivatedAt: '2026-01-31T17:00:00.000Z' },
];

/** The opportunity pipeline; Won and Lost are the closed stages (`isOpen: false`). */
const STAGES: SpottStageRecord[] = [
  { id: 'stg_lead', name: 'Lead', order: 1, isOpen: true },
  { id: 'stg_qualified', name: 'Qualified', order: 2, isOpen: true },
  { id: 'stg_proposal', name: 'Proposal sent', order: 3, isOpen: true },
  { id: 'stg_negotiation', name: 'Negotiation', order: 4, isOpen: true },
  { id: 'stg_won', name: 'Won', order: 5, isOpen: false },
  { id: 'stg_lost', name: 'Lost', order: 6, isOpen: false },
  { id: EMPTY_STAGE_ID, name: 'On hold', order: 7, isOpen: true },
];
const USED_STAGES = STAGES.filter((s) => s.id !== EMPTY_STAGE_ID);

const COMPANIES: SpottCompanyRecord[] = [
  { id: 'cmp_7Q2M', name: 'Northwind Traders' },
  { id: 'cmp_9K1', name: 'Initech' },
  { id: 'cmp_3H8P', name: 'Globex Corporation' },
  { id: 'cmp_5T4R', name: 'Umbrella Health' },
  { id: 'cmp_8W2N', name: 'Stark Logistics' },
  { id: 'cmp_2B6C', name: 'Wayne Analytics' },
  { id: 'cmp_4D9F', name: 'Acme Robotics' },
  { id: 'cmp_6G1J', name: 'Hooli Cloud' },
  { id: 'cmp_1L7K', name: 'Vandelay Industries' },
  { id: 'cmp_0M3X', name: 'Soylent Foods' },
];

const ROLES = [
  'Finance hiring', 'Engineering leads', 'Data team build-out', 'Sales expansion', 'Interim CFO', 'Head of Product',
  'Warehouse supervisors', 'Nurse practitioners', 'DevOps contractors', 'Graduate programme', 'Board search', 'Customer success',
];
const FIRST = ['Ada', 'Grace', 'Alan', 'Katherine', 'Linus', 'Margaret', 'Tim', 'Barbara', 'Ken', 'Radia', 'Edsger', 'Frances'];
const LAST = ['Lovelace', 'Hopper', 'Turing', 'Johnson', 'Torvalds', 'Hamilton', 'Berners-Lee', 'Liskov', 'Thompson', 'Perlman', 'Dijkstra', 'Allen'];
const TITLES = ['CFO', 'VP Engineering', 'Head of Talent', 'COO', 'HR Director', 'CTO'];
const SOURCES = ['LinkedIn outreach', 'Referral', 'Inbound website', 'Conference', 'Existing client'];
const TASK_TEXTS = [
  'Call {first} re: fee terms', 'Send shortlist to {first}', 'Book intake meeting', 'Chase signed terms of business',
  'Prepare market map', 'Follow up on interview feedback', 'Send candidate profiles', 'Confirm start date',
];
const LABELS = [
  { id: 'lbl_1', name: 'Follow-up', colorHex: '#3B82F6' },
  { id: 'lbl_2', name: 'Urgent', colorHex: '#EF4444' },
];

const emptyLinks = (): Record<TaskLinkKind, { id: string }[]> => ({
  candidates: [], vacancies: [], clients: [], users: [], teams: [], clientContacts: [], opportunities: [],
});

const metadata = (): SpottTaskRecord['metadata'] => ({
  outreachSequenceId: null, outreachSequenceName: null, outreachSequenceRunId: null, type: 'GENERIC_TASK',
});

function text(attributeDefinitionId: string, label: string, value: string, ai = false, overridden = false): SpottCustomAttributeRecord {
  return {
    attributeDefinitionId, label, aiFillOngoing: false, aiOverridden: overridden, isFilledByAI: ai,
    value: { viewType: 'customText', text: value },
  };
}

function contact(id: string, first: string, last: string, company: SpottCompanyRecord, jobTitle: string): SpottClientContactRecord {
  const domain = `${company.name.split(' ')[0]!.toLowerCase()}.example`;
  return {
    id, firstName: first, lastName: last, middleName: null, secondLastName: null, avatarUrl: null, candidateId: null,
    companyId: company.id, jobTitle, department: null,
    emails: [{ purpose: 'work', email: `${first.toLowerCase()}@${domain}`, isPrimary: true }],
    phoneNumbers: [{ purpose: 'work', phoneNumber: '+44 20 7946 0000', isPrimary: true }],
  };
}

/** The notes' fixtures S1, S2 and S4, verbatim where the notes give values. */
function fixtures(state: FakeState): void {
  const northwind = COMPANIES[0]!;
  state.clientContacts.push({ ...contact('cc_55', 'Ada', 'Lovelace', northwind, 'CFO'), department: 'Finance', emails: [{ purpose: 'work', email: 'ada@northwind.example', isPrimary: true }] });
  state.opportunities.push(
    {
      id: FIXTURE_IDS.northwind,
      name: 'Northwind - Finance hiring 2026',
      description: '3 senior accountants, retained search.',
      stageId: 'stg_proposal',
      companyId: 'cmp_7Q2M',
      ownerId: 'usr_A11',
      closeDate: '2026-07-15T00:00:00.000Z',
      createdAt: '2026-04-03T08:21:10.000Z',
      modifiedAt: '2025-06-01T09:00:00.000Z',
      clientTeamIds: ['cc_55'],
      customAttributes: [text('attr_fee_pct', 'Fee %', '22'), text('attr_source', 'Lead source', 'LinkedIn outreach', true, true)],
    },
    {
      id: FIXTURE_IDS.initech,
      name: 'Initech - Engineering leads',
      description: null,
      stageId: 'stg_won',
      companyId: 'cmp_9K1',
      ownerId: null,
      closeDate: null,
      createdAt: '2026-02-11T15:02:44.000Z',
      modifiedAt: '2025-06-01T09:00:01.000Z',
      clientTeamIds: [],
      customAttributes: [],
    },
  );
  state.tasks.push(
    {
      id: 'tsk_901', content: 'Call Ada re: fee terms', dueDate: '2026-05-23T09:00:00.000Z', isCompleted: false, completedAt: null,
      createdAt: '2026-05-19T11:00:00.000Z', modifiedAt: '2025-06-01T09:00:00.000Z', createdById: 'usr_A11', assignedToId: 'usr_A11',
      metadata: metadata(), labels: [LABELS[0]!], source: 'MANUAL',
      links: { ...emptyLinks(), clients: [{ id: 'cli_77' }], clientContacts: [{ id: 'cc_55' }], opportunities: [{ id: FIXTURE_IDS.northwind }] },
    },
    {
      id: 'tsk_902', content: 'Send shortlist', dueDate: null, isCompleted: true, completedAt: '2026-05-10T17:30:00.000Z',
      createdAt: '2026-05-01T09:00:00.000Z', modifiedAt: '2025-06-01T09:00:01.000Z', createdById: null, assignedToId: null,
      metadata: metadata(), labels: [], source: 'MANUAL',
      links: { ...emptyLinks(), candidates: [{ id: 'cand_3' }], vacancies: [{ id: 'vac_12' }] },
    },
  );
}

/**
 * The stages opportunities are in: the six used ones, or with `stages` exactly that many (the open
 * ones, generated open ones, then Won and Lost while there is room).
 */
function usedStagesFor(stages: number | undefined): SpottStageRecord[] {
  if (stages === undefined) return USED_STAGES;
  const plan = stagePlan(USED_STAGES.filter((s) => s.isOpen), USED_STAGES.filter((s) => !s.isOpen), stages,
    (n): SpottStageRecord => ({ id: `stg_generated_${n}`, name: `Stage ${n}`, order: n, isOpen: true }));
  return plan.map((s, i) => ({ ...s, order: i + 1 }));
}

/**
 * A realistic recruiting book: the fixtures, then `deals` - 2 generated opportunities with contacts, attributes and tasks.
 * With `stages`, every opportunity (the fixtures too) is spread evenly over exactly that many stages.
 */
export function seedState(seed: number, deals: number, stages?: number): FakeState {
  const rng = new SeededRandom(seed);
  const usedStages = usedStagesFor(stages);
  const emptyStage = STAGES.find((s) => s.id === EMPTY_STAGE_ID)!;
  const state: FakeState = {
    users: USERS.map((u) => ({ ...u })),
    stages: [...usedStages, { ...emptyStage, order: usedStages.length + 1 }].map((s) => ({ ...s })),
    companies: COMPANIES.map((c) => ({ ...c })),
    clientContacts: [],
    opportunities: [],
    tasks: [],
    nextIds: { task: 1000, request: 1 },
  };
  fixtures(state);
  const ids = new Set(state.opportunities.map((o) => o.id));
  const activeOwners = state.users.filter((u) => !u.deactivatedAt);
  for (let i = state.opportunities.length; i < deals; i++) {
    let id = `opp_${rng.chars(ULID_ALPHABET, 8)}`;
    while (ids.has(id)) id = `opp_${rng.chars(ULID_ALPHABET, 8)}`;
    ids.add(id);
    const company = rng.pick(COMPANIES);
    const stage = stages === undefined ? rng.pick(usedStages) : usedStages[i % usedStages.length]!;
    const created = SEED_NOW_MS - rng.int(20, 300) * DAY_MS - rng.int(0, DAY_MS);
    const modified = Math.min(SEED_NOW_MS - 1000, created + rng.int(0, 19) * DAY_MS + rng.int(0, DAY_MS));
    const owner = rng.chance(0.08) ? null : rng.chance(0.05) ? state.users[3]! : rng.pick(activeOwners);
    const detailed = i < DETAILED_DEALS;
    const team: string[] = [];
    if (detailed && rng.chance(0.8)) {
      const first = rng.pick(FIRST);
      const person = contact(`cc_${1000 + i}`, first, rng.pick(LAST), company, rng.pick(TITLES));
      state.clientContacts.push(person);
      team.push(person.id);
    }
    const attributes: SpottCustomAttributeRecord[] = [];
    if (detailed) {
      if (rng.chance(0.7)) attributes.push(text('attr_fee_pct', 'Fee %', String(rng.int(15, 30))));
      if (rng.chance(0.8)) attributes.push(text('attr_source', 'Lead source', rng.pick(SOURCES), rng.chance(0.3)));
      if (rng.chance(0.5)) attributes.push(text('attr_roles', 'Roles to fill', String(rng.int(1, 12))));
    }
    state.opportunities.push({
      id,
      name: `${company.name.split(' ')[0]} - ${rng.pick(ROLES)} ${rng.int(2025, 2026)}`,
      description: rng.chance(0.6) ? `${rng.int(1, 8)} roles, ${rng.pick(['retained', 'contingent', 'exclusive'])} search.` : null,
      stageId: stage.id,
      companyId: rng.chance(0.95) ? company.id : null,
      ownerId: owner?.id ?? null,
      closeDate: rng.chance(0.7) ? midnight(SEED_NOW_MS + rng.int(-60, 180) * DAY_MS) : null,
      createdAt: iso(created),
      modifiedAt: iso(modified),
      clientTeamIds: team,
      customAttributes: attributes,
    });
    if (!detailed) continue;
    for (let t = rng.int(0, 3); t > 0; t--) {
      const done = rng.chance(0.35);
      const due = rng.chance(0.85) ? SEED_NOW_MS + rng.int(-20, 40) * DAY_MS : undefined;
      const person = state.clientContacts.find((c) => c.id === team[0]);
      state.tasks.push({
        id: `tsk_${state.nextIds.task++}`,
        content: rng.pick(TASK_TEXTS).replace('{first}', person?.firstName ?? 'the client'),
        dueDate: due === undefined ? null : rng.chance(0.3) ? midnight(due) : iso(due - (due % 900_000)),
        isCompleted: done,
        completedAt: done ? iso(modified) : null,
        createdAt: iso(created + DAY_MS),
        modifiedAt: iso(modified + rng.int(1, 1000)),
        createdById: owner?.id ?? null,
        assignedToId: rng.chance(0.9) ? (owner && !owner.deactivatedAt ? owner.id : activeOwners[0]!.id) : null,
        metadata: metadata(),
        labels: rng.chance(0.3) ? [rng.pick(LABELS)] : [],
        links: { ...emptyLinks(), opportunities: [{ id }], clientContacts: team.map((c) => ({ id: c })) },
        source: 'MANUAL',
      });
    }
  }
  if (stages !== undefined) state.opportunities.slice(0, FIXTURE_COUNT).forEach((o, i) => (o.stageId = usedStages[i % usedStages.length]!.id));
  // Tasks about candidates, on no opportunity: the task list holds more than opportunity tasks.
  for (let t = 0; t < Math.min(30, Math.ceil(deals / 4)); t++) {
    state.tasks.push({
      id: `tsk_${state.nextIds.task++}`, content: `Screen candidate #${t + 1}`, dueDate: null, isCompleted: rng.chance(0.5), completedAt: null,
      createdAt: iso(SEED_NOW_MS - 10 * DAY_MS), modifiedAt: iso(SEED_NOW_MS - rng.int(1, 200) * DAY_MS), createdById: 'usr_B22',
      assignedToId: 'usr_B22', metadata: metadata(), labels: [], source: 'MANUAL',
      links: { ...emptyLinks(), candidates: [{ id: `cand_${t + 10}` }] },
    });
  }
  return state;
}
