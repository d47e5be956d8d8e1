import type { AccountSession } from '../../accounts/account-session';
import type { StageDealList } from '../../accounts/stage-deal-list';
import { totalsByCurrency, type Deal, type Stage } from '../../model';
import { formatCount, formatTotals } from '../../util/format';
import { COMMANDS, errorRow } from '../error-rows';
import { escapeMarkdown } from '../markdown';
import { DealNode } from './deal-node';
import { MessageNode } from './message-node';
import type { NodeContext, NodeIcon, NodeView } from './tree-node';
import { TreeNode } from './tree-node';
import { loadOrShowWait } from './wait-notice';

const STAGE_ICONS: Record<Stage['outcome'], NodeIcon> = {
  open: { codicon: 'debug-stackframe-dot' },
  unknown: { codicon: 'debug-stackframe-dot' },
  won: { codicon: 'pass', color: 'charts.green' },
  lost: { codicon: 'circle-slash', color: 'charts.red' },
};

export class StageNode extends TreeNode {
  private loadingMore = false;
  private drawnSummary: string | undefined;

  constructor(
    parent: TreeNode,
    readonly session: AccountSession,
    readonly stage: Stage,
    private readonly context: NodeContext,
  ) {
    super(`${parent.id}/${stage.id}`, parent);
  }

  get deals(): StageDealList {
    return this.session.stage(this.stage.pipelineId, this.stage.id);
  }

  view(): NodeView {
    const outcome = this.stage.outcome === 'won' || this.stage.outcome === 'lost' ? ` ${this.stage.outcome}` : '';
    this.drawnSummary = this.summary();
    return {
      label: this.stage.name,
      description: this.drawnSummary,
      icon: STAGE_ICONS[this.stage.outcome],
      collapsible: 'collapsed',
      contextValue: `stage${outcome}`,
    };
  }

  /** "12 · $48,200 + €3,100"; "50+ · …" while the CRM gives no total and more pages remain. */
  summary(): string | undefined {
    const list = this.deals;
    if (list.error && !list.hasFirstPage) return 'not loaded';
    if (!list.hasFirstPage) return undefined;
    const count = list.total !== undefined ? formatCount(list.total, this.context.locale) : `${formatCount(list.items.length, this.context.locale)}+`;
    const totals = list.totals ?? (list.hasMore ? undefined : totalsByCurrency(list.items.map((d) => d.amount)));
    const money = formatTotals(totals, this.context.locale);
    return money ? `${count} · ${money}` : count;
  }

  override async tooltip(): Promise<string> {
    const outcome = this.stage.outcome === 'won' ? ' (won)' : this.stage.outcome === 'lost' ? ' (lost)' : '';
    const probability = this.stage.probability !== undefined ? `\n\nProbability: ${this.stage.probability}%` : '';
    const summary = this.summary();
    return `**${escapeMarkdown(this.stage.name)}**${outcome}${summary ? `\n\n${escapeMarkdown(summary)}` : ''}${probability}`;
  }

  /** Starts loading the first page so the row can show its count and total. */
  prefetchSummary(): void {
    if (this.deals.hasFirstPage || this.deals.isLoading) return;
    void this.deals.ensureFirstPage().then(() => this.context.events.changed(this));
  }

  /** "Load more": fetches the next page and redraws the stage with it. */
  async loadMore(): Promise<void> {
    if (this.loadingMore) return;
    this.loadingMore = true;
    this.forgetChildren();
    this.context.events.changed(this);
    try {
      await this.deals.loadMore();
    } finally {
      this.loadingMore = false;
      this.forgetChildren();
      this.context.events.changed(this);
    }
  }

  /** Retry after a failed page: the first one or a later one. */
  async retry(): Promise<void> {
    await this.loadMore();
  }

  /**
   * The row of a deal search found in this stage, loading only what the tree would load anyway (the
   * first page). A deal beyond the loaded pages becomes a "found" row at the top rather than
   * fetching every page. A stage loaded to its end that lacks the deal, or a deal still listed in
   * another stage, was loaded before the deal arrived or moved: the lists take the move, so counts
   * and totals stay exact.
   */
  async rowFor(deal: Deal): Promise<TreeNode> {
    const list = this.deals;
    await list.ensureFirstPage();
    const existing = await this.loadedRow(deal.id);
    if (existing || list.error) return existing ?? this;
    const stale = this.session.loadedDeals().find((d) => d.id === deal.id && d.stageId !== deal.stageId);
    // Moved since its old stage was loaded: both stages' counts and totals follow the move.
    if (stale?.stageId) this.session.dealChanged(deal, stale.stageId);
    else if (list.hasMore) this.context.found?.add(this.id, deal);
    else list.add(deal);
    this.forgetChildren();
    const row = await this.loadedRow(deal.id);
    this.context.events.changed(this);
    return row ?? this;
  }

  private async loadedRow(dealId: string): Promise<DealNode | undefined> {
    let rows = await this.children();
    // A rate-limit notice drawn while the page loaded: the page is in now, draw the deals.
    if (rows.some((row) => row.view().contextValue === 'message waiting')) {
      this.forgetChildren();
      rows = await this.children();
    }
    return rows.find((row): row is DealNode => row instanceof DealNode && row.deal.id === dealId);
  }

  protected override async loadChildren(): Promise<TreeNode[]> {
    const list = this.deals;
    if (!list.hasFirstPage && !list.error) {
      const notice = await loadOrShowWait(this, this.session, this.context, list.ensureFirstPage());
      if (notice) return [notice];
    }
    const loadedIds = new Set(list.items.map((deal) => deal.id));
    this.context.found?.prune(this.id, loadedIds);
    const found = this.context.found?.in(this.id) ?? [];
    const rows: TreeNode[] = [
      ...found.map((deal) => new DealNode(this, this.session, deal, this.context, true)),
      ...list.items.map((deal) => new DealNode(this, this.session, deal, this.context)),
    ];
    if (list.error) {
      rows.push(new MessageNode(`${this.id}/#error`, this, errorRow(list.error, this.session.account.id, this)));
    } else if (this.loadingMore) {
      rows.push(new MessageNode(`${this.id}/#more`, this, { label: 'Loading…', icon: { codicon: 'loading~spin' }, role: 'loading' }));
    } else if (list.hasMore) {
      rows.push(new MessageNode(`${this.id}/#more`, this, this.loadMoreSpec()));
    } else if (list.items.length === 0 && found.length === 0) {
      rows.push(new MessageNode(`${this.id}/#empty`, this, { label: 'No deals in this stage', role: 'empty' }));
    }
    // The first page may have brought the row's count and total: redraw the row once its
    // children are cached, so the redraw does not ask for them again.
    if (this.summary() !== this.drawnSummary) setTimeout(() => this.context.events.changed(this), 0);
    return rows;
  }

  private loadMoreSpec() {
    const loaded = formatCount(this.deals.items.length, this.context.locale);
    const of = this.deals.total !== undefined ? ` of ${formatCount(this.deals.total, this.context.locale)}` : '';
    return {
      label: `Load more (${loaded}${of})`,
      icon: { codicon: 'ellipsis' },
      command: { id: COMMANDS.loadMore, title: 'Load More', args: [this] },
      role: 'loadMore',
    };
  }
}
