import { CrmError, HttpClient, type RetryOptions } from '../../http';
import type { Deal, Page, Pipeline, Task } from '../../model';
import type {
  CrmProvider, DealDetail, DealPatch, DealQuery, OpenTask, ProviderContext, ProviderDescriptor, TaskInput, TaskPatch, WebTarget,
} from '../contract';
import { dueSortKey } from '../shared/task-order';
import { resolveBaseUrl } from './base-url';
import { SpottApi } from './client';
import { fieldDefs } from './custom-attributes';
import { patchBody, unstoredKeys } from './deal-write';
import { localError, PROVIDER_NAME, spottErrorDetail, TASKS_READ_ONLY } from './errors';
import { PIPELINE_ID, type StageOutcomes, toModelDeal, toPipeline } from './map';
import { rawRecord } from './raw';
import type { SpottOpportunity, SpottTask } from './schemas';
import { decodeCursor, encodeCursor, type Snapshot } from './snapshot';
import { orCancelled, SnapshotStore } from './snapshot-store';
import { belongsTo, compareTasks, createTaskBody, toModelTask } from './tasks';

/** Deals per tree page, served from the snapshot: Spott's own page size. */
export const DEALS_PAGE_SIZE = 50;

/** How long a pass over the opportunities serves the stages' first pages before the next one is made. */
export const SNAPSHOT_MAX_AGE_MS = 60_000;

/** How long one pass over all tasks serves the deal panels and My Tasks. */
export const TASKS_MAX_AGE_MS = 60_000;

/** Open tasks per My Tasks page, served from the pass over all tasks. */
export const OPEN_TASKS_PAGE_SIZE = 100;

export interface SpottProviderOptions {
  /** Tests shorten the backoff; the default is the HTTP layer's. */
  retry?: RetryOptions;
  snapshotMaxAgeMs?: number;
  tasksMaxAgeMs?: number;
}

/**
 * A Spott account: one synthesized pipeline ("Opportunities") whose stages and deals come from
 * one pass over `GET /opportunities` (the API has no stage filter and no documented stage list),
 * the detail from `GET /opportunities/{id}`, edits through `PATCH` and a re-read, tasks from
 * one pass over `GET /tasks` (no documented filter by opportunity), new tasks through
 * `POST /tasks/_raw`.
 */
export class SpottProvider implements CrmProvider {
  private readonly http: HttpClient | undefined;
  private readonly api: SpottApi | undefined;
  private readonly configProblem: string | undefined;
  private readonly accountLabel: string;
  private readonly outcomes: StageOutcomes;
  private readonly snapshotMaxAgeMs: number;
  private readonly tasksMaxAgeMs: number;
  private readonly passes: SnapshotStore;
  private tasks: { at: number; list: Promise<SpottTask[]> } | undefined;

  constructor(
    readonly descriptor: ProviderDescriptor,
    context: ProviderContext,
    options: SpottProviderOptions = {},
  ) {
    this.accountLabel = context.account.label;
    this.outcomes = context.account.stageOutcomes;
    this.snapshotMaxAgeMs = options.snapshotMaxAgeMs ?? SNAPSHOT_MAX_AGE_MS;
    this.tasksMaxAgeMs = options.tasksMaxAgeMs ?? TASKS_MAX_AGE_MS;
    this.passes = new SnapshotStore(
      () => this.spott('GET /opportunities').allOpportunities(),
      this.outcomes,
      context.logger,
      this.cancelled('GET /opportunities'),
    );
    const base = resolveBaseUrl(context.account.baseUrl);
    if (!base.ok) {
      this.configProblem = base.problem;
      return;
    }
    const apiKey = context.apiKey;
    const rate = descriptor.rateLimit ?? { ratePerSecond: 10, concurrency: 4 };
    this.http = new HttpClient({
      baseUrl: base.url,
      account: context.account.label,
      provider: PROVIDER_NAME,
      authHeaders: () => {
        if (!apiKey) throw new Error('no key');
        return { 'x-api-key': apiKey };
      },
      secrets: () => (apiKey ? [apiKey] : []),
      limits: { ratePerSecond: rate.ratePerSecond, concurrency: rate.concurrency, window: { limit: rate.ratePerSecond, ms: 1000 } },
      timeouts: context.requestTimeoutMs ? { responseMs: context.requestTimeoutMs } : undefined,
      retry: options.retry,
      errorDetail: spottErrorDetail,
      logger: context.logger,
      onWait: context.onWait,
    });
    this.api = new SpottApi(this.http, context.account.label);
  }

  /** `GET /opportunities?limit=1`: Spott documents no "who am I", so the user stays unnamed. */
  async checkKey(signal?: AbortSignal): Promise<{ user?: string }> {
    await this.spott('GET /opportunities').probe(signal);
    return {};
  }

