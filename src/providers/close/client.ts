import type { z } from 'zod';
import { CrmError, HttpClient, type HttpClientOptions, isCrmError, type QueryValue, type RateLimits } from '../../http';
import type { ProviderContext } from '../contract';
import { closeErrorDetail, closeRateLimitHint, CLOSE_PROVIDER_NAME } from './http-options';
import {
  AnyBody, type CloseCustomField, type CloseMe, type CloseOpportunity, type CloseOpportunityList, type ClosePipeline,
  type CloseTask, type CloseUser, ContactSchema, CustomFieldSchema, CustomFieldSchemaResponse, listOf, MeSchema,
  OpportunityListSchema, OpportunitySchema, OrganizationSchema, PipelineSchema, TaskSchema, UserSchema,
} from './schemas';
import { TASK_TYPES } from './tasks';

export const CLOSE_API_URL = 'https://api.close.com/api/v1';

/**
 * Page sizes. Close's maximum differs per resource and is not published (over it: 400).
 * Opportunities: 250, what Airbyte's Close source pages with against real accounts. Tasks and
 * custom fields: 1000, likewise. Users: the documented default, 100.
 */
export const PAGE_SIZE = { opportunity: 250, task: 1000, customField: 1000, user: 100 } as const;

/**
 * The fields a list of opportunities asks Close for (`_fields`): what rows and stage totals show,
 * and the lead id a panel's tasks load with. Custom values are left out: rows never show them and
 * they are half an opportunity's bytes. A panel reads the whole opportunity.
 */
export const ROW_FIELDS = [
  'id', 'organization_id', 'lead_id', 'lead_name', 'pipeline_id', 'status_id', 'status_label', 'status_type',
  'value', 'value_currency', 'value_period', 'confidence', 'date_won', 'user_id', 'user_name',
  'contact_id', 'contact_name', 'date_created', 'date_updated',
].join(',');

/** Safety stop for `has_more` loops over small lists, should a server never say false. */
const MAX_PAGES = 100;

function basicAuth(apiKey: string): string {
  return `Basic ${Buffer.from(`${apiKey}:`, 'utf8').toString('base64')}`;
}

export interface CloseClientOptions {
  limits: RateLimits;
  /** Test seam: everything else of the HttpClient is fixed by the context. */
  http?: Partial<Pick<HttpClientOptions, 'dispatcher' | 'clock' | 'retry'>>;
}

/** The HTTP calls to Close; no mapping to the model here. Paths end with `/` as Close requires. */
export class CloseClient {
  private readonly http: HttpClient;
  private readonly account: string;

  constructor(context: ProviderContext, options: CloseClientOptions) {
    const apiKey = context.apiKey;
    this.account = context.account.label;
    this.http = new HttpClient({
      baseUrl: context.account.baseUrl ?? CLOSE_API_URL,
      account: context.account.label,
      provider: CLOSE_PROVIDER_NAME,
      authHeaders: () => {
        if (!apiKey) throw new Error('no key');
        return { authorization: basicAuth(apiKey) };
      },
      secrets: () => (apiKey ? [apiKey] : []),
      limits: options.limits,
      timeouts: context.requestTimeoutMs ? { responseMs: context.requestTimeoutMs } : undefined,
      logger: context.logger,
      onWait: context.onWait,
      rateLimitHint: closeRateLimitHint,
      errorDetail: closeErrorDetail,
      ...options.http,
    });
  }

  dispose(): void {
    this.http.dispose();
  }

  me(signal?: AbortSignal): Promise<CloseMe> {
    return this.get(MeSchema, '/me/', undefined, signal);
  }

  async organizationCurrency(organizationId: string, signal?: AbortSignal): Promise<string | undefined> {
    const org = await this.get(OrganizationSchema, `/organization/${enc(organizationId)}/`, undefined, signal);
    return org.currency ?? undefined;
  }

  /** `/pipeline/` is one `{data}` list; `has_more` is not relied on [UNCONFIRMED whether sent]. */
  async pipelines(signal?: AbortSignal): Promise<ClosePipeline[]> {
    return (await this.get(listOf(PipelineSchema), '/pipeline/', undefined, signal)).data;
  }

  opportunities(statusId: string, skip: number, signal?: AbortSignal): Promise<CloseOpportunityList> {
    return this.get(OpportunityListSchema, '/opportunity/', {
      status_id: statusId,
      // A stable order, so offset paging neither repeats nor skips while deals are edited.
      _order_by: '-date_created',
      _skip: skip,
      _limit: PAGE_SIZE.opportunity,
      _fields: ROW_FIELDS,
    }, signal);
  }

  /**
   * Opportunities whose lead matches Close's lead search (`lead_query`: free text over the lead's
   * name, contacts and the rest Close indexes), most recently changed first. One page.
   */
  searchOpportunities(leadQuery: string, limit: number, signal?: AbortSignal): Promise<CloseOpportunityList> {
    return this.get(OpportunityListSchema, '/opportunity/', {
      lead_query: leadQuery,
      _order_by: '-date_updated',
      _skip: 0,
      _limit: limit,
      _fields: ROW_FIELDS,
    }, signal);
  }

