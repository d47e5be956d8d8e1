import type { Deal, FieldDef, Task } from '../../src/model';
import type { DealView } from '../../src/protocol';

/** A day relative to today, as YYYY-MM-DD, so "overdue" stays overdue whenever the preview runs. */
function dayFromToday(days: number): string {
  const date = new Date();
  date.setDate(date.getDate() + days);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

export const MARKUP_NAME = '<img src=x onerror=alert(1)> Markup Test Ltd';

export const SAMPLE_FIELDS: FieldDef[] = [
  { key: 'cf_use_case', label: 'Use case', kind: 'text', writable: true, required: true },
  { key: 'cf_next_steps', label: 'Next steps', kind: 'textarea', writable: true },
  { key: 'cf_seats', label: 'Seats', kind: 'number', writable: true },
  { key: 'cf_budget', label: 'Customer budget', kind: 'money', writable: true },
  { key: 'cf_discount', label: 'Discount', kind: 'percent', writable: true },
  { key: 'cf_contract_start', label: 'Contract start', kind: 'date', writable: true },
  { key: 'cf_demo_at', label: 'Demo at', kind: 'datetime', writable: true },
  { key: 'cf_security_review', label: 'Security review required', kind: 'boolean', writable: true },
  {
    key: 'cf_lead_source', label: 'Lead source', kind: 'select', writable: true,
    options: [
      { value: 'website', label: 'Website', color: '#3794ff' },
      { value: 'referral', label: 'Referral', color: '#388a34' },
      { value: 'outbound', label: 'Outbound', color: '#b180d7' },
      { value: 'event', label: '<b>Event</b>', color: '#d18616' },
    ],
  },
  {
    key: 'cf_products', label: 'Products', kind: 'multiselect', writable: true,
    options: [
      { value: 'core', label: 'Core Platform' }, { value: 'analytics', label: 'Analytics' },
      { value: 'api', label: 'API Access' }, { value: 'support', label: 'Premium Support' }, { value: 'sso', label: 'SSO & SCIM' },
    ],
  },
  { key: 'cf_sales_engineer', label: 'Sales engineer', kind: 'user', writable: true },
  { key: 'cf_proposal_url', label: 'Proposal', kind: 'url', writable: true },
  { key: 'cf_billing_email', label: 'Billing email', kind: 'email', writable: true },
  { key: 'cf_buyer_phone', label: 'Buyer phone', kind: 'phone', writable: true },
  { key: 'cf_parent_account', label: 'Parent account', kind: 'reference', writable: false },
  { key: 'cf_legacy', label: 'Legacy score', kind: 'unknown', writable: false },
  { key: 'cf_health_score', label: 'Health score', kind: 'number', writable: false, reason: 'Calculated by the Sample CRM from activity' },
];

export function sampleDeal(): Deal {
  return {
    id: 'deal-42',
    name: MARKUP_NAME,
    pipelineId: 'p-sales',
    stageId: 's-proposal',
    amount: { minor: '120000', scale: 2, currency: 'USD' },
    amountPeriod: 'monthly',
    owner: { id: 'u-ada', name: 'Ada Lovelace' },
    company: { id: 'c-1', name: 'Markup Test Ltd' },
    contact: { id: 'p-1', name: 'Grace Hopper' },
    expectedClose: dayFromToday(30),
    outcome: 'open',
    createdAt: '2025-01-14T09:30:00.000Z',
    updatedAt: '2025-06-02T16:05:00.000Z',
    custom: {
      cf_use_case: { kind: 'text', value: 'Replace <script>alert("x")</script> spreadsheets' },
      cf_next_steps: { kind: 'textarea', value: 'Send the security questionnaire.\nBook a call with their IT lead.' },
      cf_seats: { kind: 'number', value: '250' },
      cf_budget: { kind: 'money', value: { minor: '9007199254740993', scale: 2, currency: 'EUR' } },
      cf_discount: { kind: 'percent', value: '12.5' },
      cf_contract_start: { kind: 'date', value: dayFromToday(45) },
      cf_demo_at: { kind: 'datetime', value: '2025-06-10T14:30:00.000Z' },
      cf_security_review: { kind: 'boolean', value: true },
      cf_lead_source: { kind: 'select', value: 'referral' },
      cf_products: { kind: 'multiselect', value: ['core', 'api'] },
      cf_sales_engineer: { kind: 'user', value: { id: 'u-linus', name: 'Linus Torvalds' } },
      cf_proposal_url: { kind: 'url', value: 'https://example.com/proposals/42' },
      cf_billing_email: { kind: 'email', value: 'billing@markup.test' },
      cf_parent_account: { kind: 'reference', value: { id: 'acc-7', name: 'Markup Holdings' } },
      cf_legacy: { kind: 'unknown', value: { tier: 'gold', since: 2019 } },
      cf_health_score: { kind: 'number', value: '87' },
    },
  };
}

export function sampleTasks(): Task[] {
  return [
    { id: 't-1', title: 'Send the security questionnaire', due: { kind: 'date', value: dayFromToday(-3) }, done: false, assignee: { id: 'u-ada', name: 'Ada Lovelace' } },
    { id: 't-2', title: 'Demo to <b>IT</b> team', due: { kind: 'datetime', value: new Date(Date.now() + 2 * 86_400_000).toISOString() }, done: false },
    { id: 't-3', title: 'Intro call', due: { kind: 'date', value: dayFromToday(-20) }, done: true },
    { id: 't-4', title: 'Log the contract in the finance system', done: false, readOnlyReason: 'Created by an automation; change it in the Sample CRM' },
  ];
}

export function sampleView(options: { readOnly?: boolean; locked?: boolean; noUsers?: boolean } = {}): DealView {
  const deal = sampleDeal();
  if (options.locked) deal.locked = 'Your API key may see that this deal exists but not change it.';
  return {
    accountId: 'demo',
    accountLabel: 'Demo account',
    providerName: 'Sample CRM',
    capabilities: {
      updateDeal: !options.readOnly, moveStage: true, setOutcome: true, updateCustomFields: true, listTasks: true,
      createTask: !options.readOnly, updateTask: !options.readOnly, completeTask: !options.readOnly, deleteTask: !options.readOnly, search: false, openTasks: false,
    },
    note: options.readOnly ? 'This CRM can only be read: its API offers no way to change deals.' : undefined,
    hasWebUrl: true,
    deal,
    stages: [
      { id: 's-lead', pipelineId: 'p-sales', name: 'Lead', order: 0, outcome: 'open', color: '#8a8a8a' },
      { id: 's-qualified', pipelineId: 'p-sales', name: 'Qualified', order: 1, outcome: 'open', color: '#3794ff' },
      { id: 's-proposal', pipelineId: 'p-sales', name: 'Proposal', order: 2, outcome: 'open', color: '#d18616' },
      { id: 's-negotiation', pipelineId: 'p-sales', name: 'Negotiation', order: 3, outcome: 'open', color: 'url(javascript:alert(1))' },
      { id: 's-won', pipelineId: 'p-sales', name: 'Won', order: 4, outcome: 'won', color: '#388a34' },
      { id: 's-lost', pipelineId: 'p-sales', name: 'Lost', order: 5, outcome: 'lost', color: '#e51400' },
    ],
    fields: SAMPLE_FIELDS,
    tasks: sampleTasks(),
    users: options.noUsers ? [] : [
      { id: 'u-ada', name: 'Ada Lovelace' }, { id: 'u-grace', name: 'Grace Hopper' },
      { id: 'u-linus', name: 'Linus Torvalds' }, { id: 'u-markup', name: '<i>Mallory</i>' },
    ],
    raw: {
      id: 'deal-42', name: MARKUP_NAME, value: 120000, value_currency: 'USD', value_period: 'monthly',
      status_label: 'Proposal', lead: { id: 'lead_1', display_name: 'Markup Test Ltd' },
      'custom.cf_use_case': 'Replace spreadsheets', tags: ['enterprise', '<script>'], note: null,
    },
    locale: 'en-US',
  };
}
