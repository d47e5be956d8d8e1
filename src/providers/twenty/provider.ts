import { CrmError, HttpClient, type RateLimits, type RetryOptions } from '../../http';
import type { Deal, Page, PersonRef, Pipeline, Task } from '../../model';
import type {
  CrmProvider, DealDetail, DealPatch, DealQuery, OpenTask, ProviderContext, ProviderDescriptor, TaskInput, TaskPatch, WebTarget,
} from '../contract';
import { resolveServerUrl } from './api-url';
import { Cached } from '../shared/cached';
import { rankByName, searchLimit } from '../shared/search-rank';
import { SeenDeals } from '../shared/seen-deals';
import { INFERENCE_PAGES, nextCursor, PAGE_SIZE, TwentyApi } from './client';
import { resolveTimeZone } from './dates';
import { dealBody } from './deal-write';
import { localError, PROVIDER_NAME, toFieldErrors, twentyErrorDetail, twentyRateLimitHint } from './errors';
import { type DealContext, exactTotals, inferredPipeline, learnNames, PIPELINE_ID, type StageOutcomes, toModelDeal, toPipeline } from './map';
import type { LinkColumn, TwentyMetadata } from './metadata';
import { loadMetadata } from './metadata-load';
import { type NameBook, toPersonRefFromMember } from './names';
import { rawRecord } from './raw';
import type { TwentyOpportunity, TwentyTaskTarget, TwentyTaskWithTargets } from './schemas';
import { compareTasks, createTaskBody, toModelTask, updateTaskBody } from './tasks';

/** Metadata and workspace members change rarely; five minutes keeps the tree cheap. */
const METADATA_MAX_AGE_MS = 5 * 60_000;

/** Twenty counts an API key's requests per 60-second window (API_RATE_LIMITING_LONG_TTL_IN_MS). */
export const RATE_WINDOW_MS = 60_000;

/** The client runs 10% under the documented rate, so network jitter never tips a window over. */
export const RATE_HEADROOM = 0.9;

/**
 * The HTTP layer's limits from a per-window rate: a token bucket lets through at most
 * `burst + rate × window` requests in any window, so the burst is what the headroom leaves, less
 * two to spare. At 100 per minute: 1.5 per second sustained, 8 at once after a quiet spell, at most
 * 98 in any minute, and the first screenful of a tree loads without waiting.
 */
export function clientLimits(rate: { ratePerSecond: number; concurrency: number }, windowMs = RATE_WINDOW_MS): RateLimits {
  const perWindow = (rate.ratePerSecond * windowMs) / 1000;
  const ratePerSecond = rate.ratePerSecond * RATE_HEADROOM;
  const burst = Math.max(1, Math.floor(perWindow - (ratePerSecond * windowMs) / 1000) - 2);
  return { ratePerSecond, burst, concurrency: rate.concurrency };
}

export interface TwentyProviderOptions {
  /** Tests shorten the backoff; the default is the HTTP layer's. */
  retry?: RetryOptions;
  /** The zone whole days (close date, due dates) are read and written in; default the machine's. */
  timeZone?: string;
  /** The window the descriptor's rate is counted over; tests scale it down. Default 60 s. */
  rateWindowMs?: number;
}

/** A Twenty workspace through its REST API: the `stage` pipeline of opportunities, their fields and tasks. */
export class TwentyProvider implements CrmProvider {
  private readonly http: HttpClient | undefined;
  private readonly api: TwentyApi | undefined;
  private readonly configProblem: string | undefined;
  private readonly accountLabel: string;
  private readonly outcomes: StageOutcomes;
  private readonly timeZone: string;
  private readonly logger: ProviderContext['logger'];
  private readonly metadata: Cached<TwentyMetadata>;
  private readonly pipeline: Cached<Pipeline>;
  private readonly members: Cached<PersonRef[]>;
  private readonly companies = new Map<string, PersonRef>();
  private readonly people = new Map<string, PersonRef>();
  private readonly seen = new SeenDeals();
  /** The taskTarget link column, once found by trying (when metadata could not say). */
  private linkColumn: LinkColumn | undefined;

