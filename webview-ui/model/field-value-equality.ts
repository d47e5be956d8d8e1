import type { FieldValue, Money } from '../../src/model';

const sameMoney = (a: Money, b: Money) => a.minor === b.minor && a.scale === b.scale && a.currency === b.currency;

/** Whether saving `next` would change nothing, so the editor just closes without a request. */
export function sameFieldValue(a: FieldValue | null | undefined, b: FieldValue | null | undefined): boolean {
  if (!a || !b) return !a && !b;
  if (a.kind !== b.kind) return false;
  switch (a.kind) {
    case 'money':
      return sameMoney(a.value, (b as typeof a).value);
    case 'multiselect': {
      const other = (b as typeof a).value;
      return a.value.length === other.length && a.value.every((v, i) => v === other[i]);
    }
    case 'user':
    case 'reference':
      return a.value.id === (b as typeof a).value.id;
    case 'datetime':
      return Date.parse(a.value) === Date.parse((b as typeof a).value);
    case 'unknown':
      return JSON.stringify(a.value) === JSON.stringify((b as typeof a).value);
    default:
      return a.value === (b as typeof a).value;
  }
}
