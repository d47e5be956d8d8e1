import { first } from '../kit/request-values';
import type { FakeConfig } from './types';

/** Spott's `limit`: 1 to 50, default 25 (notes §2.3). */
export const MAX_LIMIT = 50;
export const DEFAULT_LIMIT = 25;

interface Position {
  modifiedAt: string;
  id: string;
}

/** Base64 of `{"modifiedAt", "id"}` of the page's last item, the form of the notes' example cursor. */
export function encodeCursor(position: Position): string {
  return Buffer.from(JSON.stringify({ modifiedAt: position.modifiedAt, id: position.id })).toString('base64');
}

function decodeCursor(cursor: string): Position | undefined {
  try {
    const value = JSON.parse(Buffer.from(cursor, 'base64').toString('utf8')) as unknown;
    if (typeof value !== 'object' || value === null) return undefined;
    const { modifiedAt, id } = value as Record<string, unknown>;
    return typeof modifiedAt === 'string' && typeof id === 'string' ? { modifiedAt, id } : undefined;
  } catch {
    return undefined;
  }
}

const compare = (a: Position, b: Position): number => a.modifiedAt.localeCompare(b.modifiedAt) || a.id.localeCompare(b.id);

export type PageResult = { ok: true; body: Record<string, unknown> } | { ok: false; problem: string };

/**
 * One page of a list ordered by modification, oldest first (notes §2.3): the items after the
 * cursor's position, so a record changed while a client pages shows up again at the end.
 * `modifiedSince` / `modifiedUntil` filter on the same date.
 */
export function page<T extends Position>(
  records: readonly T[],
  query: Record<string, string | string[]>,
  config: FakeConfig,
  render: (record: T) => unknown,
): PageResult {
  const limitText = first(query['limit']);
  const limit = limitText === undefined ? DEFAULT_LIMIT : Number(limitText);
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) return { ok: false, problem: `limit: Number must be between 1 and ${MAX_LIMIT}` };
  const cursorText = first(query['cursor']);
  const after = cursorText === undefined ? undefined : decodeCursor(cursorText);
  if (cursorText !== undefined && !after) return { ok: false, problem: 'cursor: Invalid cursor' };
  const since = first(query['modifiedSince']);
  const until = first(query['modifiedUntil']);
  for (const [name, value] of [['modifiedSince', since], ['modifiedUntil', until]] as const) {
    if (value !== undefined && Number.isNaN(Date.parse(value))) return { ok: false, problem: `${name}: Invalid datetime` };
  }
  const ordered = records
    .filter((r) => (since === undefined || Date.parse(r.modifiedAt) >= Date.parse(since)) && (until === undefined || Date.parse(r.modifiedAt) <= Date.parse(until)))
    .filter((r) => !after || compare(r, after) > 0)
    .sort(compare);
  const items = ordered.slice(0, limit);
  const hasMore = ordered.length > items.length;
  const nextCursor = hasMore ? encodeCursor(items.at(-1)!) : null;
  const envelope =
    config.envelope === 'pageInfo' ? { pageInfo: { nextCursor, hasNextPage: hasMore } } : { pagination: { cursor: nextCursor, hasMore } };
  return { ok: true, body: { items: items.map(render), ...envelope } };
}

/** A later modification time than the record had, even within the same millisecond. */
export function touched(previous: string, nowMs: number): string {
  return new Date(Math.max(nowMs, Date.parse(previous) + 1)).toISOString();
}
