import type { FieldDef } from '../../../model';

/** Keys of the deal custom fields, named for what they hold. */
export const FIELD = {
  useCase: 'cf_use_case',
  nextSteps: 'cf_next_steps',
  seats: 'cf_seats',
  budget: 'cf_budget',
  discount: 'cf_discount',
  contractStart: 'cf_contract_start',
  demoAt: 'cf_demo_at',
  securityReview: 'cf_security_review',
  leadSource: 'cf_lead_source',
  products: 'cf_products',
  salesEngineer: 'cf_sales_engineer',
  proposalUrl: 'cf_proposal_url',
  billingEmail: 'cf_billing_email',
  buyerPhone: 'cf_buyer_phone',
  healthScore: 'cf_health_score',
} as const;

export const READ_ONLY_REASON = 'Calculated by the Sample CRM from activity';

/** One field of every editable kind in the model, plus one read-only field, in a fixed order. */
export function buildFieldDefs(): FieldDef[] {
  return [
    { key: FIELD.useCase, label: 'Use case', kind: 'text', writable: true, description: 'What the customer wants to solve' },
    { key: FIELD.nextSteps, label: 'Next steps', kind: 'textarea', writable: true },
    { key: FIELD.seats, label: 'Seats', kind: 'number', writable: true },
    { key: FIELD.budget, label: 'Customer budget', kind: 'money', writable: true },
    { key: FIELD.discount, label: 'Discount', kind: 'percent', writable: true },
    { key: FIELD.contractStart, label: 'Contract start', kind: 'date', writable: true },
    { key: FIELD.demoAt, label: 'Demo at', kind: 'datetime', writable: true },
    { key: FIELD.securityReview, label: 'Security review required', kind: 'boolean', writable: true },
    {
      key: FIELD.leadSource,
      label: 'Lead source',
      kind: 'select',
      writable: true,
      options: [
        { value: 'website', label: 'Website', color: '#3794ff' },
        { value: 'referral', label: 'Referral', color: '#388a34' },
        { value: 'outbound', label: 'Outbound', color: '#b180d7' },
        { value: 'event', label: 'Event', color: '#d18616' },
        { value: 'partner', label: 'Partner', color: '#e5c07b' },
      ],
    },
    {
      key: FIELD.products,
      label: 'Products',
      kind: 'multiselect',
      writable: true,
      options: [
        { value: 'core', label: 'Core Platform' },
        { value: 'analytics', label: 'Analytics' },
        { value: 'api', label: 'API Access' },
        { value: 'support', label: 'Premium Support' },
        { value: 'sso', label: 'SSO & SCIM' },
        { value: 'eu-residency', label: 'Data Residency (EU)' },
      ],
    },
    { key: FIELD.salesEngineer, label: 'Sales engineer', kind: 'user', writable: true },
    { key: FIELD.proposalUrl, label: 'Proposal link', kind: 'url', writable: true },
    { key: FIELD.billingEmail, label: 'Billing email', kind: 'email', writable: true },
    { key: FIELD.buyerPhone, label: 'Buyer phone', kind: 'phone', writable: true },
    { key: FIELD.healthScore, label: 'Health score', kind: 'number', writable: false, reason: READ_ONLY_REASON },
  ];
}
