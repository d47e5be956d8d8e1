import { first } from '../kit/request-values';
import { badRequest, ok, type Reply } from './replies';
import type { FakeState, HsDealRecord } from './types';

type Query = Record<string, string | string[]>;

/** Every column a record has (`columns=*`), in the documented order. */
export const DEAL_COLUMNS = [
  'id', 'name', 'amount', 'status_id', 'previous_status_id', 'proposal_due', 'created_at', 'owner_id', 'salesforce_id',
  'hubspot_id', 'deal_analyzed', 'analysis_verified', 'type', 'region', 'deal_competitor_associations', 'drivers',
  'wl_product_fit_score', 'wl_sales_execution_score', 'wl_relationship_score', 'wl_price_sensitivity_score',
  'wl_competitive_intensity_score', 'industry',
] as const;

/** [UNCONFIRMED] The docs' own `columns` example names `deal_status` (an export column); served as the stage. */
const COLUMN_ALIASES: Record<string, keyof HsDealRecord> = { deal_status: 'status_id' };

const SCORE_SORTS = [
  'wl_product_fit_score', 'wl_sales_execution_score', 'wl_relationship_score', 'wl_price_sensitivity_score',
  'wl_competitive_intensity_score', 'wl_customer_fit_score', 'wl_messaging_fit_score', 'wl_messaging_accuracy_score',
];
/** Sort columns from the seed's table and its parameter enum; `close_date` is `proposal_due`, `updated_at` falls back to `created_at`. */
const SORTS: Record<string, string> = {
  created_at: 'created_at', updated_at: 'created_at', close_date: 'proposal_due', proposal_due: 'proposal_due',
  amount: 'amount', name: 'name', ...Object.fromEntries(SCORE_SORTS.map((s) => [s, s])),
};

/** The documented query parameters of `GET /deals` (seed 000); others are ignored, as a lenient API would. */
export const DOCUMENTED_QUERY = new Set([
  'page_size', 'page_index', 'count', 'sort', 'sort_order', 'columns', 'searchQuery',
  'ids', 'owner_ids', 'owner_filter_type', 'collaborators', 'collaborator_filter_type', 'status', 'status_filter_type',
  'deal_type', 'deal_type_filter_type', 'region', 'region_filter_type', 'industry', 'industry_filter_type',
  'product_labels', 'product_filter_type', 'close_date', 'amount', 'competitor', 'competitor_filter_type',
  'any_competitor', 'deal_analyzed', 'analysis_verified', 'salesforce_filters', 'hubspot_filters', 'segment',
  'segment_filter_type', ...SCORE_SORTS,
]);

const FILTER_TYPES = new Set(['is any of', 'is not']);

class QueryError extends Error {}

function wholeNumber(query: Query, name: string, fallback: number, min: number, max: number): number {
  const text = first(query[name]);
  if (text === undefined) return fallback;
  if (!/^\d+$/.test(text) || Number(text) < min || Number(text) > max) {
    throw new QueryError(`Invalid ${name}: must be an integer ${max === Infinity ? `of at least ${min}` : `between ${min} and ${max}`}`);
  }
  return Number(text);
}

function jsonArray(query: Query, name: string): string[] | undefined {
  const text = first(query[name]);
  if (text === undefined) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new QueryError(`Invalid filter format: ${name} must be a valid JSON array`);
  }
  if (!Array.isArray(value) || value.some((v) => typeof v !== 'string' && typeof v !== 'number')) {
    throw new QueryError(`Invalid filter format: ${name} must be a valid JSON array`);
  }
  return value.map(String);
}

function jsonRange(query: Query, name: string, low: string, high: string): { low?: string | number; high?: string | number } | undefined {
  const text = first(query[name]);
  if (text === undefined) return undefined;
  try {
    const value = JSON.parse(text) as unknown;
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
      const v = value as Record<string, string | number | undefined>;
      return { low: v[low], high: v[high] };
    }
  } catch {
    // Reported below.
  }
  throw new QueryError(`Invalid filter format: ${name} must be a valid JSON object`);
}

function filterType(query: Query, name: string): 'is any of' | 'is not' {
  const text = first(query[name]) ?? 'is any of';
  if (!FILTER_TYPES.has(text)) throw new QueryError(`Invalid ${name}: must be "is any of" or "is not"`);
  return text as 'is any of' | 'is not';
}

type Predicate = (deal: HsDealRecord) => boolean;

/** A JSON-array filter with its `…_filter_type`, on one value or a list of values of the record. */
function listFilter(query: Query, name: string, typeName: string | undefined, read: (d: HsDealRecord) => (string | null)[]): Predicate | undefined {
  const wanted = jsonArray(query, name);
  if (!wanted) return undefined;
  const type = typeName ? filterType(query, typeName) : 'is any of';
  return (deal) => {
    const hit = read(deal).some((v) => v !== null && wanted.includes(v));
    return type === 'is not' ? !hit : hit;
  };
}