  constructor(
    readonly descriptor: ProviderDescriptor,
    context: ProviderContext,
    options: TwentyProviderOptions = {},
  ) {
    this.accountLabel = context.account.label;
    this.outcomes = context.account.stageOutcomes;
    this.timeZone = resolveTimeZone(options.timeZone);
    this.logger = context.logger;
    const url = resolveServerUrl(context.account.baseUrl);
    if (url.ok) {
      const apiKey = context.apiKey;
      this.http = new HttpClient({
        baseUrl: url.serverUrl,
        account: context.account.label,
        provider: PROVIDER_NAME,
        authHeaders: () => {
          if (!apiKey) throw new Error('no key');
          return { Authorization: `Bearer ${apiKey}` };
        },
        secrets: () => (apiKey ? [apiKey] : []),
        limits: clientLimits(descriptor.rateLimit ?? { ratePerSecond: 100 / 60, concurrency: 4 }, options.rateWindowMs),
        timeouts: context.requestTimeoutMs ? { responseMs: context.requestTimeoutMs } : undefined,
        retry: options.retry,
        rateLimitHint: twentyRateLimitHint,
        errorDetail: twentyErrorDetail,
        logger: context.logger,
        onWait: context.onWait,
      });
      this.api = new TwentyApi(this.http, context.account.label);
    } else {
      this.configProblem = url.problem;
    }
    this.metadata = new Cached(() => this.loadMetadata(), METADATA_MAX_AGE_MS);
    this.pipeline = new Cached(async () => this.buildPipeline(await this.metadata.get()), METADATA_MAX_AGE_MS);
    this.members = new Cached(() => this.loadMembers(), METADATA_MAX_AGE_MS);
  }

  /** One cheap authenticated call: the first opportunity, at depth 0. A key belongs to a workspace, not a person. */
  async checkKey(signal?: AbortSignal): Promise<{ user?: string }> {
    await this.twenty('GET /rest/opportunities').opportunitiesPage(undefined, undefined, signal, 1);
    return {};
  }

  async listPipelines(signal?: AbortSignal): Promise<Pipeline[]> {
    const metadata = await this.loadMetadata(signal);
    this.metadata.set(metadata);
    const pipeline = await this.buildPipeline(metadata, signal);
    this.pipeline.set(pipeline);
    return [structuredClone(pipeline)];
  }

  async listDeals(query: DealQuery, signal?: AbortSignal): Promise<Page<Deal>> {
    const operation = 'GET /rest/opportunities';
    const api = this.twenty(operation);
    if (query.pipelineId !== PIPELINE_ID) {
      throw localError('notFound', this.accountLabel, operation, { summary: `Twenty has no pipeline "${query.pipelineId}"; refresh the account` });
    }
    const [page, metadata] = await Promise.all([api.opportunitiesPage(query.stageId, query.cursor, signal), this.metadata.get()]);
    const ctx = await this.dealContext(metadata, page.records);
    const items = page.records.map((r) => toModelDeal(r, ctx));
    this.seen.remember(items);
    const next = nextCursor(page.pageInfo, page.records.length, query.cursor);
    const firstPage = query.cursor === undefined;
    // After a cursor, the real server's totalCount counts only what follows it: the stage's count is the first page's.
    const total = firstPage ? (page.totalCount ?? (next === undefined ? items.length : undefined)) : undefined;
    return { items, next, total, totals: exactTotals(items, firstPage, next !== undefined) };
  }

  async fetchDeal(dealId: string, signal?: AbortSignal): Promise<Deal> {
    const [record, metadata] = await Promise.all([this.twenty(`GET /rest/opportunities/${dealId}`).opportunity(dealId, 0, signal), this.metadata.get()]);
    return this.remembered(toModelDeal(record, await this.dealContext(metadata, [record])));
  }

