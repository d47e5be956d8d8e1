/**
 * The fake's store: records shaped as Close returns them. Opportunities and tasks are kept as the
 * JSON objects Close sends (flat `custom.cf_…` keys only when set); derived keys (status label,
 * pipeline name, user name, formatted value, expected value…) are recomputed after every write.
 */

export type Json = Record<string, unknown>;

export interface FakeOrganization {
  id: string;
  name: string;
  currency: string;
}

export interface FakeUser {
  id: string;
  first_name: string;
  last_name: string;
  email: string;
  organization_id: string;
}

export interface FakeStatus {
  id: string;
  label: string;
  type: 'active' | 'won' | 'lost';
  pipeline_id: string;
  organization_id: string;
}

export interface FakePipeline {
  id: string;
  name: string;
  organization_id: string;
  /** Status ids in pipeline order. */
  statusIds: string[];
  date_created: string;
  date_updated: string;
}

export interface FakeContact {
  id: string;
  lead_id: string;
  name: string;
  title: string;
  organization_id: string;
}

export interface FakeLead {
  id: string;
  display_name: string;
  organization_id: string;
}

export interface FakeCustomField {
  id: string;
  name: string;
  description: string | null;
  /** text, textarea, number, date, datetime, choices, user, contact, hidden. */
  type: string;
  choices: string[] | null;
  accepts_multiple_values: boolean;
  editable_with_roles: string[];
  is_shared: boolean;
  referenced_custom_type_id: null;
  back_reference_is_visible: null;
  organization_id: string;
  created_by: string;
  updated_by: string;
  date_created: string;
  date_updated: string;
}

export interface CloseFakeState {
  organization: FakeOrganization;
  /** The user the API key belongs to. */
  meId: string;
  users: FakeUser[];
  pipelines: FakePipeline[];
  statuses: FakeStatus[];
  leads: FakeLead[];
  contacts: FakeContact[];
  /** Opportunity custom fields in UI order; shared ones appear only in `/custom_field_schema/`. */
  customFields: FakeCustomField[];
  /** When false, `/custom_field_schema/opportunity/` answers 404 (older accounts). */
  customFieldSchemaEndpoint: boolean;
  /** Opportunities as Close returns them. */
  opportunities: Json[];
  /** Tasks as Close returns them (`lead` and `opportunity_due`). */
  tasks: Json[];
}

/** Close's timestamp style: `2021-07-13T11:39:04.817000+00:00`. */
export function closeTimestamp(ms: number): string {
  return new Date(ms).toISOString().replace(/\.(\d{3})Z$/, '.$1000+00:00');
}

let lastStamp = 0;
/** Now, strictly later than the previous stamp, so every write changes `date_updated`. */
export function nextTimestamp(): string {
  lastStamp = Math.max(Date.now(), lastStamp + 1);
  return closeTimestamp(lastStamp);
}

export function userName(user: FakeUser | undefined): string | null {
  return user ? `${user.first_name} ${user.last_name}` : null;
}

// Building a NumberFormat is slow; seeding 10,000 opportunities formats several values each.
const formats = new Map<string, Intl.NumberFormat>();

export function formatValue(cents: number | null | undefined, currency: string | null | undefined): string | null {
  if (typeof cents !== 'number' || !currency) return null;
  const digits = cents % 100 === 0 ? 0 : 2;
  const key = `${currency}/${digits}`;
  let format = formats.get(key);
  if (!format) formats.set(key, (format = new Intl.NumberFormat('en-US', { style: 'currency', currency, maximumFractionDigits: digits })));
  return format.format(cents / 100);
}

const ANNUAL_FACTOR: Record<string, number> = { one_time: 1, annual: 1, monthly: 12 };

/** Recomputes the keys Close derives from the stored ones. */
export function refreshOpportunity(state: CloseFakeState, opp: Json): Json {
  const status = state.statuses.find((s) => s.id === opp['status_id']);
  const pipeline = state.pipelines.find((p) => p.id === status?.pipeline_id);
  const user = state.users.find((u) => u.id === opp['user_id']);
  const lead = state.leads.find((l) => l.id === opp['lead_id']);
  const contact = state.contacts.find((c) => c.id === opp['contact_id']);
  const value = typeof opp['value'] === 'number' ? (opp['value'] as number) : null;
  const confidence = typeof opp['confidence'] === 'number' ? (opp['confidence'] as number) : 0;
  const factor = ANNUAL_FACTOR[String(opp['value_period'])] ?? 1;
  Object.assign(opp, {
    lead_name: lead?.display_name ?? null,
    status_label: status?.label ?? null,
    status_display_name: status?.label ?? null,
    status_type: status?.type ?? null,
    pipeline_id: pipeline?.id ?? null,
    pipeline_name: pipeline?.name ?? null,
    user_name: userName(user),
    contact_name: contact?.name ?? null,
    value_formatted: formatValue(value, opp['value_currency'] as string | null),
    expected_value: value === null ? null : Math.round((value * confidence) / 100),
    annualized_value: value === null ? null : value * factor,
    annualized_expected_value: value === null ? null : Math.round((value * factor * confidence) / 100),
  });
  return opp;
}

/** The opportunity_due reminder's copy of its opportunity's keys. */
export function refreshDueTask(state: CloseFakeState, task: Json, known?: Json): void {
  if (task['_type'] !== 'opportunity_due') return;
  const opp = known ?? state.opportunities.find((o) => o['id'] === task['object_id']);
  if (!opp) return;
  Object.assign(task, {
    opportunity_value: opp['value'] ?? null,
    opportunity_value_formatted: opp['value_formatted'] ?? null,
    opportunity_value_period: opp['value_period'] ?? null,
    opportunity_note: opp['note'] ?? null,
  });
}
