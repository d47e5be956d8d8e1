import type { Deal } from '../../model';
import type { OpenTask } from '../contract';

type DealRef = NonNullable<OpenTask['deal']>;

/**
 * The deals this provider has seen (stage lists, search, opened deals), by id: what My Tasks shows
 * a task's deal as. AC's task list carries only the deal's id (`relid`) and AC documents no way to
 * read several deals by id at once, so a deal not seen yet is shown by its number rather than
 * fetched once per task.
 */
export class SeenDeals {
  private readonly refs = new Map<string, DealRef>();

  remember(deals: readonly Deal[]): void {
    for (const d of deals) {
      if (d.locked) continue;
      this.refs.set(d.id, { id: d.id, name: d.name, ...(d.pipelineId ? { pipelineId: d.pipelineId } : {}), ...(d.stageId ? { stageId: d.stageId } : {}) });
    }
  }

  ref(dealId: string): DealRef {
    return structuredClone(this.refs.get(dealId) ?? { id: dealId, name: `Deal #${dealId}` });
  }
}
