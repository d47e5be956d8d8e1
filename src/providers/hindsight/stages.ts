import type { Outcome, Pipeline, Stage } from '../../model';
import { type DealFilter, PAGE_SIZE } from './client';
import type { HsStatusRow } from './schemas';

/** Hindsight has no pipeline entity: every account gets this one. */
export const PIPELINE_ID = 'deals';
export const PIPELINE_NAME = 'Deals';
/** Shown beside the pipeline in the tree, where other CRMs show the stage count. */
export const PIPELINE_NOTE = 'read-only · stages found on deals';

type Closed = Exclude<Outcome, 'open' | 'unknown'>;

export interface Discovery {
  /** Distinct `status_id` values, in the order first seen. */
  statuses: string[];
  /** `previous_status_id → status_id` pairs seen, for a funnel order. */
  transitions: [string, string][];
  /** Requests it took. */
  requests: number;
}

export type StatusReader = (filter: DealFilter, pageIndex: number) => Promise<HsStatusRow[]>;

/**
 * The distinct stages, in few requests whatever the number of deals. Hindsight has no stage list,
 * so they are read off deals, only the stage columns, 100 at a time. After the first page, each
 * request asks only for deals in none of the stages seen so far (`status` + "is not"), so every
 * full page brings at least one new stage and a short page means all are known: at most
 * (stages + 1) requests, usually 2. Should a full page bring nothing new (the filter was not
 * applied, or 100 deals without a stage), it falls back to reading every page of the stage columns.
 */
export async function discoverStatuses(read: StatusReader): Promise<Discovery> {
  const seen = new Set<string>();
  const transitions = new Map<string, [string, string]>();
  let requests = 0;
  const learn = (rows: readonly HsStatusRow[]): boolean => {
    const before = seen.size;
    for (const row of rows) {
      const status = row.status_id;
      if (!status) continue;
      seen.add(status);
      const previous = row.previous_status_id;
      if (previous && previous !== status) transitions.set(`${previous}\u0000${status}`, [previous, status]);
    }
    return seen.size > before;
  };
  const done = (): Discovery => ({ statuses: [...seen], transitions: [...transitions.values()], requests });

  // The first read has nothing to exclude, so it is page 0 of all deals: the walk below resumes at page 1.
  for (;;) {
    const rows = await read({ notStatus: [...seen] }, 0);
    requests++;
    const foundNew = learn(rows);
    if (rows.length < PAGE_SIZE) return done();
    if (!foundNew) break;
  }
  for (let pageIndex = 1; ; pageIndex++) {
    const rows = await read({}, pageIndex);
    requests++;
    learn(rows);
    if (rows.length < PAGE_SIZE) return done();
  }
}

/**
 * Won or lost from the stage's own name: "Won", "Closed Won", "ClosedLost", HubSpot's
 * "closedwon". The bulk-export docs say stage values are "your CRM's stage names (e.g. "Won",
 * "Lost")", so where the name says it, it is taken at its word.
 */
export function outcomeFromName(status: string): Closed | undefined {
  const words = status.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase().split(/[^a-z]+/);
  const squashed = status.toLowerCase().replace(/[^a-z]/g, '');
  if (words.includes('won') || squashed.includes('closedwon')) return 'won';
  if (words.includes('lost') || squashed.includes('closedlost')) return 'lost';
  return undefined;
}

/** The user's mapping (`stageOutcomes`) first, exact then ignoring case; then the stage's name. */
export function closedOutcome(status: string, configured: Record<string, Closed> | undefined): Closed | undefined {
  if (configured) {
    const exact = configured[status];
    if (exact) return exact;
    const folded = status.toLowerCase();
    for (const [key, outcome] of Object.entries(configured)) if (key.toLowerCase() === folded) return outcome;
  }
  return outcomeFromName(status);
}

const GROUP: Record<Outcome, number> = { open: 0, unknown: 0, won: 1, lost: 2 };

/**
 * Funnel order: a stage comes after the stages deals moved to it from (topological over the
 * `previous_status_id → status_id` pairs seen, leaving out moves from a closed stage back to an
 * open one), ties and cycles broken by name; then open stages, won, lost, each keeping that order.
 */
export function orderStatuses(statuses: readonly string[], transitions: readonly [string, string][], outcomeOf: (s: string) => Outcome): string[] {
  const nodes = new Set(statuses);
  const incoming = new Map<string, Set<string>>(statuses.map((s) => [s, new Set<string>()]));
  for (const [from, to] of transitions) {
    // A deal reopened from won/lost back to an open stage says nothing about the funnel's order.
    const backwards = GROUP[outcomeOf(from)] > GROUP[outcomeOf(to)];
    if (nodes.has(from) && nodes.has(to) && from !== to && !backwards) incoming.get(to)!.add(from);
  }
  const rank = (a: string, b: string): number =>
    GROUP[outcomeOf(a)] - GROUP[outcomeOf(b)] || a.localeCompare(b, 'en', { sensitivity: 'base' }) || (a < b ? -1 : a > b ? 1 : 0);
  const ordered: string[] = [];
  const left = new Set(statuses);
  while (left.size) {
    const remaining = [...left];
    const free = remaining.filter((s) => [...incoming.get(s)!].every((p) => !left.has(p)));
    const next = (free.length ? free : remaining).sort(rank)[0]!;
    ordered.push(next);
    left.delete(next);
  }
  return ordered
    .map((s, index) => ({ s, index }))
    .sort((a, b) => GROUP[outcomeOf(a.s)] - GROUP[outcomeOf(b.s)] || a.index - b.index)
    .map(({ s }) => s);
}

/** Outcome of a stage once the pipeline's stages are known. */
export function stageOutcomeResolver(statuses: readonly string[], configured: Record<string, Closed> | undefined): (status: string) => Outcome {
  // Once some stage is known to close deals, the others are open; with none known, nothing is claimed.
  const anyClosed = statuses.some((s) => closedOutcome(s, configured));
  return (status) => closedOutcome(status, configured) ?? (anyClosed ? 'open' : 'unknown');
}

/** The one synthesized pipeline: stages seen on deals plus stages the user mapped, in funnel order. */
export function buildPipeline(discovery: Discovery, configured: Record<string, Closed> | undefined): Pipeline {
  const statuses = [...discovery.statuses];
  const folded = new Set(statuses.map((s) => s.toLowerCase()));
  // A mapped stage with no deals now is still a stage of the account: shown, empty.
  for (const key of Object.keys(configured ?? {})) {
    if (key && !folded.has(key.toLowerCase())) {
      statuses.push(key);
      folded.add(key.toLowerCase());
    }
  }
  const outcomeOf = stageOutcomeResolver(statuses, configured);
  const stages: Stage[] = orderStatuses(statuses, discovery.transitions, outcomeOf).map((status, order) => ({
    id: status,
    pipelineId: PIPELINE_ID,
    name: status,
    order,
    outcome: outcomeOf(status),
  }));
  return { id: PIPELINE_ID, name: PIPELINE_NAME, order: 0, stages, note: PIPELINE_NOTE };
}
