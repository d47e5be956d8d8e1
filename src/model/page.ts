import type { Money } from './money';

/**
 * One page of a list, whatever the CRM's paging style. `next` is opaque to callers (an offset, a
 * cursor, a page index). `total` and `totals` are filled when the API gives them with the page,
 * so a stage can show its count and value without fetching all of its deals.
 */
export interface Page<T> {
  items: T[];
  next?: string;
  total?: number;
  totals?: Money[];
}
