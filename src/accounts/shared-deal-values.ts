import type { Deal, FieldValue, PersonRef } from '../model';

/** Past this many distinct values a pool stops growing: values that never repeat then cost nothing. */
const POOL_CAP = 2_000;

/**
 * One copy of what many deals of an account repeat: their pipeline and stage ids, owners, close
 * days, notes and custom values. A CRM's JSON gives every deal its own copy of each string and
 * object; tens of thousands of loaded deals then hold the same few values thousands of times.
 * Shared values are never changed in place (an edit replaces the deal), so sharing is safe. Each
 * account session has its own, dropped with it.
 */
export class SharedDealValues {
  private readonly places = new CappedPool<string>(Infinity);
  private readonly days = new CappedPool<string>(POOL_CAP);
  private readonly notes = new CappedPool<string>(POOL_CAP);
  private readonly people = new Map<keyof Deal, CappedPool<PersonRef>>();
  private readonly fields = new Map<string, CappedPool<FieldValue>>();

  /** An equal deal whose repeated values are shared; the given deal is left as it is. */
  deal(deal: Deal): Deal {
    const shared: Deal = { ...deal };
    if (deal.pipelineId !== undefined) shared.pipelineId = this.places.get(deal.pipelineId, deal.pipelineId);
    if (deal.stageId !== undefined) shared.stageId = this.places.get(deal.stageId, deal.stageId);
    if (deal.expectedClose !== undefined) shared.expectedClose = this.days.get(deal.expectedClose, deal.expectedClose);
    if (deal.description !== undefined) shared.description = this.notes.get(deal.description, deal.description);
    if (deal.owner) shared.owner = this.person('owner', deal.owner);
    if (deal.company) shared.company = this.person('company', deal.company);
    if (deal.contact) shared.contact = this.person('contact', deal.contact);
    if (deal.custom) {
      const custom: Record<string, FieldValue> = {};
      for (const [key, value] of Object.entries(deal.custom)) custom[key] = this.fieldValue(key, value);
      shared.custom = custom;
    }
    return shared;
  }

  private person(role: keyof Deal, person: PersonRef): PersonRef {
    let pool = this.people.get(role);
    if (!pool) this.people.set(role, (pool = new CappedPool(POOL_CAP)));
    return pool.get(person.id, person, (known) => known.name === person.name);
  }

  private fieldValue(fieldKey: string, value: FieldValue): FieldValue {
    const key = valueKey(value);
    if (key === undefined) return value;
    let pool = this.fields.get(fieldKey);
    if (!pool) this.fields.set(fieldKey, (pool = new CappedPool(POOL_CAP)));
    return pool.get(key, value, (known) => sameValue(known, value));
  }
}

/** What tells two values of one field apart, or undefined for a value not worth sharing. */
function valueKey(value: FieldValue): string | undefined {
  switch (value.kind) {
    case 'user':
    case 'reference':
      return value.value.id;
    case 'multiselect':
      return value.value.join('\u0000');
    case 'money':
      return `${value.value.currency} ${value.value.scale} ${value.value.minor}`;
    case 'boolean':
      return String(value.value);
    case 'unknown':
      // Raw values of fields whose definitions are not read yet: share the plain ones.
      return primitiveKey(value.value) ?? (Array.isArray(value.value) && value.value.every((v) => typeof v === 'string') ? value.value.join('\u0000') : undefined);
    default:
      return value.value;
  }
}

function primitiveKey(value: unknown): string | undefined {
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? String(value) : undefined;
}

/** Whether two values of one field with the same key are equal (the key alone may not tell). */
function sameValue(a: FieldValue, b: FieldValue): boolean {
  if (a.kind !== b.kind) return false;
  if (a.kind === 'user' || a.kind === 'reference') return a.value.name === (b.value as typeof a.value).name;
  if (a.kind === 'multiselect') return sameStrings(a.value, b.value);
  if (a.kind === 'unknown') return a.value === b.value || (Array.isArray(a.value) && Array.isArray(b.value) && sameStrings(a.value, b.value));
  return true;
}

function sameStrings(a: readonly unknown[], b: unknown): boolean {
  return Array.isArray(b) && a.length === b.length && a.every((v, i) => v === b[i]);
}

/** Values by key, keeping the first seen of each until `cap` keys are held. */
class CappedPool<T> {
  private readonly byKey = new Map<string, T>();

  constructor(private readonly cap: number) {}

  /** The held value for `key` when it `matches`, else `value` (held from now on while there is room). */
  get(key: string, value: T, matches: (known: T) => boolean = () => true): T {
    const known = this.byKey.get(key);
    if (known !== undefined && matches(known)) return known;
    if (known !== undefined || this.byKey.size < this.cap) this.byKey.set(key, value);
    return value;
  }
}
