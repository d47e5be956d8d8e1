import type { Due, PersonRef } from '../../../model';
import type { StoredDeal, StoredTask } from '../schemas';
import { dayOffset, instantBefore, instantOnDay } from './dates';
import type { Prng } from './prng';

const TITLES = [
  (who: string) => `Send proposal to ${who}`,
  (who: string) => `Call ${who} about timeline`,
  (who: string) => `Confirm budget with ${who}`,
  () => 'Follow up on demo',
  () => 'Schedule security review',
  () => 'Send contract for signature',
  () => 'Prepare QBR deck',
  () => 'Check renewal terms',
  () => 'Share case study',
  () => 'Update forecast notes',
] as const;

const BODIES = [
  'They asked for the enterprise SLA and a reference customer in their industry.',
  'Agenda:\n1. Pricing\n2. Rollout plan\n3. Open questions from IT',
  'Loop in legal before sending; use the 2024 template.',
  'Mention the discount expires at the end of the quarter.',
] as const;

function generateDue(rng: Prng, today: Date, done: boolean): Due | undefined {
  if (rng.chance(0.1)) return undefined;
  // Done tasks were due in the past; open ones range from two weeks overdue to a month ahead.
  const offset = done ? -rng.int(1, 60) : rng.int(-14, 30);
  if (rng.chance(0.6)) return { kind: 'date', value: dayOffset(today, offset) };
  return { kind: 'datetime', value: instantOnDay(today, offset, rng.int(8, 17), rng.pick([0, 15, 30, 45])) };
}

/** Zero to four tasks for one deal, mostly assigned to its owner. */
export function generateTasks(
  rng: Prng,
  today: Date,
  deal: StoredDeal,
  contactFirstName: string,
  users: readonly PersonRef[],
  nextTaskNumber: () => number,
): StoredTask[] {
  const closed = deal.outcome !== 'open';
  const createdMinutesAgo = Math.max(1, Math.round((today.getTime() - Date.parse(deal.createdAt)) / 60_000));
  return Array.from({ length: rng.int(0, 4) }, () => {
    const done = rng.chance(closed ? 0.85 : 0.35);
    const due = generateDue(rng, today, done);
    const body = rng.chance(0.25) ? rng.pick(BODIES) : undefined;
    const assignee = deal.owner && rng.chance(0.75) ? deal.owner : rng.pick(users);
    return {
      id: `task-${String(nextTaskNumber()).padStart(4, '0')}`,
      dealId: deal.id,
      title: rng.pick(TITLES)(contactFirstName),
      ...(body ? { body } : {}),
      ...(due ? { due } : {}),
      done,
      assignee: { ...assignee },
      createdAt: instantBefore(today, rng.int(1, createdMinutesAgo)),
    };
  });
}
