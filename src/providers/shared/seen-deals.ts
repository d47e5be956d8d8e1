import type { Deal } from '../../model';
import type { OpenTask } from '../contract';

type DealRef = NonNullable<OpenTask['deal']>;

/**
 * The deals a provider has seen (stage lists, search, opened deals), by id: what My Tasks shows a
 * task's deal as when the CRM's task list names only the deal's id. Kept small: id, name, place.
 */
export class SeenDeals {
  private readonly refs = new Map<string, DealRef>();

  remember(deals: readonly Deal[]): void {
    for (const d of deals) {
      if (d.locked) continue;
      this.refs.set(d.id, { id: d.id, name: d.name, ...(d.pipelineId ? { pipelineId: d.pipelineId } : {}), ...(d.stageId ? { stageId: d.stageId } : {}) });
    }
  }

  has(dealId: string): boolean {
    return this.refs.has(dealId);
  }

  /** The deal as seen, or by its number when it was not seen. */
  ref(dealId: string): DealRef {
    return structuredClone(this.refs.get(dealId) ?? { id: dealId, name: `Deal #${dealId}` });
  }
}
