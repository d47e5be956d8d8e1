import type { z } from 'zod';
import type { HttpClient, QueryValue } from '../../http';
import { totalOf } from './map';
import {
  AcAccountResponse, AcAnyResponse, AcContactResponse, AcDealResponse, AcDealsResponse, AcFieldDataResponse,
  AcFieldDatumResponse, AcFieldMetaResponse, type AcMeta, AcPipelinesResponse, AcStagesResponse, AcTaskResponse,
  AcTasksResponse, AcTaskTypesResponse, AcUserMeResponse, AcUsersResponse,
} from './schemas';

/** AC's largest page (`limit` is capped at 100). */
export const PAGE_SIZE = 100;

/** Where the next page starts, or undefined at the end: by `meta.total` when given, else by a short page. */
export function nextOffset(offset: number, received: number, meta: AcMeta | undefined): number | undefined {
  if (received === 0) return undefined;
  const total = totalOf(meta);
  const next = offset + received;
  if (total !== undefined) return next < total ? next : undefined;
  return received >= PAGE_SIZE ? next : undefined;
}

const id = (value: string): string => encodeURIComponent(value);

/** The ActiveCampaign v3 endpoints the provider uses, one method each, on the account's one HttpClient. */
export class AcApi {
  constructor(private readonly http: HttpClient) {}

  me(signal?: AbortSignal) {
    return this.http.request(AcUserMeResponse, { method: 'GET', path: '/users/me', signal });
  }

  async users(signal?: AbortSignal) {
    return this.all(AcUsersResponse, '/users', {}, (r) => r.users, signal);
  }

  /** Every pipeline with the stages AC side-loads beside them. */
  async pipelines(signal?: AbortSignal) {
    const groups: z.infer<typeof AcPipelinesResponse>['dealGroups'] = [];
    const stages: NonNullable<z.infer<typeof AcPipelinesResponse>['dealStages']> = [];
    for (let offset: number | undefined = 0; offset !== undefined; ) {
      const page: z.infer<typeof AcPipelinesResponse> = await this.http.request(AcPipelinesResponse, {
        method: 'GET', path: '/dealGroups', query: { limit: PAGE_SIZE, offset }, signal,
      });
      groups.push(...page.dealGroups);
      stages.push(...(page.dealStages ?? []));
      offset = nextOffset(offset, page.dealGroups.length, page.meta);
    }
    return { groups, stages };
  }

  /** The stages of one pipeline, for a pipeline whose stages were not side-loaded. */
  stagesOf(pipelineId: string, signal?: AbortSignal) {
    return this.all(AcStagesResponse, '/dealStages', { 'filters[d_groupid]': pipelineId }, (r) => r.dealStages, signal);
  }

  dealsPage(pipelineId: string, stageId: string, offset: number, signal?: AbortSignal) {
    return this.http.request(AcDealsResponse, {
      method: 'GET',
      path: '/deals',
      query: { 'filters[group]': pipelineId, 'filters[stage]': stageId, limit: PAGE_SIZE, offset },
      signal,
    });
  }

  /** AC's deal search over the title, the contact and the organisation (`search_field=all`); one page. */
  searchDeals(text: string, limit: number, signal?: AbortSignal) {
    return this.http.request(AcDealsResponse, {
      method: 'GET',
      path: '/deals',
      query: { 'filters[search]': text, 'filters[search_field]': 'all', limit, offset: 0 },
      signal,
    });
  }

  /** One page of the deal tasks assigned to a user that are not complete (`status` 0). */
  openTasks(assigneeId: string, offset: number, signal?: AbortSignal) {
    return this.http.request(AcTasksResponse, {
      method: 'GET',
      path: '/dealTasks',
      query: { 'filters[reltype]': 'Deal', 'filters[status]': 0, 'filters[assignee_userid]': assigneeId, limit: PAGE_SIZE, offset },
      signal,
    });
  }

