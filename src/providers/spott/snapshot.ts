import type { Deal, PersonRef, Stage } from '../../model';
import { knownUsers, stagesOf, type StageOutcomes, toModelDeal, toModelStage } from './map';
import type { SpottOpportunity, SpottPerson } from './schemas';

/**
 * Every opportunity of the account as one pass over `GET /opportunities` left them, grouped by
 * stage. Spott's list cannot be filtered by stage and no stage list is documented, so this one
 * pass is what both the stages and each stage's deals are read from. Immutable: a deal written
 * by us gives a new snapshot, so a cursor into an older one still pages consistently.
 */
export class Snapshot {
  private constructor(
    /** Increases with every snapshot of a provider; cursors carry it. */
    readonly generation: number,
    /** When the pass that made it started (epoch ms); edits keep it. */
    readonly loadedAt: number,
    readonly stages: readonly Stage[],
    private readonly byStage: ReadonlyMap<string, readonly Deal[]>,
    private readonly owners: readonly SpottPerson[],
  ) {}

  static fromPass(generation: number, loadedAt: number, opportunities: readonly SpottOpportunity[], outcomes: StageOutcomes): Snapshot {
    const byStage = new Map<string, Deal[]>();
    for (const opportunity of opportunities) {
      const deal = toModelDeal(opportunity, outcomes);
      const list = byStage.get(opportunity.stage.id) ?? [];
      list.push(deal);
      byStage.set(opportunity.stage.id, list);
    }
    const owners = opportunities.map((o) => o.owner).filter((o): o is SpottPerson => Boolean(o));
    return new Snapshot(generation, loadedAt, stagesOf(opportunities, outcomes), byStage, owners);
  }

  dealsOf(stageId: string): readonly Deal[] {
    return this.byStage.get(stageId) ?? [];
  }

  private index: Map<string, Deal> | undefined;

  /** One deal by id (built once per snapshot, for the tasks that name opportunities). */
  deal(id: string): Deal | undefined {
    if (!this.index) {
      this.index = new Map();
      for (const deals of this.byStage.values()) for (const d of deals) this.index.set(d.id, d);
    }
    return this.index.get(id);
  }

  get dealCount(): number {
    let n = 0;
    for (const deals of this.byStage.values()) n += deals.length;
    return n;
  }

  /** The known owners (Spott lists no users). */
  users(extra: Iterable<SpottPerson | null | undefined> = []): PersonRef[] {
    return knownUsers([...this.owners, ...extra]);
  }

  /**
   * The same snapshot with one opportunity as just read from Spott: replaced in place when it
   * stayed in its stage, else moved to the end of its new stage (it is now the latest changed).
   * Its stage is taken as Spott now describes it (a renamed stage shows its new name).
   */
  with(generation: number, opportunity: SpottOpportunity, outcomes: StageOutcomes): Snapshot {
    const deal = toModelDeal(opportunity, outcomes);
    deal.custom = {};
    const byStage = new Map<string, readonly Deal[]>();
    let replaced = false;
    for (const [stageId, deals] of this.byStage) {
      const at = deals.findIndex((d) => d.id === deal.id);
      if (at < 0) byStage.set(stageId, deals);
      else if (stageId === deal.stageId) {
        byStage.set(stageId, deals.map((d, i) => (i === at ? deal : d)));
        replaced = true;
      } else byStage.set(stageId, deals.filter((d) => d.id !== deal.id));
    }
    if (!replaced) byStage.set(opportunity.stage.id, [...(byStage.get(opportunity.stage.id) ?? []), deal]);
    // A stage the pass saw stays known even when this move emptied it: it still exists in Spott.
    const stages = this.stages.filter((s) => s.id !== opportunity.stage.id);
    stages.push(toModelStage(opportunity.stage, outcomes));
    stages.sort((a, b) => a.order - b.order || a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
    const owners = opportunity.owner ? [...this.owners, opportunity.owner] : this.owners;
    return new Snapshot(generation, this.loadedAt, stages, byStage, owners);
  }
}

/** A position in a stage's list of one snapshot: `<generation>.<offset>`. */
export function encodeCursor(generation: number, offset: number): string {
  return `${generation}.${offset}`;
}

export function decodeCursor(cursor: string): { generation: number; offset: number } | undefined {
  const match = /^(\d{1,15})\.(\d{1,15})$/.exec(cursor);
  if (!match) return undefined;
  return { generation: Number(match[1]), offset: Number(match[2]) };
}
