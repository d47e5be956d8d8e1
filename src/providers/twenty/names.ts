import type { PersonRef } from '../../model';
import type { TwentyMember } from './schemas';

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A name as Twenty stores it: plain TEXT (companies) or FULL_NAME `{firstName, lastName}` (people, members). */
export function nameText(value: unknown): string | undefined {
  if (typeof value === 'string') return value.trim() || undefined;
  if (!isObject(value)) return undefined;
  const parts = [value['firstName'], value['lastName']].filter((p): p is string => typeof p === 'string' && p.trim() !== '');
  return parts.join(' ').trim() || undefined;
}

export function toPersonRefFromMember(member: TwentyMember): PersonRef {
  return { id: member.id, name: nameText(member.name) ?? member.userEmail?.trim() ?? `Member ${member.id.slice(0, 8)}` };
}

/** Names learnt so far: Twenty sends only join ids at depth 0, and names when a record is read at depth 1. */
export interface NameBook {
  members: ReadonlyMap<string, PersonRef>;
  companies: Map<string, PersonRef>;
  people: Map<string, PersonRef>;
}
