import type { z } from 'zod';
import type { HttpClient, QueryValue } from '../../http';
import { localError, reclassify } from './errors';
import {
  AnyResponse, FieldsResponse, MembersResponse, ObjectsResponse, OpportunitiesResponse, OpportunityResponse,
  OpportunityUpdateResponse, type PageInfo, TaskCreateResponse, TasksResponse, TasksWithTargetsResponse, TaskTargetCreateResponse,
  TaskTargetsResponse, TaskUpdateResponse, type TwentyMember, type TwentyOpportunity, type TwentyTask, type TwentyTaskTarget,
  type TwentyTaskWithTargets,
} from './schemas';

/**
 * Records per page. Newer builds clamp `limit` to 200 (QUERY_MAX_RECORDS), the real mid-2025 server
 * does not clamp at all, old builds advertised 60: asking for 200 is the largest size no known build
 * refuses, and a server that clamps lower still pages correctly through `pageInfo`.
 */
export const PAGE_SIZE = 200;

/** Pages read to infer stages from records when metadata is out of reach. */
export const INFERENCE_PAGES = 5;

const id = (value: string): string => encodeURIComponent(value);

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A filter value, quoted when it holds anything the filter grammar would read as syntax. */
export function filterValue(value: string): string {
  return /^[\w.@:-]+$/.test(value) ? value : `"${value.replace(/"/g, '')}"`;
}

/** The next cursor, or undefined at the end (also when the server repeats a cursor, so paging always ends). */
export function nextCursor(pageInfo: PageInfo | undefined, received: number, previous: string | undefined): string | undefined {
  const cursor = pageInfo?.endCursor ?? undefined;
  if (!pageInfo?.hasNextPage || !cursor || received === 0 || cursor === previous) return undefined;
  return cursor;
}

export interface OpportunityPage {
  records: TwentyOpportunity[];
  pageInfo: PageInfo | undefined;
  totalCount: number | undefined;
}

/** A metadata list as it came: the items, and the path they sit at (`data` or `data.objects`) for errors. */
export interface MetadataList {
  items: unknown[];
  path: (string | number)[];
}

/** The Twenty REST endpoints the provider uses, one method each, on the account's one HttpClient. */
export class TwentyApi {
  constructor(
    private readonly http: HttpClient,
    private readonly account: string,
  ) {}

  /** One page of a stage, in the Kanban order (`position`), at depth 0 (join ids only: the light form). */
  async opportunitiesPage(stage: string | undefined, cursor: string | undefined, signal?: AbortSignal, limit = PAGE_SIZE): Promise<OpportunityPage> {
    const response = await this.request(OpportunitiesResponse, {
      method: 'GET',
      path: '/rest/opportunities',
      query: {
        filter: stage === undefined ? undefined : `stage[eq]:${filterValue(stage)}`,
        order_by: 'position[AscNullsFirst]',
        limit,
        depth: 0,
        starting_after: cursor,
      },
      signal,
    });
    return { records: response.data.opportunities, pageInfo: response.pageInfo, totalCount: response.totalCount };
  }

  /**
   * Opportunities whose name contains the text, any case (`name[ilike]`), in the Kanban order; one
   * page. The text is quoted; Twenty's `%` and `_` wildcards in it only widen the match.
   */
  async searchOpportunities(text: string, limit: number, signal?: AbortSignal): Promise<TwentyOpportunity[]> {
    const response = await this.request(OpportunitiesResponse, {
      method: 'GET',
      path: '/rest/opportunities',
      query: { filter: `name[ilike]:"%${text.replace(/"/g, '')}%"`, order_by: 'position[AscNullsFirst]', limit, depth: 0 },
      signal,
    });
    return response.data.opportunities;
  }

  /** Opportunities by id, for tasks whose deal was not seen yet: one request for up to a page of ids. */
  async opportunitiesByIds(ids: readonly string[], signal?: AbortSignal): Promise<TwentyOpportunity[]> {
    if (!ids.length) return [];
    const response = await this.request(OpportunitiesResponse, {
      method: 'GET',
      path: '/rest/opportunities',
      query: { filter: `id[in]:[${ids.map(filterValue).join(',')}]`, limit: PAGE_SIZE, depth: 0 },
      signal,
    });
    return response.data.opportunities;
  }

  /**
   * One page of the tasks not done (`status` null counts as not done), soonest due first. Depth 1
   * embeds each task's taskTargets, which name the opportunity it is about.
   */
  async openTasksPage(cursor: string | undefined, signal?: AbortSignal): Promise<{ tasks: TwentyTaskWithTargets[]; pageInfo: PageInfo | undefined }> {
    const response = await this.request(TasksWithTargetsResponse, {
      method: 'GET',
      path: '/rest/tasks',
      query: {
        filter: 'or(status[is]:NULL,status[neq]:DONE)',
        order_by: 'dueAt[AscNullsLast]',
        limit: PAGE_SIZE,
        depth: 1,
        starting_after: cursor,
      },
      signal,
    });
    return { tasks: response.data.tasks, pageInfo: response.pageInfo };
  }

  /** One opportunity; depth 1 embeds its company, point of contact (and owner on newest builds) for their names. */
  async opportunity(dealId: string, depth: 0 | 1, signal?: AbortSignal): Promise<TwentyOpportunity> {
    const response = await this.request(OpportunityResponse, {
      method: 'GET', path: `/rest/opportunities/${id(dealId)}`, query: { depth }, signal,
    });
    return response.data.opportunity;
  }