  async getDeal(dealId: string, signal?: AbortSignal): Promise<DealDetail> {
    const api = this.twenty(`GET /rest/opportunities/${dealId}`);
    const [record, metadata, pipeline, users, tasks] = await Promise.all([
      api.opportunity(dealId, 1, signal),
      this.metadata.get(),
      this.pipeline.get(),
      this.userList(),
      this.loadTasks(dealId, signal),
    ]);
    learnNames(record, this.nameBook(users));
    const deal = this.remembered(toModelDeal(record, await this.dealContext(metadata, [record])));
    return {
      deal,
      stages: structuredClone(pipeline.stages),
      fields: metadata.fields.map((f) => structuredClone(f.def)),
      tasks,
      users,
      raw: rawRecord(record),
    };
  }

  async updateDeal(dealId: string, patch: DealPatch, signal?: AbortSignal): Promise<Deal> {
    const operation = `PATCH /rest/opportunities/${dealId}`;
    const api = this.twenty(operation);
    const metadata = await this.metadata.get();
    const [stages, members] = await Promise.all([
      patch.stageId !== undefined && metadata.available ? this.stagesWith(patch.stageId) : Promise.resolve([]),
      patch.ownerId ? this.userList() : Promise.resolve([]),
    ]);
    const body = dealBody(patch, { stages, fields: metadata.fields, members, hasOwner: metadata.hasOwner, timeZone: this.timeZone });
    if (!body.ok) throw localError('validation', this.accountLabel, operation, { fieldErrors: body.errors });
    const stored = await api.updateOpportunity(dealId, body.body, signal).catch((e: unknown) => Promise.reject(toFieldErrors(e, body.sent)));
    return this.remembered(toModelDeal(stored, await this.dealContext(metadata, [stored])));
  }

  async listTasks(dealId: string, signal?: AbortSignal): Promise<Task[]> {
    return this.loadTasks(dealId, signal);
  }

  /** Two calls, as Twenty links tasks: the task, then its taskTarget on the opportunity. */
  async createTask(dealId: string, input: TaskInput, signal?: AbortSignal): Promise<Task> {
    const operation = 'POST /rest/tasks';
    const api = this.twenty(operation);
    const metadata = await this.metadata.get();
    const body = createTaskBody(input, { timeZone: this.timeZone, plainBody: metadata.taskHasPlainBody });
    if (!body.ok) throw localError('validation', this.accountLabel, operation, { fieldErrors: body.errors });
    const created = await api.createTask(body.body, signal).catch((e: unknown) => Promise.reject(toFieldErrors(e, body.sent)));
    try {
      await this.withLinkColumn((column) => api.createTaskTarget({ taskId: created.id, [column]: dealId }, signal));
    } catch (error) {
      // The task exists but is not on the deal: remove it so no stray task is left, then report why.
      await api.deleteTask(created.id).catch((cleanup: unknown) => {
        this.logger.warn(`Twenty: a task created for deal ${dealId} could not be linked nor removed (${String(cleanup)}).`);
      });
      throw error;
    }
    return toModelTask(created, await this.memberMap(), this.timeZone);
  }

  async updateTask(_dealId: string, taskId: string, patch: TaskPatch, signal?: AbortSignal): Promise<Task> {
    const operation = `PATCH /rest/tasks/${taskId}`;
    const api = this.twenty(operation);
    const metadata = await this.metadata.get();
    const body = updateTaskBody(patch, { timeZone: this.timeZone, plainBody: metadata.taskHasPlainBody });
    if (!body.ok) throw localError('validation', this.accountLabel, operation, { fieldErrors: body.errors });
    const updated = await api.updateTask(taskId, body.body, signal).catch((e: unknown) => Promise.reject(toFieldErrors(e, body.sent)));
    return toModelTask(updated, await this.memberMap(), this.timeZone);
  }

