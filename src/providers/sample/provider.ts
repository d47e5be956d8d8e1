import { randomUUID } from 'node:crypto';
import type { CrmError, CrmErrorKind } from '../../http/errors';
import type { Deal, Page, Pipeline, Task } from '../../model';
import type {
  CrmProvider, DealDetail, DealPatch, DealQuery, OpenTask, ProviderContext, ProviderDescriptor, TaskInput, TaskPatch, WebTarget,
} from '../contract';
import { DEFAULT_SAMPLE_SEED } from './data/generate';
import { SAMPLE_SIGNED_IN_USER } from './data/people';
import { patchDeal } from './deal-patch';
import { decodeTaskCursor, openTasksPage } from './open-tasks';
import { decodeCursor, pageOfStage } from './paging';
import { rawRecord, toModelDeal } from './raw';
import { type ErrorScope, notFoundError, sampleError, simulatedError, validationError } from './sample-errors';
import type { SampleData, StoredDeal, StoredTask } from './schemas';
import { searchStoredDeals } from './search';
import { SampleStore } from './store';
import { newTask, patchTask } from './task-edit';
import { dueSortKey } from '../shared/task-order';

export interface SampleProviderOptions {
  /** Delay before every call answers, to make spinners visible in demos. Default 0. */
  latencyMs?: number;
  /** Seed of the generated data. Default DEFAULT_SAMPLE_SEED. */
  seed?: number;
  /** The clock for "today" and updatedAt; tests pin it. Default the system clock. */
  now?: () => Date;
}

function toModelTask({ dealId: _dealId, createdAt: _createdAt, ...task }: StoredTask): Task {
  return structuredClone(task);
}

/** Open tasks first, then by due moment (undated last), then oldest first. */
function compareTasks(a: StoredTask, b: StoredTask): number {
  const [dueA, dueB] = [dueSortKey(a.due), dueSortKey(b.due)];
  return Number(a.done) - Number(b.done) || (dueA === dueB ? 0 : dueA < dueB ? -1 : 1) || Date.parse(a.createdAt) - Date.parse(b.createdAt);
}

/** The built-in offline CRM: generated data in a local file, every capability. */
export class SampleProvider implements CrmProvider {
  private readonly store: SampleStore;
  private readonly scope: ErrorScope;
  private readonly latencyMs: number;
  private readonly now: () => Date;
  private pendingFailure: { kind: CrmErrorKind; message?: string } | undefined;

  constructor(
    readonly descriptor: ProviderDescriptor,
    context: ProviderContext,
    options: SampleProviderOptions = {},
  ) {
    this.scope = { account: context.account.label };
    this.latencyMs = options.latencyMs ?? 0;
    this.now = options.now ?? (() => new Date());
    this.store = new SampleStore({
      storageDir: context.storageDir,
      accountId: context.account.id,
      seed: options.seed ?? DEFAULT_SAMPLE_SEED,
      now: this.now,
      scope: this.scope,
    });
  }

  /** Where this account's data lives. */
  get dataFile(): string {
    return this.store.filePath;
  }

  async checkKey(signal?: AbortSignal): Promise<{ user?: string }> {
    await this.begin('checkKey', signal);
    return { user: SAMPLE_SIGNED_IN_USER };
  }

  async listPipelines(signal?: AbortSignal): Promise<Pipeline[]> {
    const data = await this.begin('listPipelines', signal);
    return structuredClone(data.pipelines);
  }

  async listDeals(query: DealQuery, signal?: AbortSignal): Promise<Page<Deal>> {
    const data = await this.begin('listDeals', signal);
    const pipeline = data.pipelines.find((p) => p.id === query.pipelineId);
    if (!pipeline) throw notFoundError(this.scope, 'listDeals', `Pipeline "${query.pipelineId}"`);
    if (!pipeline.stages.some((s) => s.id === query.stageId)) {
      throw notFoundError(this.scope, 'listDeals', `Stage "${query.stageId}" of ${pipeline.name}`);
    }
    const after = query.cursor === undefined ? undefined : decodeCursor(query.cursor);
    if (query.cursor !== undefined && after?.stageId !== query.stageId) {
      throw validationError(this.scope, 'listDeals', [{ field: 'cursor', message: 'is not a cursor of this stage; reload the stage' }]);
    }
    const stageDeals = data.deals.filter((d) => d.pipelineId === pipeline.id && d.stageId === query.stageId);
    const page = pageOfStage(stageDeals, query.stageId, after);
    return { ...page, items: page.items.map(toModelDeal), totals: structuredClone(page.totals ?? []) };
  }

  async fetchDeal(dealId: string, signal?: AbortSignal): Promise<Deal> {
    const data = await this.begin('fetchDeal', signal);
    return toModelDeal(this.findDeal(data, dealId, 'fetchDeal'));
  }

  async getDeal(dealId: string, signal?: AbortSignal): Promise<DealDetail> {
    const data = await this.begin('getDeal', signal);
    const deal = this.findDeal(data, dealId, 'getDeal');
    const pipeline = data.pipelines.find((p) => p.id === deal.pipelineId);
    const stage = pipeline?.stages.find((s) => s.id === deal.stageId);
    return {
      deal: toModelDeal(deal),
      stages: structuredClone(pipeline?.stages ?? []),
      fields: structuredClone(data.fields),
      tasks: this.tasksOf(data, dealId),
      users: structuredClone(data.users),
      raw: rawRecord(deal, pipeline?.name ?? '', stage?.name ?? ''),
    };
  }

