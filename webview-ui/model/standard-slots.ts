import type { Deal, FieldDef, FieldValue } from '../../src/model';
import type { DealView } from '../../src/protocol';
import { formatMoneyValue } from '../fields/money-field';
import { canWriteDeal, type FieldSlot } from './field-slot';

type StandardName = Extract<FieldSlot['ref'], { kind: 'standard' }>['name'];

const PERIOD_SUFFIX: Record<NonNullable<Deal['amountPeriod']>, string> = { one_time: '', monthly: ' / month', annual: ' / year' };
const PERIOD_OPTIONS = [
  { value: 'one_time', label: 'One-time' },
  { value: 'monthly', label: 'Monthly' },
  { value: 'annual', label: 'Annual' },
];
export const OUTCOME_OPTIONS = [
  { value: 'open', label: 'Open' },
  { value: 'won', label: 'Won' },
  { value: 'lost', label: 'Lost' },
];

const text = (value: FieldValue | null): string | null => (value && 'value' in value && typeof value.value === 'string' ? value.value : null);

function slot(name: StandardName, def: Omit<FieldDef, 'key' | 'writable'>, rest: Omit<FieldSlot, 'id' | 'ref' | 'def'>): FieldSlot {
  return { id: name, ref: { kind: 'standard', name }, def: { key: name, writable: rest.editable, ...def }, ...rest };
}

/** The deal's own fields, in the order the header shows them; optional ones only when the CRM has them. */
export function standardSlots(view: DealView, deal: Deal): FieldSlot[] {
  const writable = canWriteDeal(view, deal);
  const { capabilities: caps, providerName } = view;
  const stages = [...view.stages].sort((a, b) => a.order - b.order);
  const slots: FieldSlot[] = [
    slot('name', { label: 'Name', kind: 'text', required: true }, {
      editable: writable,
      read: (d) => ({ kind: 'text', value: d.name }),
      toPatch: (v) => ({ name: text(v) ?? '' }),
      check: (v) => ((text(v)?.length ?? 0) > 1000 ? 'Keep the name under 1,000 characters' : undefined),
    }),
    slot('stageId', { label: 'Stage', kind: 'select', required: true, options: stages.map((s) => ({ value: s.id, label: s.name, color: s.color })) }, {
      editable: writable && caps.moveStage && stages.length > 0,
      readOnlyReason: writable && !caps.moveStage ? `${providerName} does not allow moving deals from here` : undefined,
      read: (d) => (d.stageId ? { kind: 'select', value: d.stageId } : undefined),
      toPatch: (v) => ({ stageId: text(v) ?? '' }),
    }),
    slot('amount', { label: 'Amount', kind: 'money' }, {
      editable: writable,
      read: (d) => (d.amount ? { kind: 'money', value: d.amount } : undefined),
      toPatch: (v) => ({ amount: v?.kind === 'money' ? v.value : null }),
      check: (v) => (v?.kind === 'money' && v.value.minor.startsWith('-') ? 'An amount cannot be negative' : undefined),
      format: (v, locale) => (v.kind === 'money' ? `${formatMoneyValue(v.value, locale)}${PERIOD_SUFFIX[deal.amountPeriod ?? 'one_time']}` : ''),
    }),
  ];
  if (deal.amountPeriod) {
    slots.push(slot('amountPeriod', { label: 'Billed', kind: 'select', required: true, options: PERIOD_OPTIONS }, {
      editable: writable,
      read: (d) => (d.amountPeriod ? { kind: 'select', value: d.amountPeriod } : undefined),
      toPatch: (v) => ({ amountPeriod: text(v) as Deal['amountPeriod'] }),
    }));
  }
  slots.push(
    slot('outcome', { label: 'Outcome', kind: 'select', required: true, options: OUTCOME_OPTIONS }, {
      editable: writable && caps.setOutcome,
      format: (v) => OUTCOME_OPTIONS.find((o) => v.kind === 'select' && o.value === v.value)?.label ?? 'Not set',
      read: (d) => ({ kind: 'select', value: d.outcome }),
      toPatch: (v) => ({ outcome: text(v) as 'open' | 'won' | 'lost' }),
    }),
    slot('ownerId', { label: 'Owner', kind: 'user' }, {
      editable: writable && view.users.length > 0,
      read: (d) => (d.owner ? { kind: 'user', value: d.owner } : undefined),
      toPatch: (v) => ({ ownerId: v?.kind === 'user' ? v.value.id : null }),
    }),
    slot('expectedClose', { label: 'Expected close', kind: 'date' }, {
      editable: writable,
      read: (d) => (d.expectedClose ? { kind: 'date', value: d.expectedClose } : undefined),
      toPatch: (v) => ({ expectedClose: text(v) }),
    }),
  );
  if (deal.probability !== undefined) {
    slots.push(slot('probability', { label: 'Probability', kind: 'percent' }, {
      editable: writable,
      read: (d) => (d.probability === undefined ? undefined : { kind: 'percent', value: String(d.probability) }),
      toPatch: (v) => ({ probability: v ? Number(text(v)) : null }),
      check: (v) => (v && (Number(text(v)) < 0 || Number(text(v)) > 100) ? 'A probability is between 0 and 100' : undefined),
    }));
  }
  if (deal.description !== undefined) {
    slots.push(slot('description', { label: 'Description', kind: 'textarea' }, {
      editable: writable,
      read: (d) => (d.description ? { kind: 'textarea', value: d.description } : undefined),
      toPatch: (v) => ({ description: text(v) }),
    }));
  }
  return slots.flatMap((s) => applyFixed(s, view, deal));
}

/** A field the CRM lacks or will not change: read-only with the CRM's reason, or gone when empty. */
function applyFixed(s: FieldSlot, view: DealView, deal: Deal): FieldSlot[] {
  const reason = view.fixedFields?.[s.id];
  if (!reason) return [s];
  if (s.read(deal) === undefined) return [];
  return [{ ...s, editable: false, readOnlyReason: reason, def: { ...s.def, writable: false, reason } }];
}