  /** Twenty deletes softly (the task goes to its trash); the taskTarget then embeds `task: null` and is skipped. */
  async deleteTask(_dealId: string, taskId: string, signal?: AbortSignal): Promise<void> {
    await this.twenty(`DELETE /rest/tasks/${taskId}`).deleteTask(taskId, signal);
  }

  /** Opportunities whose name contains the text (`name[ilike]`), one page, ordered by how the name matches. */
  async searchDeals(text: string, limit: number, signal?: AbortSignal): Promise<Deal[]> {
    const query = text.trim();
    const size = searchLimit(limit, PAGE_SIZE);
    if (!query || size === 0) return [];
    const [records, metadata] = await Promise.all([
      this.twenty('GET /rest/opportunities').searchOpportunities(query, size, signal),
      this.metadata.get(),
    ]);
    const ctx = await this.dealContext(metadata, records);
    const deals = records.map((r) => toModelDeal(r, ctx));
    this.seen.remember(deals);
    return rankByName(deals, query, (d) => d.name).slice(0, size);
  }

  /**
   * The workspace's tasks not done that are linked to an opportunity, 200 a page, soonest due first.
   * A Twenty API key belongs to the workspace, not to a person, so every assignee's tasks are listed.
   * Deals not seen yet are read in one request per page (`id[in]`), never one per task.
   */
  async listOpenTasks(cursor: string | undefined, signal?: AbortSignal): Promise<Page<OpenTask>> {
    const api = this.twenty('GET /rest/tasks');
    const page = await api.openTasksPage(cursor, signal);
    const linked = page.tasks.flatMap((task) => {
      const dealId = opportunityOf(task);
      return dealId ? [{ task, dealId }] : [];
    });
    const unseen = [...new Set(linked.map((l) => l.dealId))].filter((id) => !this.seen.has(id));
    if (unseen.length) {
      const records = await api.opportunitiesByIds(unseen, signal);
      const ctx: DealContext = { names: this.nameBook([]), outcomes: this.outcomes, fields: [], timeZone: this.timeZone };
      this.seen.remember(records.map((r) => toModelDeal(r, ctx)));
    }
    const members = await this.memberMap();
    const items = linked.map(({ task, dealId }): OpenTask => ({ task: toModelTask(task, members, this.timeZone), deal: this.seen.ref(dealId) }));
    const next = nextCursor(page.pageInfo, page.tasks.length, cursor);
    return next === undefined ? { items } : { items, next };
  }

  /** The notes give no address pattern for records in Twenty's app (its host differs from the API's): no link rather than a wrong one. */
  webUrl(_target: WebTarget): string | undefined {
    return undefined;
  }

  dispose(): void {
    this.http?.dispose();
  }

  private remembered(deal: Deal): Deal {
    this.seen.remember([deal]);
    return deal;
  }

  /** The API, or the account's configuration problem as a classified error. */
  private twenty(operation: string): TwentyApi {
    if (this.api) return this.api;
    throw localError('validation', this.accountLabel, operation, { summary: this.configProblem });
  }

  private loadMetadata(signal?: AbortSignal): Promise<TwentyMetadata> {
    return loadMetadata(this.twenty('GET /rest/metadata/objects'), this.accountLabel, this.logger, signal);
  }

  /** The pipeline from the `stage` options; without them, from the stages the first pages of records show. */
  private async buildPipeline(metadata: TwentyMetadata, signal?: AbortSignal): Promise<Pipeline> {
    if (metadata.available && metadata.stageOptions.length) return toPipeline(metadata, this.outcomes);
    const api = this.twenty('GET /rest/opportunities');
    const seen: string[] = [];
    let cursor: string | undefined;
    for (let pages = 0; pages < INFERENCE_PAGES; pages++) {
      const page = await api.opportunitiesPage(undefined, cursor, signal);
      seen.push(...page.records.map((r) => r.stage ?? '').filter(Boolean));
      cursor = nextCursor(page.pageInfo, page.records.length, cursor);
      if (!cursor) break;
    }
    const pipeline = inferredPipeline(seen, this.outcomes);
    if (metadata.available) pipeline.note = "Stages inferred from records: Twenty's metadata lists no stage options";
    return pipeline;
  }

