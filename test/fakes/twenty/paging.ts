import { first } from '../kit/request-values';
import { badRequest, type Reply } from './replies';
import type { Json } from './types';

/**
 * Twenty's REST list parameters as the real server treats them: `limit` (default 60, an integer,
 * `0` meaning every record, clamped only on newer builds), `depth`, `order_by` (an `id` tie-breaker
 * always appended), and `starting_after`: base64 of the JSON of the order values and the id.
 */

const DIRECTIONS = ['AscNullsFirst', 'AscNullsLast', 'DescNullsFirst', 'DescNullsLast'] as const;
type Direction = (typeof DIRECTIONS)[number];

export const DEFAULT_LIMIT = 60;

interface OrderTerm {
  path: string;
  direction: Direction;
}

export interface ListRequest {
  limit: number;
  depth: number;
  order: OrderTerm[];
  after?: Json;
}

export interface ListRules {
  object: string;
  /** Field names (roots of dotted paths) that exist on the object. */
  fields: ReadonlySet<string>;
  maxLimit: number | undefined;
  maxDepth: number;
}

function valueAt(record: Json, path: string): unknown {
  return path.split('.').reduce<unknown>((value, key) => (value && typeof value === 'object' ? (value as Json)[key] : undefined), record);
}

export function parseListRequest(query: Record<string, string | string[]>, rules: ListRules): ListRequest | Reply {
  const limitText = first(query['limit']);
  if (limitText !== undefined && !/^\d+$/.test(limitText)) return badRequest(`limit '${limitText}' is invalid. Should be an integer`);
  let limit = limitText === undefined ? DEFAULT_LIMIT : Number(limitText);
  if (rules.maxLimit !== undefined) limit = limit === 0 ? rules.maxLimit : Math.min(limit, rules.maxLimit);
  const depthText = first(query['depth']) ?? '0';
  const allowed = Array.from({ length: rules.maxDepth + 1 }, (_, i) => String(i));
  if (!allowed.includes(depthText)) return badRequest(`'depth=${depthText}' parameter invalid. Allowed values are ${allowed.join(', ')}`);
  const order: OrderTerm[] = [];
  const orderText = first(query['order_by']);
  for (const part of orderText ? orderText.split(',') : []) {
    const match = /^([\w.]+)(?:\[(\w+)\])?$/.exec(part.trim());
    if (!match) return badRequest(`'order_by' invalid for '${part}'`);
    const [, path, direction = 'AscNullsFirst'] = match as unknown as [string, string, string | undefined];
    if (!(DIRECTIONS as readonly string[]).includes(direction)) {
      return badRequest(
        `'order_by' direction '${direction}' invalid. Allowed values are 'AscNullsFirst', 'AscNullsLast', 'DescNullsFirst', 'DescNullsLast'. eg: ?order_by=field_1[AscNullsFirst],field_2[DescNullsLast],field_3`,
      );
    }
    if (!rules.fields.has(path.split('.')[0]!)) return badRequest(`field '${path.split('.')[0]}' does not exist in '${rules.object}' object`);
    order.push({ path, direction: direction as Direction });
  }
  const cursor = first(query['starting_after']);
  let after: Json | undefined;
  if (cursor !== undefined) {
    try {
      const decoded = JSON.parse(Buffer.from(cursor, 'base64').toString('utf8')) as unknown;
      if (!decoded || typeof decoded !== 'object' || typeof (decoded as Json)['id'] !== 'string') throw new Error('no id');
      after = decoded as Json;
    } catch {
      return badRequest(`Invalid cursor: ${cursor}`);
    }
  }
  return { limit, depth: Number(depthText), order, after };
}

function compareValues(a: unknown, b: unknown, direction: Direction): number {
  const aNull = a === null || a === undefined;
  const bNull = b === null || b === undefined;
  if (aNull || bNull) {
    if (aNull && bNull) return 0;
    const nullsFirst = direction.endsWith('NullsFirst');
    return aNull === nullsFirst ? -1 : 1;
  }
  const na = typeof a === 'number' ? a : typeof a === 'string' && /^-?\d+(\.\d+)?$/.test(a) ? Number(a) : Number.NaN;
  const nb = typeof b === 'number' ? b : typeof b === 'string' && /^-?\d+(\.\d+)?$/.test(b) ? Number(b) : Number.NaN;
  const base = !Number.isNaN(na) && !Number.isNaN(nb) ? na - nb : String(a).localeCompare(String(b));
  return direction.startsWith('Asc') ? base : -base;
}

function compareRecords(a: Json, b: Json, order: readonly OrderTerm[]): number {
  for (const term of order) {
    const c = compareValues(valueAt(a, term.path), valueAt(b, term.path), term.direction);
    if (c !== 0) return c;
  }
  return String(a['id']).localeCompare(String(b['id']));
}

/** The cursor of a record: base64 of `{...order values, id}`, a composite order value kept whole (as captured). */
export function cursorOf(record: Json, order: readonly OrderTerm[]): string {
  const values: Json = {};
  for (const term of order) {
    const root = term.path.split('.')[0]!;
    values[root] = record[root] ?? null;
  }
  values['id'] = record['id'];
  return Buffer.from(JSON.stringify(values)).toString('base64');
}

export interface ListPage<T> {
  items: T[];
  pageInfo: { hasNextPage: boolean; startCursor: string | null; endCursor: string | null };
  /** As the real server counts it: the records from the cursor on, not the whole list (DIFFERENCES.md 8). */
  totalCount: number;
}

/** Sorts, starts after the cursor, and cuts one page. `view` is what ordering and cursors read (the record as served). */
export function pageOf<T>(records: readonly T[], view: (record: T) => Json, request: ListRequest): ListPage<T> {
  const viewed = records.map((record) => ({ record, json: view(record) }));
  viewed.sort((a, b) => compareRecords(a.json, b.json, request.order));
  let start = 0;
  if (request.after) {
    const after = request.after;
    start = viewed.findIndex(({ json }) => compareRecords(json, after, request.order) > 0);
    if (start < 0) start = viewed.length;
  }
  const end = request.limit === 0 ? viewed.length : Math.min(viewed.length, start + request.limit);
  const page = viewed.slice(start, end);
  return {
    items: page.map((v) => v.record),
    pageInfo: {
      hasNextPage: end < viewed.length,
      startCursor: page.length ? cursorOf(page[0]!.json, request.order) : null,
      endCursor: page.length ? cursorOf(page[page.length - 1]!.json, request.order) : null,
    },
    totalCount: viewed.length - start,
  };
}
