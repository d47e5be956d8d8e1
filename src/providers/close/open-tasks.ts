import type { OpenTask } from '../contract';
import type { CloseTask } from './schemas';
import { toTask } from './tasks';

/** What the provider already knows about opportunities, from lists it loaded; nothing is fetched for this. */
export interface KnownOpportunities {
  /** Pipeline and status of an opportunity seen in a list or opened. */
  placeOf(opportunityId: string): { pipelineId?: string; stageId?: string } | undefined;
  /** Opportunities seen so far of a lead. */
  ofLead(leadId: string): Iterable<string>;
}

/** Close opportunities have no name of their own: the lead's, as the tree shows them. */
function leadName(task: CloseTask): string {
  return task.lead_name?.trim() || 'Lead';
}

/**
 * Close tasks as My Tasks items. An "opportunity due" reminder is about its opportunity. A lead
 * task is about its lead, and shown on a deal only when exactly one opportunity of that lead is
 * known (from the lists already loaded, or from reminders in these tasks): the task then belongs to
 * that deal's panel too, and completing it there is the same request. No request is made per task.
 */
export function toOpenTasks(tasks: readonly CloseTask[], known: KnownOpportunities): OpenTask[] {
  const remindersOfLead = new Map<string, Set<string>>();
  for (const t of tasks) {
    if (t._type !== 'opportunity_due' || !t.lead_id || !t.object_id) continue;
    const set = remindersOfLead.get(t.lead_id) ?? new Set<string>();
    set.add(t.object_id);
    remindersOfLead.set(t.lead_id, set);
  }
  const deal = (id: string, task: CloseTask): OpenTask['deal'] => ({ id, name: leadName(task), ...known.placeOf(id) });
  return tasks.map((task): OpenTask => {
    if (task._type === 'opportunity_due' && task.object_id) return { task: toTask(task), deal: deal(task.object_id, task) };
    const about = leadName(task);
    if (!task.lead_id) return { task: toTask(task), about };
    const opportunities = new Set([...known.ofLead(task.lead_id), ...(remindersOfLead.get(task.lead_id) ?? [])]);
    const only = opportunities.size === 1 ? [...opportunities][0]! : undefined;
    return only ? { task: toTask(task), deal: deal(only, task), about } : { task: toTask(task), about };
  });
}

/** Free text for `lead_query`: Close's query syntax characters become spaces, so typed text is only words. */
export function leadQueryWords(text: string): string {
  return text.replace(/["'():\\]/g, ' ').replace(/\s+/g, ' ').trim();
}
