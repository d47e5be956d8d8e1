import type { SessionEvent } from '../accounts/account-session';
import type { OpenTaskList } from '../accounts/open-task-list';
import type { StageDealList } from '../accounts/stage-deal-list';
import { toErrorInfo } from '../deal-panel/error-info';
import type { Deal, Due, Pipeline, Stage } from '../model';
import type { Logger } from '../providers/contract';
import type { ErrorInfo } from '../protocol';
import {
  BoardToHostSchema, type BoardCard, type BoardColumn, type BoardView, type HostToBoard, type MoveTarget,
} from '../protocol/board-messages';
import { cardView, columnView, type CardContext, type ColumnContent } from './board-columns';
import { BoardFormat } from './board-format';
import { ColumnQueue } from './column-queue';
import { MovesInFlight } from './moves-in-flight';
import { readOnlyReason, refuseMove, targetName, writeMove, type MoveSource } from './move-deal';
import { nextDueByDeal } from './next-due';

/** What the board needs of an account: the session satisfies it. */
export interface BoardSource extends MoveSource {
  pipelines(): Promise<Pipeline[]>;
  stage(pipelineId: string, stageId: string): StageDealList;
  openTasks(): OpenTaskList;
  onDidChange(listener: (event: SessionEvent) => void): { dispose(): void };
}

/** What the board needs of its panel; the VS Code host implements it. */
export interface BoardPort {
  post(message: HostToBoard): void;
  setTitle(title: string): void;
  openDeal(dealId: string): void;
  /** A move was stored: open views of that deal (its panel) load it afresh. */
  dealSaved(deal: Deal): void;
  /** "Reload": forget this pipeline's cached lists everywhere (the tree too) before loading again. */
  invalidate(): void;
}

export interface BoardOptions {
  staleAfterDays: number;
  locale?: string;
  log: Logger;
  now?: () => Date;
  /** Open tasks are read page by page for next due dates; at most this many pages. */
  maxTaskPages?: number;
}

/**
 * One pipeline's board, free of `vscode`: columns and cards from the account's shared stage lists
 * (the tree's cache and paging), pages on demand, and moves shown at once, written through the
 * provider, then confirmed from the stored deal or moved back with the error on the card.
 */
export class BoardController {
  private pipeline: Pipeline | undefined;
  private readonly moves = new MovesInFlight();
  private readonly queue = new ColumnQueue((ids) => this.drawColumns(ids));
  private readonly cards = new Map<string, { deal: Deal; generation: number; saving: boolean; error?: ErrorInfo; card: BoardCard }>();
  private generation = 0;
  private nextDue: ReadonlyMap<string, Due> = new Map();
  private disposed = false;
  private readonly format: BoardFormat;
  private readonly subscription: { dispose(): void };
  private taskSubscription: { dispose(): void } | undefined;

  constructor(
    private readonly source: BoardSource,
    readonly pipelineId: string,
    private readonly port: BoardPort,
    private options: BoardOptions,
  ) {
    this.format = new BoardFormat(options.locale);
    this.subscription = source.onDidChange((event) => this.sessionChanged(event));
  }