  async updateDeal(dealId: string, patch: DealPatch, signal?: AbortSignal): Promise<Deal> {
    await this.beginWrite('updateDeal', signal);
    return this.store.update((data) => {
      const index = data.deals.findIndex((d) => d.id === dealId);
      const deal = data.deals[index];
      if (!deal) throw notFoundError(this.scope, 'updateDeal', `Deal "${dealId}"`);
      const pipeline = data.pipelines.find((p) => p.id === deal.pipelineId);
      if (!pipeline) throw notFoundError(this.scope, 'updateDeal', `Pipeline "${deal.pipelineId}"`);
      const result = patchDeal(deal, patch, { pipeline, fields: data.fields, users: data.users, now: this.now() });
      if (!result.ok) throw validationError(this.scope, 'updateDeal', result.errors);
      data.deals[index] = result.deal;
      return toModelDeal(result.deal);
    });
  }

  async listTasks(dealId: string, signal?: AbortSignal): Promise<Task[]> {
    const data = await this.begin('listTasks', signal);
    this.findDeal(data, dealId, 'listTasks');
    return this.tasksOf(data, dealId);
  }

  async createTask(dealId: string, input: TaskInput, signal?: AbortSignal): Promise<Task> {
    await this.beginWrite('createTask', signal);
    return this.store.update((data) => {
      const deal = this.findDeal(data, dealId, 'createTask');
      const result = newTask(`task-${randomUUID()}`, dealId, input, deal.owner, this.now());
      if (!result.ok) throw validationError(this.scope, 'createTask', result.errors);
      data.tasks.push(result.task);
      return toModelTask(result.task);
    });
  }

  async updateTask(dealId: string, taskId: string, patch: TaskPatch, signal?: AbortSignal): Promise<Task> {
    await this.beginWrite('updateTask', signal);
    return this.store.update((data) => {
      const index = this.findTaskIndex(data, dealId, taskId, 'updateTask');
      const result = patchTask(data.tasks[index] as StoredTask, patch);
      if (!result.ok) throw validationError(this.scope, 'updateTask', result.errors);
      data.tasks[index] = result.task;
      return toModelTask(result.task);
    });
  }

  async deleteTask(dealId: string, taskId: string, signal?: AbortSignal): Promise<void> {
    await this.beginWrite('deleteTask', signal);
    await this.store.update((data) => {
      data.tasks.splice(this.findTaskIndex(data, dealId, taskId, 'deleteTask'), 1);
    });
  }

  async searchDeals(text: string, limit: number, signal?: AbortSignal): Promise<Deal[]> {
    const data = await this.begin('searchDeals', signal);
    return searchStoredDeals(data.deals, text, limit).map(toModelDeal);
  }

  async listOpenTasks(cursor: string | undefined, signal?: AbortSignal): Promise<Page<OpenTask>> {
    const data = await this.begin('listOpenTasks', signal);
    const after = cursor === undefined ? undefined : decodeTaskCursor(cursor);
    if (cursor !== undefined && !after) {
      throw validationError(this.scope, 'listOpenTasks', [{ field: 'cursor', message: 'is not a cursor of the task list; reload My Tasks' }]);
    }
    return openTasksPage(data, after);
  }

  /** The Sample CRM has no web app to open. */
  webUrl(_target: WebTarget): string | undefined {
    return undefined;
  }

  /** Nothing to release: no connections or timers outlive a call. */
  dispose(): void {}

  /** Regenerates the data from the seed and today's date ("Reset Sample Data"). */
  async reset(): Promise<void> {
    await this.store.reset();
  }

  /**
   * Test hook: the next updateDeal, createTask, updateTask or deleteTask throws a CrmError of this
   * kind and changes nothing, so the UI's rollback can be shown.
   */
  failNextWrite(kind: CrmErrorKind, message?: string): void {
    this.pendingFailure = { kind, message };
  }

  private async begin(operation: string, signal: AbortSignal | undefined): Promise<SampleData> {
    this.throwIfCancelled(operation, signal);
    if (this.latencyMs > 0) await this.delay(operation, signal);
    const data = await this.store.read();
    this.throwIfCancelled(operation, signal);
    return data;
  }

  private async beginWrite(operation: string, signal: AbortSignal | undefined): Promise<void> {
    await this.begin(operation, signal);
    const failure = this.pendingFailure;
    if (!failure) return;
    this.pendingFailure = undefined;
    throw simulatedError(this.scope, failure.kind, operation, failure.message);
  }

  private throwIfCancelled(operation: string, signal: AbortSignal | undefined): void {
    if (signal?.aborted) throw this.cancelled(operation);
  }

  private cancelled(operation: string): CrmError {
    return sampleError(this.scope, 'cancelled', operation);
  }

  private delay(operation: string, signal: AbortSignal | undefined): Promise<void> {
    return new Promise((resolve, reject) => {
      const onAbort = (): void => {
        clearTimeout(timer);
        reject(this.cancelled(operation));
      };
      const timer = setTimeout(() => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      }, this.latencyMs);
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  }

  private findDeal(data: SampleData, dealId: string, operation: string): StoredDeal {
    const deal = data.deals.find((d) => d.id === dealId);
    if (!deal) throw notFoundError(this.scope, operation, `Deal "${dealId}"`);
    return deal;
  }

  private findTaskIndex(data: SampleData, dealId: string, taskId: string, operation: string): number {
    this.findDeal(data, dealId, operation);
    const index = data.tasks.findIndex((t) => t.id === taskId && t.dealId === dealId);
    if (index < 0) throw notFoundError(this.scope, operation, `Task "${taskId}" of deal "${dealId}"`);
    return index;
  }

  private tasksOf(data: SampleData, dealId: string): Task[] {
    return data.tasks.filter((t) => t.dealId === dealId).sort(compareTasks).map(toModelTask);
  }
}
