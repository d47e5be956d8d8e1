import type { Deal } from '../model';

/**
 * Deals that search put into view but that are not on their stage's loaded pages: shown at the top
 * of the stage as "found" rows until a loaded page holds them. They are not counted: the stage's
 * count and totals stay those the CRM gave, and "Load more (50 of 128)" counts loaded pages only.
 * Keyed by the stage node's id (`account/pipeline/stage`), so they survive a redraw of the stage.
 */
export class FoundDeals {
  private readonly byStage = new Map<string, Deal[]>();

  add(stageNodeId: string, deal: Deal): void {
    const deals = (this.byStage.get(stageNodeId) ?? []).filter((d) => d.id !== deal.id);
    this.byStage.set(stageNodeId, [deal, ...deals]);
  }

  in(stageNodeId: string): readonly Deal[] {
    return this.byStage.get(stageNodeId) ?? [];
  }

  /** Forgets found rows of this stage that its loaded pages now hold. */
  prune(stageNodeId: string, loadedIds: ReadonlySet<string>): void {
    const deals = this.byStage.get(stageNodeId);
    if (!deals) return;
    const kept = deals.filter((d) => !loadedIds.has(d.id));
    if (kept.length) this.byStage.set(stageNodeId, kept);
    else this.byStage.delete(stageNodeId);
  }

  /**
   * A stage of the account now holds these deals (one moved there): forgets them as found rows of
   * its other stages. Returns the stage node ids that changed, to redraw.
   */
  dropElsewhere(accountId: string, stageNodeId: string, dealIds: ReadonlySet<string>): string[] {
    const changed: string[] = [];
    for (const [key, deals] of this.byStage) {
      if (key === stageNodeId || !key.startsWith(`${accountId}/`)) continue;
      const kept = deals.filter((d) => !dealIds.has(d.id));
      if (kept.length === deals.length) continue;
      changed.push(key);
      if (kept.length) this.byStage.set(key, kept);
      else this.byStage.delete(key);
    }
    return changed;
  }

  /** Forgets every found row of an account (its data was reloaded), or of all accounts. */
  clear(accountId?: string): void {
    if (accountId === undefined) this.byStage.clear();
    else for (const key of [...this.byStage.keys()]) if (key.startsWith(`${accountId}/`)) this.byStage.delete(key);
  }
}