  /** The cached stages, read again when the stage is not among them (an option added since). */
  private async stagesWith(stageId: string) {
    const cached = await this.pipeline.get();
    if (cached.stages.some((s) => s.id === stageId)) return cached.stages;
    this.metadata.clear();
    this.pipeline.clear();
    return (await this.pipeline.get()).stages;
  }

  /** Workspace members (owners, assignees); a key that may not list them gets none, and ids stand in for names. */
  private async loadMembers(): Promise<PersonRef[]> {
    try {
      return (await this.twenty('GET /rest/workspaceMembers').members()).map(toPersonRefFromMember);
    } catch (error) {
      if (error instanceof CrmError && error.kind === 'forbidden') return [];
      throw error;
    }
  }

  private async userList(): Promise<PersonRef[]> {
    return structuredClone(await this.members.get());
  }

  private async memberMap(): Promise<Map<string, PersonRef>> {
    return new Map((await this.members.get()).map((m) => [m.id, m]));
  }

  private nameBook(members: readonly PersonRef[]): NameBook {
    return { members: new Map(members.map((m) => [m.id, m])), companies: this.companies, people: this.people };
  }

  /** Members are asked for only when a record names an owner (newest builds). */
  private async dealContext(metadata: TwentyMetadata, records: readonly TwentyOpportunity[]): Promise<DealContext> {
    const members = records.some((r) => r.ownerId || r.owner) ? await this.members.get() : [];
    return { names: this.nameBook(members), outcomes: this.outcomes, fields: metadata.fields, timeZone: this.timeZone };
  }

  /**
   * Runs a call with the taskTarget link column: the one metadata named, or found by trying the
   * newest (`targetOpportunityId`) and, when Twenty says it has no such field, the older `opportunityId`.
   */
  private async withLinkColumn<T>(call: (column: LinkColumn) => Promise<T>): Promise<T> {
    const known = this.linkColumn ?? (await this.metadata.get()).linkColumn;
    if (known) return call(known);
    try {
      const result = await call('targetOpportunityId');
      this.linkColumn = 'targetOpportunityId';
      return result;
    } catch (error) {
      if (!(error instanceof CrmError) || error.kind !== 'validation' || !error.detail?.includes('targetOpportunityId')) throw error;
      const result = await call('opportunityId');
      this.linkColumn = 'opportunityId';
      return result;
    }
  }

  /** The opportunity's tasks through its taskTargets (tasks embedded at depth 1); deleted tasks (`task: null`) are skipped. */
  private async loadTasks(dealId: string, signal?: AbortSignal): Promise<Task[]> {
    const api = this.twenty('GET /rest/taskTargets');
    const targets: TwentyTaskTarget[] = await this.withLinkColumn((column) => api.taskTargets(column, dealId, signal));
    const byId = new Map<string, NonNullable<TwentyTaskTarget['task']>>();
    for (const target of targets) if (target.task) byId.set(target.task.id, target.task);
    // A build that does not embed the task (the key absent, not null) is asked for those tasks by id.
    const missing = [...new Set(targets.filter((t) => t.task === undefined && t.taskId).map((t) => t.taskId!))].filter((id) => !byId.has(id));
    for (const task of await api.tasksByIds(missing, signal)) byId.set(task.id, task);
    const members = await this.memberMap();
    return [...byId.values()].map((t) => toModelTask(t, members, this.timeZone)).sort(compareTasks);
  }
}

/** The first opportunity a task is linked to, by either build's taskTarget column. */
function opportunityOf(task: TwentyTaskWithTargets): string | undefined {
  for (const target of task.taskTargets ?? []) {
    const id = target.targetOpportunityId ?? target.opportunityId;
    if (id) return id;
  }
  return undefined;
}
