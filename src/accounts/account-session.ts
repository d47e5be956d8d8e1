import { isCrmError } from '../http/errors';
import type { Account, Deal, Pipeline } from '../model';
import type { CrmProvider, ProviderDescriptor } from '../providers/contract';
import { Emitter } from '../util/emitter';
import { OpenTaskList } from './open-task-list';
import { SharedDealValues } from './shared-deal-values';
import { StageDealList } from './stage-deal-list';

/** Why an account cannot load until the user acts. */
export type KeyProblem = 'missing' | 'rejected';

export type SessionEvent =
  | { kind: 'account' }
  | { kind: 'stage'; pipelineId: string; stageId: string }
  | { kind: 'waiting'; until: number };

export interface SessionDeps {
  descriptor: ProviderDescriptor | undefined;
  readKey(accountId: string): Promise<string | undefined>;
  createProvider(account: Account, apiKey: string | undefined, onWait: (delayMs: number) => void): CrmProvider;
  /** Told once each time the key goes from working to rejected, to offer "Set API key" once. */
  onKeyRejected?(account: Account): void;
  /** Where failed loads are recorded, so "Show log" has the whole story. */
  logError?(message: string): void;
  now?: () => number;
}

/** Thrown instead of calling the CRM when the account has no usable key. */
export class KeyNeededError extends Error {
  constructor(readonly problem: KeyProblem) {
    super(problem === 'missing' ? 'No API key is set for this account.' : 'The API key was rejected.');
  }
}

/**
 * Everything one account knows while the window is open: its client, its pipelines and the pages of
 * deals loaded so far. Caches live here, not in tree nodes, so a refresh of the view or a second
 * view (the board) reuses them instead of spending the account's API quota again.
 */
export class AccountSession {
  private client: CrmProvider | undefined;
  private pipelineLoad: Promise<Pipeline[]> | undefined;
  private readonly stageLists = new Map<string, StageDealList>();
  private taskList: OpenTaskList | undefined;
  private shared = new SharedDealValues();
  private readonly changes = new Emitter<SessionEvent>();
  private problem: KeyProblem | undefined;
  private waitUntil = 0;
  readonly onDidChange = this.changes.event;

  constructor(readonly account: Account, private readonly deps: SessionDeps) {}

  get descriptor(): ProviderDescriptor | undefined {
    return this.deps.descriptor;
  }

  get keyProblem(): KeyProblem | undefined {
    return this.problem;
  }

  /** When a rate limit makes this account wait, the moment it resumes (epoch ms), else 0. */
  get waitingUntil(): number {
    return this.waitUntil > this.now() ? this.waitUntil : 0;
  }

  /** The client if one was created already; never creates one. */
  get currentProvider(): CrmProvider | undefined {
    return this.client;
  }

  /** The account's client, created on first use with the key from secret storage. */
  async provider(): Promise<CrmProvider> {
    const descriptor = this.deps.descriptor;
    if (!descriptor) throw new Error(`This version of CRM Pipelines cannot connect to "${this.account.provider}" yet.`);
    if (this.problem) throw new KeyNeededError(this.problem);
    if (this.client) return this.client;
    const key = descriptor.needsKey ? await this.deps.readKey(this.account.id) : undefined;
    if (descriptor.needsKey && !key) {
      this.problem = 'missing';
      throw new KeyNeededError('missing');
    }
    this.client ??= this.deps.createProvider(this.account, key, (delayMs) => this.noteWait(delayMs));
    return this.client;
  }

  /** Runs a call on the client, turning a rejected key into the account-wide "Set API key" state. */
  async call<T>(action: (provider: CrmProvider) => Promise<T>): Promise<T> {
    const provider = await this.provider();
    try {
      return await action(provider);
    } catch (error) {
      if (!(isCrmError(error) && error.kind === 'cancelled')) {
        this.deps.logError?.(error instanceof Error ? error.message : String(error));
      }
      if (isCrmError(error) && error.kind === 'auth' && this.problem !== 'rejected') {
        this.problem = 'rejected';
        // Nothing loaded with the rejected key is shown any more: the account collapses to its
        // one "Set API key" row, even where pipelines and stages had been cached.
        this.invalidate();
        this.changes.fire({ kind: 'account' });
        this.deps.onKeyRejected?.(this.account);
      }
      throw error;
    }
  }