  /** Every message from the webview arrives here first; anything that does not validate is dropped. */
  async handle(raw: unknown): Promise<void> {
    const parsed = BoardToHostSchema.safeParse(raw);
    if (!parsed.success) {
      this.options.log.warn(`Board: dropped an invalid message: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
      return;
    }
    const message = parsed.data;
    switch (message.type) {
      case 'ready':
        return this.load();
      case 'reload':
        this.port.invalidate();
        return this.load();
      case 'loadMore':
        return this.loadPage(message.stageId, 'more');
      case 'move':
        return this.move(message.dealId, message.target, message.fromStageId);
      case 'retry': {
        const target = this.moves.failedTarget(message.dealId);
        return target ? this.move(message.dealId, target) : undefined;
      }
      case 'dismiss':
        this.moves.dismiss(message.dealId);
        this.queue.later(this.findDeal(message.dealId)?.stageId);
        return;
      case 'openDeal':
        if (this.findDeal(message.dealId)) this.port.openDeal(message.dealId);
        return;
    }
  }

  /** Loads the pipeline and the first page of every stage (shared with the tree), then next due dates. */
  async load(): Promise<void> {
    this.port.post({ type: 'loading' });
    let pipelines: Pipeline[];
    try {
      pipelines = await this.source.pipelines();
    } catch (error) {
      this.port.post({ type: 'loadError', error: this.errorInfo(error) });
      return;
    }
    const pipeline = pipelines.find((p) => p.id === this.pipelineId);
    if (!pipeline) {
      const message = `The pipeline is no longer in ${this.source.account.label}; refresh the Pipelines view.`;
      this.port.post({ type: 'loadError', error: { kind: 'notFound', message, retryable: true } });
      return;
    }
    this.pipeline = pipeline;
    this.port.setTitle(`${pipeline.name} — ${this.source.account.label}`);
    this.postBoard();
    await Promise.all(this.stages().map((stage) => this.loadPage(stage.id, 'first')));
    await this.loadTasks();
  }

  setStaleAfterDays(days: number): void {
    this.options = { ...this.options, staleAfterDays: days };
    this.generation += 1;
    if (this.pipeline) this.postBoard();
  }

  /** The board as it would be drawn now (for tests and the benchmark). */
  view(): BoardView | undefined {
    const pipeline = this.pipeline;
    if (!pipeline) return undefined;
    const descriptor = this.source.descriptor;
    const providerName = descriptor?.displayName ?? this.source.account.provider;
    const readOnly = readOnlyReason(descriptor, providerName);
    return {
      accountId: this.source.account.id,
      accountLabel: this.source.account.label,
      providerName,
      pipelineId: pipeline.id,
      pipelineName: pipeline.name,
      readOnly,
      outcomeZones: !readOnly && Boolean(descriptor?.capabilities.setOutcome),
      note: pipeline.note,
      tasksNote: descriptor?.capabilities.openTasks ? undefined : `${providerName} does not list open tasks here, so cards show no next task date.`,
      locale: this.options.locale,
      columns: this.stages().map((stage) => this.column(stage)),
    };
  }

  /** Moves a card: shown at once, written through the provider, then confirmed or moved back. */
  async move(dealId: string, target: MoveTarget, fromStageId?: string): Promise<void> {
    if (this.moves.isSaving(dealId)) return;
    const found = this.findDeal(dealId, fromStageId);
    if (!found) {
      this.announce('That deal is no longer on this board.');
      return;
    }
    const { deal, stageId: from } = found;
    if ('stageId' in target ? target.stageId === from : target.outcome === deal.outcome) return;
    const where = targetName(this.pipeline, target);
    const refused = refuseMove(this.source, deal, target) ?? this.unknownStage(target);
    if (refused) {
      this.moves.fail(dealId, target, { kind: 'forbidden', message: refused, retryable: false });
      this.queue.later(from);
      this.announce(refused);
      return;
    }
    this.moves.begin(dealId, from, target, this.optimistic(deal, target));
    this.queue.now(from, 'stageId' in target ? target.stageId : undefined);
    this.announce(`Moving "${deal.name}" to ${where}…`);
    try {
      // The move is settled before the shared lists change, so their events draw the stored deal.
      const stored = await writeMove(this.source, { ...deal, stageId: from }, target, () => this.moves.settle(dealId));
      this.queue.later(from, 'stageId' in target ? target.stageId : undefined, stored.stageId);
      this.port.dealSaved(stored);
      const landed = this.stages().find((s) => s.id === stored.stageId)?.name ?? where;
      this.announce(`"${stored.name || deal.name}" moved to ${'outcome' in target ? `${where} (${landed})` : landed}.`);
    } catch (error) {
      const info = this.errorInfo(error);
      this.options.log.warn(`Board: moving deal ${dealId} to ${where} failed: ${info.message}`);
      this.moves.fail(dealId, target, info);
      this.queue.now(from, 'stageId' in target ? target.stageId : undefined);
      this.announce(`Could not move "${deal.name}" to ${where}. ${info.message}`);
    }
  }

  dispose(): void {
    this.disposed = true;
    this.subscription.dispose();
    this.taskSubscription?.dispose();
  }

  private async loadPage(stageId: string, kind: 'first' | 'more'): Promise<void> {
    if (!this.stages().some((s) => s.id === stageId)) return;
    const list = this.list(stageId);
    const loading = kind === 'first' ? list.ensureFirstPage() : list.loadMore();
    this.queue.later(stageId);
    await loading;
    this.queue.later(stageId);
  }

  /** Next due dates come from the account's one open-task list, never from a request per deal. */
  private async loadTasks(): Promise<void> {
    if (!this.source.descriptor?.capabilities.openTasks) return;
    const tasks = this.source.openTasks();
    await tasks.ensureFirstPage();
    for (let page = 1; tasks.hasMore && !tasks.error && page < (this.options.maxTaskPages ?? 20); page++) {
      await tasks.loadMore();
    }
    if (tasks.error) this.options.log.warn(`Board: open tasks of ${this.source.account.label} could not be loaded; cards show no next task date.`);
    this.tasksChanged(tasks.items);
    // A task completed in My Tasks or a deal panel moves that deal's next due date here too.
    this.taskSubscription ??= tasks.onDidChange(() => this.tasksChanged(tasks.items));
  }

  private tasksChanged(items: OpenTaskList['items']): void {
    if (this.disposed) return;
    this.nextDue = nextDueByDeal(items);
    this.generation += 1;
    this.queue.later(...this.stages().map((s) => s.id));
  }

  private sessionChanged(event: SessionEvent): void {
    if (this.disposed || !this.pipeline) return;
    if (event.kind === 'account') void this.load();
    else if (event.kind === 'stage' && event.pipelineId === this.pipelineId) this.queue.later(event.stageId);
  }

  private column(stage: Stage): BoardColumn {
    const list = this.list(stage.id);
    // A list another view reset (a refresh of the tree) fills again here rather than staying empty.
    if (!list.hasFirstPage && !list.isLoading && !list.error) void this.loadPage(stage.id, 'first');
    return columnView(stage, list, this.content(stage, list), this.format, list.error ? this.errorInfo(list.error) : undefined);
  }

  /** The stage's deals with the moves in flight applied, as cards. */
  private content(stage: Stage, list: StageDealList): ColumnContent {
    const { deals, countDelta, amountDelta } = this.moves.overlay(stage.id, list.items);
    const context = this.cardContext();
    return { deals, cards: deals.map((deal) => this.card(deal, context)), countDelta, amountDelta };
  }

  private card(deal: Deal, context: CardContext): BoardCard {
    const saving = this.moves.isSaving(deal.id);
    const error = this.moves.errorOf(deal.id);
    const cached = this.cards.get(deal.id);
    if (cached && cached.deal === deal && cached.generation === this.generation && cached.saving === saving && cached.error === error) return cached.card;
    const card = cardView(deal, context, { saving, error });
    this.cards.set(deal.id, { deal, generation: this.generation, saving, error, card });
    return card;
  }

  private cardContext(): CardContext {
    return { now: this.now(), staleAfterDays: this.options.staleAfterDays, format: this.format, nextDue: this.nextDue };
  }

  private optimistic(deal: Deal, target: MoveTarget): Deal {
    if ('outcome' in target) return { ...deal, outcome: target.outcome };
    const stage = this.stages().find((s) => s.id === target.stageId);
    const outcome = stage?.outcome === 'won' || stage?.outcome === 'lost' ? stage.outcome : deal.outcome;
    return { ...deal, stageId: target.stageId, outcome };
  }

  private unknownStage(target: MoveTarget): string | undefined {
    if ('outcome' in target || this.stages().some((s) => s.id === target.stageId)) return undefined;
    return `There is no such stage in ${this.pipeline?.name ?? 'this pipeline'}.`;
  }

  /** The deal as the board shows it and the column it is in. */
  private findDeal(dealId: string, hint?: string): { deal: Deal; stageId: string } | undefined {
    const moving = this.moves.shown(dealId);
    if (moving) return moving;
    const stages = this.stages().map((s) => s.id);
    for (const stageId of hint && stages.includes(hint) ? [hint, ...stages] : stages) {
      const deal = this.list(stageId).items.find((d) => d.id === dealId);
      if (deal) return { deal, stageId };
    }
    return undefined;
  }

  private stages(): Stage[] {
    return [...(this.pipeline?.stages ?? [])].sort((a, b) => a.order - b.order);
  }

  private list(stageId: string): StageDealList {
    return this.source.stage(this.pipelineId, stageId);
  }

  private postBoard(): void {
    const view = this.view();
    this.queue.clear();
    if (view && !this.disposed) this.port.post({ type: 'board', view });
  }

  private drawColumns(ids: ReadonlySet<string>): void {
    if (this.disposed || !this.pipeline) return;
    const columns = this.stages().filter((s) => ids.has(s.id)).map((s) => this.column(s));
    if (columns.length) this.port.post({ type: 'columns', columns });
  }

  private announce(text: string): void {
    if (!this.disposed) this.port.post({ type: 'announce', text });
  }

  /** The failure as the card shows it, always naming the account. */
  private errorInfo(error: unknown): ErrorInfo {
    const info = toErrorInfo(error);
    const label = this.source.account.label;
    return info.message.includes(label) ? info : { ...info, message: `${label}: ${info.message}` };
  }

  private now(): Date {
    return (this.options.now ?? (() => new Date()))();
  }
}
