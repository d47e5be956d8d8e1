import { HttpClient, isCrmError, type RetryOptions } from '../../http';
import type { Deal, Outcome, Page, Pipeline, Stage, Task } from '../../model';
import type {
  CrmProvider, DealDetail, DealPatch, DealQuery, Logger, ProviderContext, ProviderDescriptor, TaskInput, TaskPatch, WebTarget,
} from '../contract';
import { rankByName, searchLimit } from '../shared/search-rank';
import { resolveApiBase } from './api-url';
import { type DealFilter, HindsightApi, PAGE_SIZE } from './client';
import { formatCursor, parseCursor } from './cursor';
import { hindsightErrorDetail, localError, PROVIDER_NAME, readOnlyError } from './errors';
import { fieldDefs } from './fields';
import { exactTotals, rawOf, toModelDeal } from './map';
import { MINUTE_MS, rateLimitHint, windowBudget } from './rate';
import type { HsDeal, HsStatusRow } from './schemas';
import { buildPipeline, closedOutcome, discoverStatuses, PIPELINE_ID, PIPELINE_NAME, stageOutcomeResolver } from './stages';

/** Records kept from lists, for a deal whose `ids` lookup Hindsight does not honour. */
const REMEMBERED_RECORDS = 2000;

export interface HindsightProviderOptions {
  /** Tests shorten the backoff; the default is the HTTP layer's. */
  retry?: RetryOptions;
  /**
   * How long the plan's minute lasts: the same number of requests is spent per this window. Tests
   * shrink it together with a fake whose minute is as short. Default 60 s.
   */
  rateWindowMs?: number;
}

/**
 * A Hindsight account through its read-only `GET /deals`: one synthesized pipeline whose stages
 * are the deals' `status_id` values, deals per stage, and one deal with its win-loss analysis.
 * Every write is refused before anything is sent: Hindsight documents none.
 */
export class HindsightProvider implements CrmProvider {
  private readonly http: HttpClient | undefined;
  private readonly api: HindsightApi | undefined;
  private readonly configProblem: string | undefined;
  private readonly appOrigin: string | undefined;
  private readonly accountLabel: string;
  private readonly configured: Record<string, 'won' | 'lost'> | undefined;
  private readonly logger: Logger;
  /** The stages found last; the outcome of a deal is its stage's. */
  private pipeline: Pipeline | undefined;
  /** Cleared when Hindsight refuses `columns`: stage discovery then reads whole records. */
  private statusColumns = true;
  private readonly records = new Map<string, HsDeal>();

  constructor(
    readonly descriptor: ProviderDescriptor,
    context: ProviderContext,
    options: HindsightProviderOptions = {},
  ) {
    this.accountLabel = context.account.label;
    this.configured = context.account.stageOutcomes;
    this.logger = context.logger;
    const base = resolveApiBase(context.account.baseUrl);
    if (!base.ok) {
      this.configProblem = base.problem;
      return;
    }
    this.appOrigin = base.appOrigin;
    const apiKey = context.apiKey;
    const windowMs = options.rateWindowMs ?? MINUTE_MS;
    const rate = descriptor.rateLimit ?? { ratePerSecond: 1, concurrency: 2 };
    this.http = new HttpClient({
      baseUrl: base.apiBase,
      account: context.account.label,
      provider: PROVIDER_NAME,
      authHeaders: () => {
        if (!apiKey) throw new Error('no key');
        return { Authorization: `Bearer ${apiKey}` };
      },
      secrets: () => (apiKey ? [apiKey] : []),
      // The descriptor states the plan's per-minute limit as a rate per second; it is spent per minute.
      limits: windowBudget((rate.ratePerSecond * MINUTE_MS) / 1000, windowMs, rate.concurrency),
      timeouts: context.requestTimeoutMs ? { responseMs: context.requestTimeoutMs } : undefined,
      retry: options.retry,
      rateLimitHint: rateLimitHint(windowMs),
      errorDetail: hindsightErrorDetail,
      logger: context.logger,
      onWait: context.onWait,
    });
    this.api = new HindsightApi(this.http);
  }

  /** `count=true`: the cheapest authenticated call. Hindsight has no "who am I", so no user is named. */
  async checkKey(signal?: AbortSignal): Promise<{ user?: string }> {
    await this.hs('GET /deals').count({}, signal);
    return {};
  }

