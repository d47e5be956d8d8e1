import type { z } from 'zod';
import type { HttpClient } from '../../http';
import { localError } from './errors';
import {
  SpottAnyResponse, type SpottOpportunity, SpottOpportunityList, SpottOpportunitySchema, type SpottTask, SpottTaskList,
  SpottTaskSchema,
} from './schemas';

/** Spott's largest page: every list takes `limit` from 1 to 50. */
export const PAGE_SIZE = 50;

/** A list page in either envelope. */
interface ListPage<T> {
  items: T[];
  pageInfo?: { nextCursor?: string | null; hasNextPage: boolean };
  pagination?: { cursor?: string | null; hasMore: boolean };
}

/** The cursor of the next page from either envelope ('' when one was announced without it), or undefined at the end. */
export function nextCursorOf(page: ListPage<unknown>): string | undefined {
  if (page.pageInfo) return page.pageInfo.hasNextPage ? (page.pageInfo.nextCursor ?? '') : undefined;
  if (page.pagination) return page.pagination.hasMore ? (page.pagination.cursor ?? '') : undefined;
  return undefined;
}

/** Which envelope key the cursor came from, for error paths. */
function cursorPath(page: ListPage<unknown>): string {
  return page.pageInfo ? 'pageInfo.nextCursor' : 'pagination.cursor';
}

const id = (value: string): string => encodeURIComponent(value);

/** The Spott endpoints the provider uses, one method each, on the account's one HttpClient. */
export class SpottApi {
  constructor(
    private readonly http: HttpClient,
    private readonly account: string,
  ) {}

  /** The cheapest authenticated call documented: one opportunity. */
  probe(signal?: AbortSignal) {
    return this.http.request(SpottOpportunityList, { method: 'GET', path: '/opportunities', query: { limit: 1 }, signal });
  }

  /** Every opportunity, oldest change first, 50 a page. */
  allOpportunities(signal?: AbortSignal): Promise<SpottOpportunity[]> {
    return this.all('/opportunities', SpottOpportunityList, signal);
  }

  opportunity(opportunityId: string, signal?: AbortSignal) {
    return this.http.request(SpottOpportunitySchema, { method: 'GET', path: `/opportunities/${id(opportunityId)}`, signal });
  }

  updateOpportunity(opportunityId: string, body: Record<string, unknown>, signal?: AbortSignal) {
    return this.http.request(SpottAnyResponse, { method: 'PATCH', path: `/opportunities/${id(opportunityId)}`, body, signal });
  }

  /** Every task of the account: the docs show no filter by opportunity. */
  allTasks(signal?: AbortSignal): Promise<SpottTask[]> {
    return this.all('/tasks', SpottTaskList, signal);
  }

  createTask(body: Record<string, unknown>, signal?: AbortSignal) {
    return this.http.request(SpottTaskSchema, { method: 'POST', path: '/tasks/_raw', body, signal });
  }

  /**
   * Pages a list to its end. Lists are ordered by modification, oldest first, so a record changed
   * while we page shows up again later: the later copy wins, in its later place.
   */
  private async all<T extends { id: string }>(path: string, schema: z.ZodType<ListPage<T>>, signal: AbortSignal | undefined): Promise<T[]> {
    const byId = new Map<string, T>();
    const seen = new Set<string>();
    let cursor: string | undefined;
    for (;;) {
      const page = await this.http.request(schema, { method: 'GET', path, query: { limit: PAGE_SIZE, cursor }, signal });
      for (const item of page.items) {
        byId.delete(item.id);
        byId.set(item.id, item);
      }
      const next = nextCursorOf(page);
      if (next === undefined) return [...byId.values()];
      // A next page without a cursor, or a cursor we already followed, would page forever.
      if (next === '' || seen.has(next)) {
        throw localError('badResponse', this.account, `GET ${path}`, {
          issuePath: cursorPath(page),
          detail: next === '' ? 'more pages were announced without a cursor' : 'the same cursor came back twice',
        });
      }
      seen.add(next);
      cursor = next;
    }
  }
}