  /** Always a new pass (unless one is under way): this is what a refresh calls. */
  async listPipelines(signal?: AbortSignal): Promise<Pipeline[]> {
    const snapshot = await this.passes.get(0, signal);
    return [toPipeline(structuredClone([...snapshot.stages]))];
  }

  /**
   * A stage's deals from the snapshot, 50 a page; the first page reuses the last pass while it is
   * fresh, so a tree expanding every stage after listing the pipeline sends nothing more. `total`
   * is exact: the pass saw every opportunity. Spott has no amounts, so there are no totals.
   */
  async listDeals(query: DealQuery, signal?: AbortSignal): Promise<Page<Deal>> {
    const operation = 'GET /opportunities';
    if (query.pipelineId !== PIPELINE_ID) {
      throw localError('notFound', this.accountLabel, operation, { summary: `Spott has no pipeline "${query.pipelineId}"` });
    }
    let snapshot: Snapshot;
    let offset = 0;
    if (query.cursor === undefined) snapshot = await this.passes.get(this.snapshotMaxAgeMs, signal);
    else {
      const position = decodeCursor(query.cursor);
      const found = position && this.passes.byGeneration(position.generation);
      if (!position || !found) {
        throw localError('validation', this.accountLabel, operation, {
          fieldErrors: [{ field: 'cursor', message: 'is from an older load of this stage; refresh the stage' }],
        });
      }
      snapshot = found;
      offset = position.offset;
    }
    const deals = snapshot.dealsOf(query.stageId);
    const end = offset + DEALS_PAGE_SIZE;
    return {
      items: structuredClone(deals.slice(offset, end)),
      next: end < deals.length ? encodeCursor(snapshot.generation, end) : undefined,
      total: deals.length,
    };
  }

  async fetchDeal(dealId: string, signal?: AbortSignal): Promise<Deal> {
    const opportunity = await this.spott(`GET /opportunities/${dealId}`).opportunity(dealId, signal);
    this.passes.learn(opportunity);
    return toModelDeal(opportunity, this.outcomes);
  }

  async getDeal(dealId: string, signal?: AbortSignal): Promise<DealDetail> {
    const api = this.spott(`GET /opportunities/${dealId}`);
    const [opportunity, , allTasks] = await Promise.all([
      api.opportunity(dealId, signal),
      // Any pass will do for the stage select: stages change rarely.
      this.passes.get(Number.POSITIVE_INFINITY, signal),
      this.allTasks(signal),
    ]);
    this.passes.learn(opportunity);
    const snapshot = this.passes.latest()!;
    const tasks = allTasks.filter((t) => belongsTo(t, dealId));
    return {
      deal: toModelDeal(opportunity, this.outcomes),
      stages: structuredClone([...snapshot.stages]),
      fields: fieldDefs(opportunity.customAttributes ?? []),
      tasks: tasks.map(toModelTask).sort(compareTasks),
      users: snapshot.users([opportunity.owner, ...allTasks.map((t) => t.assignedTo)]),
      raw: rawRecord(opportunity),
    };
  }

  /**
   * `PATCH /opportunities/{id}` with the keys Spott documents, then `GET` it again: what the PATCH
   * answers is not documented, so the re-read deal is what we return, and a key it does not show
   * as sent is reported rather than passed off as saved.
   */
  async updateDeal(dealId: string, patch: DealPatch, signal?: AbortSignal): Promise<Deal> {
    const operation = `PATCH /opportunities/${dealId}`;
    const api = this.spott(operation);
    const body = patchBody(patch);
    if (!body.ok) throw localError('validation', this.accountLabel, operation, { fieldErrors: body.errors });
    await api.updateOpportunity(dealId, body.body, signal);
    let opportunity: SpottOpportunity;
    try {
      opportunity = await api.opportunity(dealId, signal);
    } catch (error) {
      if (!(error instanceof CrmError)) throw error;
      throw new CrmError({
        kind: error.kind, account: error.account, provider: error.provider, operation: error.operation, status: error.status,
        detail: error.detail, issuePath: error.issuePath, host: error.host, retryAfterMs: error.retryAfterMs,
        summary: 'the change was sent, but reading the opportunity back failed; reload it to see what Spott stored',
      });
    }
    this.passes.learn(opportunity);
    const deal = toModelDeal(opportunity, this.outcomes);
    const unstored = unstoredKeys(body.body, deal);
    if (unstored.length) {
      throw localError('badResponse', this.accountLabel, operation, {
        summary: 'Spott answered OK but did not store the change',
        fieldErrors: unstored.map((field) => ({ field, message: 'still shows another value; reload the opportunity and try again' })),
      });
    }
    return deal;
  }

