import type { FieldError } from '../../http';
import type { Deal } from '../../model';
import type { DealPatch } from '../contract';
import { ATTRIBUTES_READ_ONLY } from './errors';
import { dayOf } from './map';

/** Why each DealPatch key Spott's PATCH does not document is refused. */
const NOT_WRITABLE: Partial<Record<keyof DealPatch, string>> = {
  amount: 'Spott opportunities have no amount',
  amountPeriod: 'Spott opportunities have no amount',
  outcome: 'Spott sets won or lost by the stage; move the opportunity to a closed stage instead',
  probability: 'Spott opportunities have no probability',
};

function isIsoDay(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const date = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(text);
}

export type PatchBody = { ok: true; body: Record<string, unknown> } | { ok: false; errors: FieldError[] };

/**
 * The body of `PATCH /opportunities/{id}` (name, description, stageId, ownerId, closeDate: the
 * keys the docs list), or every problem found, each naming its DealPatch key. Nothing is sent
 * when anything is wrong. A close date is a day in the model and a date-time in Spott: midnight
 * UTC, as Spott's own examples show it.
 */
export function patchBody(patch: DealPatch): PatchBody {
  const body: Record<string, unknown> = {};
  const errors: FieldError[] = [];
  for (const [key, reason] of Object.entries(NOT_WRITABLE)) {
    if (patch[key as keyof DealPatch] !== undefined) errors.push({ field: key, message: reason });
  }
  for (const key of Object.keys(patch.custom ?? {})) errors.push({ field: `custom.${key}`, message: ATTRIBUTES_READ_ONLY });
  if (patch.name !== undefined) {
    const name = typeof patch.name === 'string' ? patch.name.trim() : '';
    if (name) body['name'] = name;
    else errors.push({ field: 'name', message: 'must not be empty' });
  }
  if (patch.description !== undefined) {
    if (patch.description !== null && typeof patch.description !== 'string') errors.push({ field: 'description', message: 'must be text' });
    // An empty description is stored as none, as clearing it does.
    else body['description'] = patch.description === null || patch.description.trim() === '' ? null : patch.description;
  }
  if (patch.stageId !== undefined) {
    // The stage list we know is only the stages in use, so an unknown id is left for Spott to judge.
    if (typeof patch.stageId === 'string' && patch.stageId.trim()) body['stageId'] = patch.stageId;
    else errors.push({ field: 'stageId', message: 'must name a stage' });
  }
  if (patch.ownerId !== undefined) {
    if (patch.ownerId === null) body['ownerId'] = null;
    else if (typeof patch.ownerId === 'string' && patch.ownerId.trim()) body['ownerId'] = patch.ownerId;
    else errors.push({ field: 'ownerId', message: 'must name a user' });
  }
  if (patch.expectedClose !== undefined) {
    if (patch.expectedClose === null) body['closeDate'] = null;
    else if (typeof patch.expectedClose === 'string' && isIsoDay(patch.expectedClose)) {
      body['closeDate'] = { target: `${patch.expectedClose}T00:00:00.000Z` };
    } else errors.push({ field: 'expectedClose', message: 'must be a date (YYYY-MM-DD)' });
  }
  if (errors.length) return { ok: false, errors };
  if (!Object.keys(body).length) return { ok: false, errors: [{ field: 'deal', message: 'nothing to change' }] };
  return { ok: true, body };
}

/**
 * The DealPatch keys whose value the re-read opportunity does not show: Spott answered OK but
 * did not store them (or stored something else).
 */
export function unstoredKeys(body: Record<string, unknown>, stored: Deal): string[] {
  const differs: string[] = [];
  if ('name' in body && stored.name !== body['name']) differs.push('name');
  // Whitespace Spott may trim is not a difference.
  const text = (value: unknown): string => (typeof value === 'string' ? value.trim() : '');
  if ('description' in body && text(stored.description) !== text(body['description'])) differs.push('description');
  if ('stageId' in body && stored.stageId !== body['stageId']) differs.push('stageId');
  if ('ownerId' in body && (stored.owner?.id ?? null) !== body['ownerId']) differs.push('ownerId');
  if ('closeDate' in body) {
    const sent = body['closeDate'] as { target: string } | null;
    if ((stored.expectedClose ?? null) !== (sent ? dayOf(sent.target) : null)) differs.push('expectedClose');
  }
  return differs;
}