  /** One page of a user's open lead tasks and opportunity reminders, soonest due first. */
  openTasks(userId: string, skip: number, signal?: AbortSignal): Promise<{ data: CloseTask[]; has_more?: boolean }> {
    return this.get(listOf(TaskSchema), '/task/', {
      assigned_to: userId,
      is_complete: 'false',
      _type__in: TASK_TYPES,
      _order_by: 'date',
      _skip: skip,
      _limit: PAGE_SIZE.task,
    }, signal);
  }

  opportunity(id: string, signal?: AbortSignal): Promise<CloseOpportunity> {
    return this.get(OpportunitySchema, `/opportunity/${enc(id)}/`, undefined, signal);
  }

  /**
   * Partial update; Close answers with the opportunity as stored. `X-TZ-Offset` (hours) lets Close
   * date an automatic `date_won` (on a move to a won status) by the user's day, not UTC's.
   */
  updateOpportunity(id: string, body: Record<string, unknown>, signal?: AbortSignal): Promise<CloseOpportunity> {
    const headers = { 'x-tz-offset': String(-new Date().getTimezoneOffset() / 60) };
    return this.http.request(OpportunitySchema, { method: 'PUT', path: `/opportunity/${enc(id)}/`, body, headers, signal });
  }

  /** Regular and shared fields in UI order; the plain field list when the schema endpoint is missing (404). */
  async opportunityFields(signal?: AbortSignal): Promise<CloseCustomField[]> {
    try {
      const schema = await this.get(CustomFieldSchemaResponse, '/custom_field_schema/opportunity/', undefined, signal);
      return schema.fields ?? schema.data ?? [];
    } catch (error) {
      if (!isCrmError(error) || error.kind !== 'notFound') throw error;
    }
    return this.all(CustomFieldSchema, '/custom_field/opportunity/', {}, PAGE_SIZE.customField, signal);
  }

  users(signal?: AbortSignal): Promise<CloseUser[]> {
    return this.all(UserSchema, '/user/', {}, PAGE_SIZE.user, signal);
  }

  async contactName(id: string, signal?: AbortSignal): Promise<string | undefined> {
    const contact = await this.get(ContactSchema, `/contact/${enc(id)}/`, { _fields: 'id,name,display_name' }, signal);
    return contact.name ?? contact.display_name ?? undefined;
  }

  /**
   * A lead's tasks of the listed types, open and completed. Since 2024-06 completed tasks are
   * documented under `view=archive`; whether the default view includes them is [UNCONFIRMED],
   * so both are read and merged by id.
   */
  async leadTasks(leadId: string, signal?: AbortSignal): Promise<CloseTask[]> {
    const query = { lead_id: leadId, _type__in: TASK_TYPES };
    const [current, archived] = await Promise.all([
      this.all(TaskSchema, '/task/', query, PAGE_SIZE.task, signal),
      this.all(TaskSchema, '/task/', { ...query, view: 'archive' }, PAGE_SIZE.task, signal),
    ]);
    const byId = new Map<string, CloseTask>();
    for (const task of [...current, ...archived]) byId.set(task.id, task);
    return [...byId.values()];
  }

  task(id: string, signal?: AbortSignal): Promise<CloseTask> {
    return this.get(TaskSchema, `/task/${enc(id)}/`, undefined, signal);
  }

  /** The created task; re-read when the answer is not one [UNCONFIRMED: task write responses]. */
  async createTask(body: Record<string, unknown>, signal?: AbortSignal): Promise<CloseTask> {
    const response = await this.http.requestRaw({ method: 'POST', path: '/task/', body, signal });
    const parsed = TaskSchema.safeParse(response.body);
    if (parsed.success) return parsed.data;
    const id = (response.body as { id?: unknown } | undefined)?.id;
    if (typeof id === 'string') return this.task(id, signal);
    throw new CrmError({
      kind: 'badResponse', account: this.account, provider: CLOSE_PROVIDER_NAME, operation: 'POST /task/', issuePath: 'id',
      detail: 'the answer named no task',
    });
  }

  async updateTask(id: string, body: Record<string, unknown>, signal?: AbortSignal): Promise<CloseTask> {
    const response = await this.http.requestRaw({ method: 'PUT', path: `/task/${enc(id)}/`, body, signal });
    const parsed = TaskSchema.safeParse(response.body);
    return parsed.success ? parsed.data : this.task(id, signal);
  }

  async deleteTask(id: string, signal?: AbortSignal): Promise<void> {
    await this.http.request(AnyBody, { method: 'DELETE', path: `/task/${enc(id)}/`, signal });
  }

  private get<T>(schema: z.ZodType<T>, path: string, query: Record<string, QueryValue> | undefined, signal?: AbortSignal): Promise<T> {
    return this.http.request(schema, { method: 'GET', path, query, signal });
  }

  /** Every page of a `{data, has_more}` list, `_skip` advanced by what each page held. */
  private async all<T>(item: z.ZodType<T>, path: string, query: Record<string, QueryValue>, limit: number, signal?: AbortSignal): Promise<T[]> {
    const schema = listOf(item);
    const items: T[] = [];
    for (let page = 0, skip = 0; page < MAX_PAGES; page++) {
      const result = await this.get(schema, path, { ...query, _skip: skip, _limit: limit }, signal);
      items.push(...(result.data as T[]));
      skip += result.data.length;
      if (!result.has_more || result.data.length === 0) break;
    }
    return items;
  }
}

function enc(segment: string): string {
  return encodeURIComponent(segment);
}
