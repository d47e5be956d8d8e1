import type { Deal, FieldDef } from '../../../src/model';
import type { DealView, WebviewToHost } from '../../../src/protocol';

/** A small deal panel view: one custom field of each kind the tests need, all writable. */
export const FIELDS: FieldDef[] = [
  { key: 'cf_use_case', label: 'Use case', kind: 'text', writable: true, required: true },
  { key: 'cf_seats', label: 'Seats', kind: 'number', writable: true },
  { key: 'cf_budget', label: 'Budget', kind: 'money', writable: true },
  { key: 'cf_source', label: 'Lead source', kind: 'select', writable: true, options: [{ value: 'web', label: 'Website' }, { value: 'ref', label: 'Referral' }] },
  { key: 'cf_products', label: 'Products', kind: 'multiselect', writable: true, options: [{ value: 'a', label: 'A' }, { value: 'b', label: 'B' }, { value: 'c', label: 'C' }] },
  { key: 'cf_engineer', label: 'Engineer', kind: 'user', writable: true },
  { key: 'cf_review', label: 'Review', kind: 'boolean', writable: true },
  { key: 'cf_score', label: 'Score', kind: 'number', writable: false, reason: 'Calculated from activity' },
  { key: 'cf_parent', label: 'Parent', kind: 'reference', writable: true },
];

export function deal(overrides: Partial<Deal> = {}): Deal {
  return {
    id: 'd1',
    name: 'Acme',
    stageId: 's1',
    amount: { minor: '120000', scale: 2, currency: 'USD' },
    owner: { id: 'u1', name: 'Ada' },
    outcome: 'open',
    updatedAt: '2025-06-01T10:00:00.000Z',
    custom: {
      cf_use_case: { kind: 'text', value: 'Reporting' },
      cf_seats: { kind: 'number', value: '250' },
      cf_products: { kind: 'multiselect', value: ['a', 'c'] },
      cf_score: { kind: 'number', value: '87' },
    },
    ...overrides,
  };
}

export function view(overrides: Partial<DealView> = {}): DealView {
  return {
    accountId: 'acc',
    accountLabel: 'Demo',
    providerName: 'Sample CRM',
    capabilities: {
      updateDeal: true, moveStage: true, setOutcome: false, updateCustomFields: true, listTasks: true,
      createTask: true, updateTask: true, completeTask: true, deleteTask: true, search: false, openTasks: false,
    },
    hasWebUrl: false,
    deal: deal(),
    stages: [
      { id: 's2', pipelineId: 'p', name: 'Won', order: 2, outcome: 'won' },
      { id: 's1', pipelineId: 'p', name: 'Lead', order: 1, outcome: 'open' },
    ],
    fields: FIELDS,
    tasks: [],
    users: [{ id: 'u1', name: 'Ada' }, { id: 'u2', name: 'Grace' }],
    raw: {},
    locale: 'en-US',
    ...overrides,
  };
}

/** Records what the webview would post to the host, with predictable request ids. */
export class FakeIo {
  readonly posted: WebviewToHost[] = [];
  private next = 0;
  post = (message: WebviewToHost) => { this.posted.push(message); };
  newRequestId = () => `r${++this.next}`;
  last<T extends WebviewToHost['type']>(type: T): Extract<WebviewToHost, { type: T }> {
    const found = this.posted.filter((m) => m.type === type).at(-1);
    if (!found) throw new Error(`nothing of type ${type} was posted`);
    return found as Extract<WebviewToHost, { type: T }>;
  }
  count(type: WebviewToHost['type']): number {
    return this.posted.filter((m) => m.type === type).length;
  }
}