  pipelines(): Promise<Pipeline[]> {
    if (!this.pipelineLoad) {
      const load = this.call((p) => p.listPipelines());
      this.pipelineLoad = load;
      // A failed load is forgotten so that Retry or a refresh asks again.
      load.catch(() => {
        if (this.pipelineLoad === load) this.pipelineLoad = undefined;
      });
    }
    return this.pipelineLoad;
  }

  /** The shared deal list of one stage. */
  stage(pipelineId: string, stageId: string): StageDealList {
    const key = `${pipelineId}\u0000${stageId}`;
    let list = this.stageLists.get(key);
    if (!list) {
      list = new StageDealList(
        async (cursor) => {
          const page = await this.call((p) => p.listDeals({ pipelineId, stageId, cursor }));
          return { ...page, items: page.items.map((deal) => this.shared.deal(deal)) };
        },
        {
          count: () => this.call(async (p) => p.countDeals?.({ pipelineId, stageId })),
          counted: () => this.changes.fire({ kind: 'stage', pipelineId, stageId }),
        },
      );
      this.stageLists.set(key, list);
    }
    return list;
  }

  /** Every deal loaded so far in any stage, for searching what is already here without a request. */
  loadedDeals(): Deal[] {
    const seen = new Map<string, Deal>();
    for (const list of this.stageLists.values()) for (const deal of list.items) seen.set(deal.id, deal);
    return [...seen.values()];
  }

  /**
   * The account's open tasks (My Tasks, the board's next due dates); empty for a CRM that cannot
   * list them (`capabilities.openTasks` false), without calling it.
   */
  openTasks(): OpenTaskList {
    this.taskList ??= new OpenTaskList((cursor) =>
      this.call(async (p) => (p.listOpenTasks ? p.listOpenTasks(cursor) : { items: [] })));
    return this.taskList;
  }

  /**
   * Puts an edited deal in place in the loaded lists, moving it between stages when its stage
   * changed, so the views update that deal and its stages' counts and totals without a refetch.
   */
  dealChanged(deal: Deal, previousStageId?: string): void {
    const pipelineId = deal.pipelineId ?? '';
    const fromStage = previousStageId ?? deal.stageId;
    const moved = fromStage !== undefined && deal.stageId !== undefined && fromStage !== deal.stageId;
    for (const [key, list] of this.stageLists) {
      const [listPipeline = '', stageId = ''] = key.split('\u0000');
      if (pipelineId && listPipeline !== pipelineId) continue;
      const touched = moved
        ? (stageId === fromStage && list.remove(deal.id, previousStageId ? deal : undefined) !== undefined) || (stageId === deal.stageId && list.add(deal))
        : list.replace(deal);
      if (touched) this.changes.fire({ kind: 'stage', pipelineId: listPipeline, stageId });
    }
  }

  /** Forgets what was loaded; the next expansion fetches again. */
  invalidate(scope: { pipelineId?: string; stageId?: string } = {}): void {
    if (scope.stageId && scope.pipelineId) {
      this.stageLists.get(`${scope.pipelineId}\u0000${scope.stageId}`)?.reset();
      return;
    }
    for (const [key, list] of this.stageLists) {
      if (!scope.pipelineId || key.startsWith(`${scope.pipelineId}\u0000`)) list.reset();
    }
    if (!scope.pipelineId) {
      this.pipelineLoad = undefined;
      this.taskList?.reset();
    }
  }

  /** A new key was stored: start over with a fresh client. */
  keyChanged(): void {
    this.problem = undefined;
    this.client?.dispose();
    this.client = undefined;
    this.invalidate();
    this.changes.fire({ kind: 'account' });
  }

  dispose(): void {
    this.client?.dispose();
    this.client = undefined;
    for (const list of this.stageLists.values()) list.reset();
    this.stageLists.clear();
    this.taskList?.dispose();
    this.taskList = undefined;
    this.changes.dispose();
  }

  private noteWait(delayMs: number): void {
    this.waitUntil = Math.max(this.waitUntil, this.now() + delayMs);
    this.changes.fire({ kind: 'waiting', until: this.waitUntil });
  }

  private now(): number {
    return (this.deps.now ?? Date.now)();
  }
}