function predicates(query: Query): Predicate[] {
  const found: (Predicate | undefined)[] = [
    listFilter(query, 'ids', undefined, (d) => [d.id]),
    listFilter(query, 'status', 'status_filter_type', (d) => [d.status_id]),
    listFilter(query, 'owner_ids', 'owner_filter_type', (d) => [d.owner_id]),
    listFilter(query, 'deal_type', 'deal_type_filter_type', (d) => [d.type]),
    listFilter(query, 'region', 'region_filter_type', (d) => [d.region]),
    listFilter(query, 'industry', 'industry_filter_type', (d) => [d.industry ?? null]),
    listFilter(query, 'competitor', 'competitor_filter_type', (d) => d.deal_competitor_associations.map((c) => c.competitor_id)),
    listFilter(query, 'deal_analyzed', undefined, (d) => [String(d.deal_analyzed)]),
    listFilter(query, 'analysis_verified', undefined, (d) => [String(d.analysis_verified)]),
  ];
  const close = jsonRange(query, 'close_date', 'from', 'to');
  if (close) {
    found.push((d) => d.proposal_due !== null && (close.low === undefined || d.proposal_due >= String(close.low)) && (close.high === undefined || d.proposal_due <= String(close.high)));
  }
  const amount = jsonRange(query, 'amount', 'min', 'max');
  if (amount) {
    found.push((d) => d.amount !== null && (amount.low === undefined || d.amount >= Number(amount.low)) && (amount.high === undefined || d.amount <= Number(amount.high)));
  }
  // "Fuzzy search across deal names": modelled as every word of the query found in the name, any case.
  const words = first(query['searchQuery'])?.trim().toLowerCase().split(/\s+/).filter(Boolean) ?? [];
  if (words.length) found.push((d) => words.every((w) => d.name.toLowerCase().includes(w)));
  return found.filter((p): p is Predicate => p !== undefined);
}

function columnsOf(query: Query): (keyof HsDealRecord | string)[] | undefined {
  const text = first(query['columns'])?.trim();
  if (text === undefined || text === '' || text === '*') return undefined;
  const names = text.split(',').map((c) => c.trim()).filter(Boolean);
  for (const name of names) {
    if (!(DEAL_COLUMNS as readonly string[]).includes(name) && !(name in COLUMN_ALIASES)) throw new QueryError(`Invalid column name: ${name}`);
  }
  return names;
}

function compare(a: unknown, b: unknown): number {
  if (a === b) return 0;
  if (a === null || a === undefined) return 1;
  if (b === null || b === undefined) return -1;
  return typeof a === 'number' && typeof b === 'number' ? a - b : String(a).localeCompare(String(b));
}

function sorted(deals: HsDealRecord[], query: Query): HsDealRecord[] {
  const sortName = first(query['sort']) ?? 'created_at';
  const key = SORTS[sortName];
  if (!key) throw new QueryError(`Invalid sort column: ${sortName}`);
  const order = first(query['sort_order']) ?? 'desc';
  if (order !== 'asc' && order !== 'desc') throw new QueryError('Invalid sort_order: must be "asc" or "desc"');
  const sign = order === 'asc' ? 1 : -1;
  const read = (d: HsDealRecord): unknown => (d as unknown as Record<string, unknown>)[key];
  // Nulls last either way; ties by id, so pages never overlap.
  return [...deals].sort((a, b) => {
    const va = read(a);
    const vb = read(b);
    if (va === null || va === undefined || vb === null || vb === undefined) return compare(va, vb) || compare(a.id, b.id);
    return sign * compare(va, vb) || compare(a.id, b.id);
  });
}

function project(deal: HsDealRecord, columns: string[] | undefined): Record<string, unknown> {
  const record = structuredClone(deal) as unknown as Record<string, unknown>;
  if (!columns) return record;
  const out: Record<string, unknown> = {};
  for (const column of columns) out[column] = record[COLUMN_ALIASES[column] ?? column] ?? null;
  return out;
}

/**
 * `GET /deals` as documented: JSON-encoded filters, `count=true` answering a bare number,
 * `columns`, `page_size` (default 50, at most 100: more is a 400, as "Required range: x <= 100"
 * reads) with a zero-based `page_index`, default order `created_at` desc. A bare array, no envelope.
 */
export function routeDeals(state: FakeState, query: Query): Reply {
  try {
    const count = first(query['count']);
    if (count !== undefined && count !== 'true' && count !== 'false') throw new QueryError('Invalid count: must be true or false');
    const pageSize = wholeNumber(query, 'page_size', 50, 1, 100);
    const pageIndex = wholeNumber(query, 'page_index', 0, 0, Infinity);
    const columns = columnsOf(query);
    const tests = predicates(query);
    const matching = state.deals.filter((d) => tests.every((t) => t(d)));
    if (count === 'true') return ok(matching.length);
    const page = sorted(matching, query).slice(pageIndex * pageSize, (pageIndex + 1) * pageSize);
    return ok(page.map((d) => project(d, columns)));
  } catch (error) {
    if (error instanceof QueryError) return badRequest(error.message);
    throw error;
  }
}