  async listPipelines(signal?: AbortSignal): Promise<Pipeline[]> {
    const api = this.hs('GET /deals');
    const discovery = await discoverStatuses((filter, pageIndex) => this.readStatuses(api, filter, pageIndex, signal));
    const pipeline = buildPipeline(discovery, this.configured);
    this.pipeline = pipeline;
    this.logger.debug(`Hindsight "${this.accountLabel}": ${pipeline.stages.length} stages found in ${discovery.requests} requests`);
    return [structuredClone(pipeline)];
  }

  /**
   * One page of a stage (`status` filter, 100 a page). A page shorter than that ends the stage and
   * gives its count; a full first page leaves the count to `countDeals`, which costs a request.
   */
  async listDeals(query: DealQuery, signal?: AbortSignal): Promise<Page<Deal>> {
    const operation = 'GET /deals';
    const api = this.hs(operation);
    this.checkPipeline(query.pipelineId, operation);
    const pageIndex = parseCursor(query.cursor);
    if (pageIndex === undefined) {
      throw localError('validation', this.accountLabel, operation, {
        fieldErrors: [{ field: 'cursor', message: 'is not a position in this stage; reload the stage' }],
      });
    }
    const filter: DealFilter = { status: [query.stageId] };
    const records = await api.deals(filter, pageIndex, PAGE_SIZE, signal);
    const full = records.length >= PAGE_SIZE;
    const inStage = records.filter((r) => r.status_id === query.stageId);
    if (inStage.length !== records.length) {
      this.logger.warn(`Hindsight "${this.accountLabel}": ${records.length - inStage.length} deals outside stage "${query.stageId}" were left out`);
    }
    for (const record of inStage) this.remember(record);
    const items = inStage.map((r) => this.toDeal(r));
    return {
      items,
      next: full ? formatCursor(pageIndex + 1) : undefined,
      total: full ? undefined : pageIndex * PAGE_SIZE + inStage.length,
      totals: exactTotals(inStage, items, pageIndex === 0 && !full && inStage.length === records.length),
    };
  }

  /** `count=true` on the stage's status. */
  async countDeals(query: Omit<DealQuery, 'cursor'>, signal?: AbortSignal): Promise<number> {
    const operation = 'GET /deals';
    const api = this.hs(operation);
    this.checkPipeline(query.pipelineId, operation);
    return api.count({ status: [query.stageId] }, signal);
  }

  async fetchDeal(dealId: string, signal?: AbortSignal): Promise<Deal> {
    return this.toDeal(await this.record(dealId, signal));
  }

  /** The record, its read-only analysis fields and every key flattened; Hindsight has no tasks and no user list. */
  async getDeal(dealId: string, signal?: AbortSignal): Promise<DealDetail> {
    const record = await this.record(dealId, signal);
    return {
      deal: this.toDeal(record),
      stages: this.stagesWith(record.status_id),
      fields: fieldDefs(record),
      tasks: [],
      users: [],
      raw: rawOf(record),
    };
  }

  async updateDeal(dealId: string, _patch: DealPatch, _signal?: AbortSignal): Promise<Deal> {
    throw readOnlyError(this.accountLabel, `update deal ${dealId}`);
  }

  /** Hindsight has no tasks: nothing to ask for. */
  async listTasks(_dealId: string, _signal?: AbortSignal): Promise<Task[]> {
    return [];
  }

  async createTask(dealId: string, _input: TaskInput, _signal?: AbortSignal): Promise<Task> {
    throw readOnlyError(this.accountLabel, `create a task on deal ${dealId}`);
  }

  async updateTask(_dealId: string, taskId: string, _patch: TaskPatch, _signal?: AbortSignal): Promise<Task> {
    throw readOnlyError(this.accountLabel, `update task ${taskId}`);
  }

  async deleteTask(_dealId: string, taskId: string, _signal?: AbortSignal): Promise<void> {
    throw readOnlyError(this.accountLabel, `delete task ${taskId}`);
  }

  /** Hindsight's fuzzy name search, one page; names that start with the text first. Hindsight has no tasks to list. */
  async searchDeals(text: string, limit: number, signal?: AbortSignal): Promise<Deal[]> {
    const query = text.trim();
    const size = searchLimit(limit, PAGE_SIZE);
    if (!query || size === 0) return [];
    const records = await this.hs('GET /deals').search(query, size, signal);
    for (const record of records) this.remember(record);
    return rankByName(records.map((r) => this.toDeal(r)), query, (d) => d.name).slice(0, size);
  }

