import type { Page } from '../../model';
import type { OpenTask } from '../contract';
import type { SampleData, StoredTask } from './schemas';
import { dueSortKey } from '../shared/task-order';

export const OPEN_TASKS_PAGE_SIZE = 100;

/** Where a page ended, as a position in the order (not an offset): completing a task never makes a page skip one. */
interface Position {
  due: number;
  createdAt: string;
  id: string;
}

function positionOf(task: StoredTask): Position {
  return { due: dueSortKey(task.due), createdAt: task.createdAt, id: task.id };
}

/** Due soonest first, undated last; then oldest first, then by id, so the order is total and stable. */
function comparePositions(a: Position, b: Position): number {
  if (a.due !== b.due) return a.due < b.due ? -1 : 1;
  return Date.parse(a.createdAt) - Date.parse(b.createdAt) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

export function encodeTaskCursor(p: Position): string {
  // JSON has no Infinity: an undated task's position is written as null.
  return Buffer.from(JSON.stringify([Number.isFinite(p.due) ? p.due : null, p.createdAt, p.id]), 'utf8').toString('base64url');
}

/** Undefined when the text is not a cursor this provider made. */
export function decodeTaskCursor(cursor: string): Position | undefined {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(value) && value.length === 3 && (value[0] === null || typeof value[0] === 'number')
      && typeof value[1] === 'string' && typeof value[2] === 'string') {
      return { due: value[0] ?? Number.POSITIVE_INFINITY, createdAt: value[1], id: value[2] };
    }
  } catch {
    // Not ours: reported by the caller.
  }
  return undefined;
}

/** One page of the open tasks of every deal, each with its deal, after `after`. */
export function openTasksPage(data: SampleData, after: Position | undefined): Page<OpenTask> {
  const deals = new Map(data.deals.map((d) => [d.id, d]));
  const ordered = data.tasks
    .filter((t) => !t.done && deals.has(t.dealId))
    .map((task) => ({ task, position: positionOf(task) }))
    .sort((a, b) => comparePositions(a.position, b.position));
  const start = after ? ordered.findIndex((t) => comparePositions(t.position, after) > 0) : 0;
  const slice = start < 0 ? [] : ordered.slice(start, start + OPEN_TASKS_PAGE_SIZE);
  const last = slice.at(-1);
  const more = start >= 0 && start + OPEN_TASKS_PAGE_SIZE < ordered.length;
  return {
    items: slice.map(({ task: { dealId, createdAt: _createdAt, ...task } }) => {
      const deal = deals.get(dealId)!;
      return { task: structuredClone(task), deal: { id: deal.id, name: deal.name, pipelineId: deal.pipelineId, stageId: deal.stageId } };
    }),
    ...(more && last ? { next: encodeTaskCursor(last.position) } : {}),
    total: ordered.length,
  };
}