  deal(dealId: string, signal?: AbortSignal) {
    return this.http.request(AcDealResponse, { method: 'GET', path: `/deals/${id(dealId)}`, signal });
  }

  updateDeal(dealId: string, deal: Record<string, unknown>, signal?: AbortSignal) {
    return this.http.request(AcDealResponse, { method: 'PUT', path: `/deals/${id(dealId)}`, body: { deal }, signal });
  }

  contact(contactId: string, signal?: AbortSignal) {
    return this.http.request(AcContactResponse, { method: 'GET', path: `/contacts/${id(contactId)}`, signal });
  }

  account(accountId: string, signal?: AbortSignal) {
    return this.http.request(AcAccountResponse, { method: 'GET', path: `/accounts/${id(accountId)}`, signal });
  }

  /** Deal custom field definitions; this endpoint has no `meta` and no offset, only `limit`. */
  fieldMeta(signal?: AbortSignal) {
    return this.http.request(AcFieldMetaResponse, { method: 'GET', path: '/dealCustomFieldMeta', query: { limit: PAGE_SIZE }, signal });
  }

  /** A deal's custom field values (`filters[dealId]`, capital I as documented). */
  fieldData(dealId: string, signal?: AbortSignal) {
    return this.all(AcFieldDataResponse, '/dealCustomFieldData', { 'filters[dealId]': dealId }, (r) => r.dealCustomFieldData, signal);
  }

  createDatum(datum: Record<string, unknown>, signal?: AbortSignal) {
    return this.http.request(AcFieldDatumResponse, {
      method: 'POST', path: '/dealCustomFieldData', body: { dealCustomFieldDatum: datum }, signal,
    });
  }

  updateDatum(datumId: string, datum: Record<string, unknown>, signal?: AbortSignal) {
    return this.http.request(AcFieldDatumResponse, {
      method: 'PUT', path: `/dealCustomFieldData/${id(datumId)}`, body: { dealCustomFieldDatum: datum }, signal,
    });
  }

  deleteDatum(datumId: string, signal?: AbortSignal) {
    return this.http.request(AcAnyResponse, { method: 'DELETE', path: `/dealCustomFieldData/${id(datumId)}`, signal });
  }

  tasks(dealId: string, signal?: AbortSignal) {
    return this.all(AcTasksResponse, '/dealTasks', { 'filters[relid]': dealId, 'filters[reltype]': 'Deal' }, (r) => r.dealTasks, signal);
  }

  createTask(dealTask: Record<string, unknown>, signal?: AbortSignal) {
    return this.http.request(AcTaskResponse, { method: 'POST', path: '/dealTasks', body: { dealTask }, signal });
  }

  updateTask(taskId: string, dealTask: Record<string, unknown>, signal?: AbortSignal) {
    return this.http.request(AcTaskResponse, { method: 'PUT', path: `/dealTasks/${id(taskId)}`, body: { dealTask }, signal });
  }

  deleteTask(taskId: string, signal?: AbortSignal) {
    return this.http.request(AcAnyResponse, { method: 'DELETE', path: `/dealTasks/${id(taskId)}`, signal });
  }

  taskTypes(signal?: AbortSignal) {
    return this.all(AcTaskTypesResponse, '/dealTasktypes', {}, (r) => r.dealTasktypes, signal);
  }

  /** Every item of a list, page by page at the largest page size. */
  private async all<R extends { meta?: AcMeta }, T>(
    schema: z.ZodType<R>,
    path: string,
    filters: Record<string, QueryValue>,
    items: (response: R) => T[],
    signal: AbortSignal | undefined,
  ): Promise<T[]> {
    const collected: T[] = [];
    for (let offset: number | undefined = 0; offset !== undefined; ) {
      const response = await this.http.request(schema, {
        method: 'GET', path, query: { ...filters, limit: PAGE_SIZE, offset }, signal,
      });
      const page = items(response);
      collected.push(...page);
      offset = nextOffset(offset, page.length, response.meta);
    }
    return collected;
  }
}
