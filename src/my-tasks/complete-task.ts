import { KeyNeededError } from '../accounts/account-session';
import { isCrmError } from '../http/errors';
import type { TaskNode } from './nodes/task-node';

/**
 * Marks the row's task done in its CRM. The task leaves the shared list first (so My Tasks and
 * the board stop showing it at once) and goes back where it was if the CRM refuses.
 */
export async function completeTask(node: TaskNode): Promise<boolean> {
  const { session, item } = node;
  const refusal = whyNotCompletable(node);
  if (refusal) throw new Error(refusal);
  const list = session.openTasks();
  const index = list.items.findIndex((t) => t.task.id === item.task.id);
  list.remove(item.task.id);
  try {
    const stored = await session.call((p) => p.updateTask(item.deal!.id, item.task.id, { done: true }));
    if (!stored.done) throw new Error(`${session.descriptor?.displayName ?? 'The CRM'} answered but did not mark the task done.`);
    // A refresh meanwhile may have listed it again, from before the CRM stored the change.
    list.remove(item.task.id);
    return true;
  } catch (error) {
    // A list reset meanwhile reloads it from the CRM, where the task is still open.
    if (list.hasFirstPage) list.restore(item, index < 0 ? list.items.length : index);
    throw error;
  }
}

/** The sentence for the notification and the row: what failed, for which account, and why. */
export function completionFailure(node: TaskNode, error: unknown): string {
  const title = node.task.title.trim() || 'untitled task';
  const head = `Could not complete "${title}" in ${node.session.account.label}`;
  if (error instanceof KeyNeededError) return `${head}: ${error.message} Use "CRM: Set API Key…" and try again.`;
  // A CrmError's message already names the account and the request.
  if (isCrmError(error)) return `Could not complete "${title}": ${error.message}`;
  return `${head}: ${error instanceof Error ? error.message : String(error)}`;
}

function whyNotCompletable(node: TaskNode): string | undefined {
  if (node.completable) return undefined;
  const crm = node.session.descriptor?.displayName ?? 'This CRM';
  if (node.task.readOnlyReason) return node.task.readOnlyReason;
  if (!node.session.descriptor?.capabilities.completeTask) return `${crm} does not let CRM Pipelines complete tasks.`;
  return 'This task is not tied to a deal; complete it in the CRM.';
}