  async listTasks(dealId: string, signal?: AbortSignal): Promise<Task[]> {
    const all = await this.allTasks(signal);
    return all.filter((t) => belongsTo(t, dealId)).map(toModelTask).sort(compareTasks);
  }

  async createTask(dealId: string, input: TaskInput, signal?: AbortSignal): Promise<Task> {
    const operation = 'POST /tasks/_raw';
    const api = this.spott(operation);
    const body = createTaskBody(dealId, input);
    if (!body.ok) throw localError('validation', this.accountLabel, operation, { fieldErrors: body.errors });
    const created = await api.createTask(body.body, signal);
    const cached = this.tasks;
    if (cached) {
      const list = cached.list.then((tasks) => [...tasks.filter((t) => t.id !== created.id), created]);
      list.catch(() => undefined);
      cached.list = list;
    }
    if (created.links?.opportunities && !belongsTo(created, dealId)) {
      throw localError('badResponse', this.accountLabel, operation, {
        summary: `Spott created the task (${created.id}) but did not link it to this opportunity; link it in Spott`,
      });
    }
    return toModelTask(created);
  }

  async updateTask(_dealId: string, taskId: string, _patch: TaskPatch): Promise<Task> {
    throw localError('validation', this.accountLabel, `update task ${taskId}`, { summary: `${TASKS_READ_ONLY}; change it in Spott` });
  }

  async deleteTask(_dealId: string, taskId: string): Promise<void> {
    throw localError('validation', this.accountLabel, `delete task ${taskId}`, { summary: `${TASKS_READ_ONLY}; delete it in Spott` });
  }

  /**
   * Open tasks linked to an opportunity, soonest due first, 100 a page, from the same pass over
   * `GET /tasks` the deal panels use (Spott documents no filter by completion, assignee or
   * opportunity, and no "who am I": every user's open tasks are listed). Deal names come from the
   * last pass over the opportunities, made now if there is none. Spott tasks stay read-only.
   */
  async listOpenTasks(cursor: string | undefined, signal?: AbortSignal): Promise<Page<OpenTask>> {
    const offset = cursor === undefined ? 0 : Number(cursor);
    if (cursor !== undefined && (!/^\d{1,9}$/.test(cursor))) {
      throw localError('validation', this.accountLabel, 'GET /tasks', {
        fieldErrors: [{ field: 'cursor', message: 'is not a position in the task list; reload My Tasks' }],
      });
    }
    const [tasks, snapshot] = await Promise.all([
      this.allTasks(signal),
      this.passes.get(Number.POSITIVE_INFINITY, signal),
    ]);
    const open = tasks
      .filter((t) => t.isCompleted !== true && (t.links?.opportunities ?? []).length > 0)
      .map((t) => ({ raw: t, task: toModelTask(t) }))
      .sort((a, b) => dueSortKey(a.task.due) - dueSortKey(b.task.due) || (a.raw.id < b.raw.id ? -1 : 1));
    const items = open.slice(offset, offset + OPEN_TASKS_PAGE_SIZE).map(({ raw, task }): OpenTask => {
      const dealId = raw.links!.opportunities![0]!.id;
      const deal = snapshot.deal(dealId);
      return {
        task,
        deal: { id: dealId, name: deal?.name ?? 'Opportunity', pipelineId: PIPELINE_ID, ...(deal?.stageId ? { stageId: deal.stageId } : {}) },
      };
    });
    const end = offset + OPEN_TASKS_PAGE_SIZE;
    return end < open.length ? { items, next: String(end), total: open.length } : { items, total: open.length };
  }

  /** Spott's web app addresses for opportunities are not documented: no link rather than a wrong one. */
  webUrl(_target: WebTarget): string | undefined {
    return undefined;
  }

  dispose(): void {
    this.http?.dispose();
  }

  /** The API, or the account's configuration problem as a classified error. */
  private spott(operation: string): SpottApi {
    if (this.api) return this.api;
    throw localError('validation', this.accountLabel, operation, { summary: this.configProblem });
  }

  private cancelled(operation: string): () => CrmError {
    return () => localError('cancelled', this.accountLabel, operation, {});
  }

  private allTasks(signal: AbortSignal | undefined): Promise<SpottTask[]> {
    const cached = this.tasks;
    if (cached && Date.now() - cached.at < this.tasksMaxAgeMs) return orCancelled(cached.list, signal, this.cancelled('GET /tasks'));
    const entry = { at: Date.now(), list: this.spott('GET /tasks').allTasks() };
    this.tasks = entry;
    entry.list.catch(() => {
      if (this.tasks === entry) this.tasks = undefined;
    });
    return orCancelled(entry.list, signal, this.cancelled('GET /tasks'));
  }
}