  /** Deals open at `/deals/{id}` in the web app (the form Hindsight's own answers cite); there is no pipeline page. */
  webUrl(target: WebTarget): string | undefined {
    if (target.kind !== 'deal' || !this.appOrigin) return undefined;
    return `${this.appOrigin}/deals/${encodeURIComponent(target.dealId)}`;
  }

  dispose(): void {
    this.http?.dispose();
  }

  private checkPipeline(pipelineId: string, operation: string): void {
    if (pipelineId === PIPELINE_ID) return;
    throw localError('notFound', this.accountLabel, operation, {
      summary: `Hindsight has one pipeline, "${PIPELINE_NAME}"; refresh the account`,
    });
  }

  /** The API, or the account's configuration problem as a classified error. */
  private hs(operation: string): HindsightApi {
    if (this.api) return this.api;
    throw localError('validation', this.accountLabel, operation, { summary: this.configProblem });
  }

  /** Stage columns only; whole records once Hindsight has refused the `columns` we ask for. */
  private async readStatuses(api: HindsightApi, filter: DealFilter, pageIndex: number, signal?: AbortSignal): Promise<HsStatusRow[]> {
    if (!this.statusColumns) return api.statusRows(filter, pageIndex, false, signal);
    try {
      return await api.statusRows(filter, pageIndex, true, signal);
    } catch (error) {
      if (!isCrmError(error) || error.status !== 400) throw error;
      this.statusColumns = false;
      this.logger.warn(`Hindsight "${this.accountLabel}" refused the stage columns (${error.detail ?? 'HTTP 400'}); reading whole deals instead`);
      return api.statusRows(filter, pageIndex, false, signal);
    }
  }

  /** One deal through the `ids` filter; the record last listed if Hindsight answers with other deals. */
  private async record(dealId: string, signal?: AbortSignal): Promise<HsDeal> {
    const operation = 'GET /deals';
    const records = await this.hs(operation).deals({ ids: [dealId] }, 0, 1, signal);
    const found = records.find((r) => r.id === dealId);
    if (found) {
      this.remember(found);
      return found;
    }
    if (!records.length) {
      throw localError('notFound', this.accountLabel, operation, {
        detail: `Hindsight has no deal "${dealId}" that this key can see; it may have been deleted. Refresh the stage.`,
      });
    }
    const remembered = this.records.get(dealId);
    if (remembered) {
      this.logger.warn(`Hindsight "${this.accountLabel}" did not apply the ids filter; showing deal "${dealId}" as last listed`);
      return remembered;
    }
    throw localError('badResponse', this.accountLabel, operation, {
      summary: `Hindsight answered with other deals than "${dealId}" (the ids filter was not applied)`,
    });
  }

  private remember(record: HsDeal): void {
    this.records.delete(record.id);
    this.records.set(record.id, record);
    if (this.records.size > REMEMBERED_RECORDS) this.records.delete(this.records.keys().next().value!);
  }

  private toDeal(record: HsDeal): Deal {
    return toModelDeal(record, {
      outcomeOf: (status) => this.outcomeOf(status),
      dealUrl: (id) => this.webUrl({ kind: 'deal', dealId: id })!,
    });
  }

  /** The stage's outcome as the pipeline says; before any pipeline is loaded, only what the mapping or name says. */
  private outcomeOf(status: string): Outcome {
    const stage = this.pipeline?.stages.find((s) => s.id === status);
    if (stage) return stage.outcome;
    if (!this.pipeline) return closedOutcome(status, this.configured) ?? 'unknown';
    return stageOutcomeResolver([...this.pipeline.stages.map((s) => s.id), status], this.configured)(status);
  }

  /** The stages last found, plus the deal's own if it is new since: no discovery just for a panel. */
  private stagesWith(status: string | undefined): Stage[] {
    const stages = structuredClone(this.pipeline?.stages ?? []);
    if (status && !stages.some((s) => s.id === status)) {
      stages.push({ id: status, pipelineId: PIPELINE_ID, name: status, order: stages.length, outcome: this.outcomeOf(status) });
    }
    return stages;
  }
}