  /** `PATCH` with only the keys that change; the answer is `data.updateOpportunity` (or `data.opportunity`). */
  async updateOpportunity(dealId: string, body: Record<string, unknown>, signal?: AbortSignal): Promise<TwentyOpportunity> {
    const operation = `PATCH /rest/opportunities/${dealId}`;
    const response = await this.request(OpportunityUpdateResponse, { method: 'PATCH', path: `/rest/opportunities/${id(dealId)}`, body, signal });
    const record = response.data.updateOpportunity ?? response.data.opportunity;
    if (!record) throw localError('badResponse', this.account, operation, { issuePath: 'data.updateOpportunity', detail: 'missing' });
    return record;
  }

  async members(signal?: AbortSignal): Promise<TwentyMember[]> {
    return this.all(MembersResponse, '/rest/workspaceMembers', { depth: 0 }, (r) => r.data.workspaceMembers, signal);
  }

  /** Every object with its fields embedded, in either response format; paged by whatever cursor the server gives. */
  async objects(signal?: AbortSignal): Promise<MetadataList> {
    return this.metadataList(ObjectsResponse, '/rest/metadata/objects', 'objects', signal);
  }

  /** One object with its fields: legacy `{data: {object}}` or new, bare. */
  async object(objectId: string, signal?: AbortSignal): Promise<{ item: unknown; path: (string | number)[] }> {
    const body = await this.request(AnyResponse, { method: 'GET', path: `/rest/metadata/objects/${id(objectId)}`, signal });
    const data = isObject(body) && isObject(body['data']) ? body['data'] : undefined;
    return data && 'object' in data ? { item: data['object'], path: ['data', 'object'] } : { item: body, path: [] };
  }

  /** Every field of every object, for a build whose objects come without them. */
  async fields(signal?: AbortSignal): Promise<MetadataList> {
    return this.metadataList(FieldsResponse, '/rest/metadata/fields', 'fields', signal);
  }

  /** The links of one opportunity to its tasks, with each task embedded (depth 1). */
  async taskTargets(column: string, dealId: string, signal?: AbortSignal): Promise<TwentyTaskTarget[]> {
    return this.all(TaskTargetsResponse, '/rest/taskTargets', { filter: `${column}[eq]:${filterValue(dealId)}`, depth: 1 }, (r) => r.data.taskTargets, signal);
  }

  async tasksByIds(ids: readonly string[], signal?: AbortSignal): Promise<TwentyTask[]> {
    if (!ids.length) return [];
    return this.all(TasksResponse, '/rest/tasks', { filter: `id[in]:[${ids.map(filterValue).join(',')}]`, depth: 0 }, (r) => r.data.tasks, signal);
  }

  async createTask(body: Record<string, unknown>, signal?: AbortSignal): Promise<TwentyTask> {
    return (await this.request(TaskCreateResponse, { method: 'POST', path: '/rest/tasks', body, signal })).data.createTask;
  }

  async updateTask(taskId: string, body: Record<string, unknown>, signal?: AbortSignal): Promise<TwentyTask> {
    return (await this.request(TaskUpdateResponse, { method: 'PATCH', path: `/rest/tasks/${id(taskId)}`, body, signal })).data.updateTask;
  }

  async deleteTask(taskId: string, signal?: AbortSignal): Promise<void> {
    await this.request(AnyResponse, { method: 'DELETE', path: `/rest/tasks/${id(taskId)}`, signal });
  }

  async createTaskTarget(body: Record<string, unknown>, signal?: AbortSignal): Promise<string> {
    return (await this.request(TaskTargetCreateResponse, { method: 'POST', path: '/rest/taskTargets', body, signal })).data.createTaskTarget.id;
  }

  private async request<T>(schema: z.ZodType<T>, req: Parameters<HttpClient['request']>[1]): Promise<T> {
    try {
      return await this.http.request(schema, req);
    } catch (error) {
      throw reclassify(error);
    }
  }

  private async all<R extends { pageInfo?: PageInfo }, T>(
    schema: z.ZodType<R>,
    path: string,
    query: Record<string, QueryValue>,
    items: (response: R) => T[],
    signal: AbortSignal | undefined,
  ): Promise<T[]> {
    const collected: T[] = [];
    let cursor: string | undefined;
    do {
      const response: R = await this.request(schema, {
        method: 'GET', path, query: { ...query, limit: PAGE_SIZE, starting_after: cursor }, signal,
      });
      const page = items(response);
      collected.push(...page);
      cursor = nextCursor(response.pageInfo, page.length, cursor);
    } while (cursor);
    return collected;
  }

  /** No `limit` is sent: the metadata default (1000) is also its maximum. */
  private async metadataList<R extends { data: unknown[] | Record<string, unknown>; pageInfo?: PageInfo }>(
    schema: z.ZodType<R>,
    path: string,
    legacyKey: string,
    signal: AbortSignal | undefined,
  ): Promise<MetadataList> {
    const items: unknown[] = [];
    let listPath: (string | number)[] = ['data'];
    let cursor: string | undefined;
    do {
      const response: R = await this.request(schema, { method: 'GET', path, query: { starting_after: cursor }, signal });
      const legacy = !Array.isArray(response.data);
      const page = (legacy ? (response.data as Record<string, unknown>)[legacyKey] : response.data) as unknown[];
      if (legacy) listPath = ['data', legacyKey];
      items.push(...page);
      cursor = nextCursor(response.pageInfo, page.length, cursor);
    } while (cursor);
    return { items, path: listPath };
  }
}
