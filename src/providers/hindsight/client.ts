import type { HttpClient, QueryValue } from '../../http';
import { HsCountResponse, type HsDeal, HsDealsResponse, type HsStatusRow, HsStatusRowsResponse } from './schemas';

/** Hindsight's largest page (`page_size`, "max: 100"). */
export const PAGE_SIZE = 100;

/** What stage discovery reads of each deal; `id` keeps the rows recognisable in logs and "All fields". */
export const STATUS_COLUMNS = 'id,status_id,previous_status_id';

/** The documented filters we use. Values are JSON-encoded, as Hindsight expects. */
export interface DealFilter {
  /** Deals in these stages (`status` + `status_filter_type: "is any of"`). */
  status?: string[];
  /** Deals in none of these stages (`status` + `status_filter_type: "is not"`). */
  notStatus?: string[];
  /** Only these deals (`ids`). */
  ids?: string[];
}

function filterQuery(filter: DealFilter): Record<string, QueryValue> {
  const query: Record<string, QueryValue> = {};
  if (filter.status) {
    query['status'] = JSON.stringify(filter.status);
    query['status_filter_type'] = 'is any of';
  } else if (filter.notStatus?.length) {
    query['status'] = JSON.stringify(filter.notStatus);
    query['status_filter_type'] = 'is not';
  }
  if (filter.ids) query['ids'] = JSON.stringify(filter.ids);
  return query;
}

/** `GET /deals`, the one documented deal read, in the three ways the provider uses it. */
export class HindsightApi {
  constructor(private readonly http: HttpClient) {}

  /** `count=true`: the number of matching deals, nothing else. */
  count(filter: DealFilter, signal?: AbortSignal): Promise<number> {
    return this.http.request(HsCountResponse, {
      method: 'GET', path: '/deals', query: { count: 'true', ...filterQuery(filter) }, signal,
    });
  }

  /** One page of whole deal records. */
  deals(filter: DealFilter, pageIndex: number, pageSize: number, signal?: AbortSignal): Promise<HsDeal[]> {
    return this.http.request(HsDealsResponse, {
      method: 'GET',
      path: '/deals',
      query: { ...filterQuery(filter), page_size: pageSize, page_index: pageIndex },
      signal,
    });
  }

  /** Hindsight's fuzzy search across deal names (`searchQuery`); one page, newest first. */
  search(text: string, pageSize: number, signal?: AbortSignal): Promise<HsDeal[]> {
    return this.http.request(HsDealsResponse, {
      method: 'GET', path: '/deals', query: { searchQuery: text, page_size: pageSize, page_index: 0 }, signal,
    });
  }

  /** One page of the stage columns only (`columns`), or of whole records when `columns` is left out. */
  statusRows(filter: DealFilter, pageIndex: number, withColumns: boolean, signal?: AbortSignal): Promise<HsStatusRow[]> {
    return this.http.request(HsStatusRowsResponse, {
      method: 'GET',
      path: '/deals',
      query: {
        ...filterQuery(filter),
        ...(withColumns ? { columns: STATUS_COLUMNS } : {}),
        page_size: PAGE_SIZE,
        page_index: pageIndex,
      },
      signal,
    });
  }
}
