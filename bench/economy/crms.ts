// The five real CRMs as the economy benchmark sees them: how to start each one's fake with N deals
// in 8 stages and its documented limit enforced, the largest page its API allows, and the account
// that points the real provider at the fake.
import { startActiveCampaignFake } from '../../test/fakes/activecampaign/index';
import { startCloseFake } from '../../test/fakes/close/index';
import { startHindsightFake } from '../../test/fakes/hindsight/index';
import { startSpottFake } from '../../test/fakes/spott/index';
import { startTwentyFake } from '../../test/fakes/twenty/index';
import type { ProviderId } from '../../src/model';

/** One request as any fake records it. */
export interface SeenRequest {
  method: string;
  path: string;
  query: Record<string, string | string[]>;
  status?: number;
  at: number;
}

export interface RunningFake {
  url: string;
  apiKey: string;
  requests: SeenRequest[];
  /** Every deal id the fake holds: a request naming one is a per-deal request. */
  dealIds(): Set<string>;
  close(): Promise<void>;
}

export interface CrmBench {
  provider: Exclude<ProviderId, 'sample'>;
  name: string;
  /** Deals in the full run, and in --quick. Scaled down where the limit is slow. */
  deals: { full: number; quick: number };
  /** The limit the fake enforces, as requests per second, and how it is stated. */
  allowedPerSecond: number;
  limitText: string;
  /** The largest page the CRM's API allows for a stage's deals, from its documentation. */
  maxPage: number;
  pageText: string;
  /**
   * The metadata calls any client must make, once, to draw what the tree shows: the stages, and
   * what the deal pages lack to show their totals and owners. Each is named in `metadataText`.
   */
  metadata: number | ((dealsPerStage: readonly number[]) => number);
  metadataText: string;
  /** Spott cannot filter by stage: the floor is one pass over the whole list, not a pass per stage. */
  pagesOverAllStages?: boolean;
  /**
   * Hindsight's pages are bare arrays, with no total and no "more" flag: a full page cannot be told
   * from the last, so the floor per stage is floor(n / page) + 1 (a stage of 300 ends with an empty page).
   */
  pagesSayNoEnd?: boolean;
  start(deals: number, stages: number): Promise<RunningFake>;
}

const ids = (records: readonly { id: string }[]) => () => new Set(records.map((r) => String(r.id)));

export const CRMS: CrmBench[] = [
  {
    provider: 'close',
    name: 'Close',
    deals: { full: 10_000, quick: 2_000 },
    allowedPerSecond: 20,
    limitText: '20/s (Close\'s documented example per key)',
    maxPage: 250,
    pageText: '250 (`_limit`; largest size a known client uses, Close publishes none)',
    metadata: (perStage) => (perStage.some((n) => n > 250) ? 2 : 1),
    metadataText: '`GET /pipeline/` (statuses embedded); `GET /organization/{id}/` when a stage spans pages (the currency Close sums its total in)',
    async start(deals, stages) {
      const fake = await startCloseFake({ deals, stages, ratePerSecond: 20 });
      return { url: fake.url, apiKey: fake.apiKey, requests: fake.requests, dealIds: () => new Set(fake.state.opportunities.map((o) => String(o['id']))), close: () => fake.close() };
    },
  },
  {
    provider: 'activecampaign',
    name: 'ActiveCampaign',
    deals: { full: 10_000, quick: 1_000 },
    allowedPerSecond: 5,
    limitText: '5/s per account (documented)',
    maxPage: 100,
    pageText: '100 (`limit`, documented maximum)',
    metadata: 2,
    metadataText: '`GET /dealGroups` (stages side-loaded); `GET /users` (a deal names its owner by id only; rows and cards show the name)',
    async start(deals, stages) {
      const fake = await startActiveCampaignFake({ deals, stages, ratePerSecond: 5 });
      return { url: fake.url, apiKey: fake.apiKey, requests: fake.requests, dealIds: ids(fake.state.deals), close: () => fake.close() };
    },
  },
  {
    provider: 'twenty',
    name: 'Twenty',
    deals: { full: 10_000, quick: 1_600 },
    allowedPerSecond: 100 / 60,
    limitText: '100 per 60 s (documented)',
    maxPage: 200,
    pageText: '200 (`limit`, QUERY_MAX_RECORDS)',
    metadata: 1,
    metadataText: '`GET /rest/metadata/objects` (the Stage SELECT)',
    async start(deals, stages) {
      const fake = await startTwentyFake({ deals, stages, rateLimit: { limit: 100, windowMs: 60_000 } });
      return { url: fake.url, apiKey: fake.apiKey, requests: fake.requests, dealIds: ids(fake.state.opportunities), close: () => fake.close() };
    },
  },
  {
    provider: 'spott',
    name: 'Spott',
    deals: { full: 10_000, quick: 1_000 },
    allowedPerSecond: 10,
    limitText: '600 per 60 s (the lower of the two documented figures, 600 and 1,000/min)',
    maxPage: 50,
    pageText: '50 (`limit`, documented maximum)',
    metadata: 0,
    metadataText: 'none: stages are those on the list, which cannot be filtered by stage',
    pagesOverAllStages: true,
    async start(deals, stages) {
      const fake = await startSpottFake({ deals, stages, ratePerMinute: 600 });
      return { url: fake.url, apiKey: fake.apiKey, requests: fake.requests, dealIds: ids(fake.state.opportunities), close: () => fake.close() };
    },
  },
  {
    provider: 'hindsight',
    name: 'Hindsight',
    deals: { full: 2_400, quick: 400 },
    allowedPerSecond: 1,
    limitText: '60 per 60 s (Essentials, the smallest plan)',
    maxPage: 100,
    pageText: '100 (`page_size`, documented maximum)',
    metadata: (perStage) => (perStage.reduce((a, b) => a + b, 0) >= 100 ? 2 : 1),
    metadataText: 'status reads: no stage list exists, so one page shows the statuses and, when it is full, a second (excluding them) proves there are no others',
    pagesSayNoEnd: true,
    async start(deals, stages) {
      const fake = await startHindsightFake({ deals, stages, ratePerMinute: 60 });
      return { url: fake.url, apiKey: fake.apiKey, requests: fake.requests, dealIds: ids(fake.state.deals), close: () => fake.close() };
    },
  },
];

/** R0: the metadata calls plus, per stage, its deals over the largest page (Spott: one pass over all; Hindsight: floor + 1). */
export function minimumRequests(crm: CrmBench, dealsPerStage: readonly number[]): number {
  const metadata = typeof crm.metadata === 'number' ? crm.metadata : crm.metadata(dealsPerStage);
  if (crm.pagesOverAllStages) return metadata + Math.max(1, Math.ceil(dealsPerStage.reduce((a, b) => a + b, 0) / crm.maxPage));
  const pages = (n: number) => (crm.pagesSayNoEnd ? Math.floor(n / crm.maxPage) + 1 : Math.max(1, Math.ceil(n / crm.maxPage)));
  return metadata + dealsPerStage.reduce((sum, n) => sum + pages(n), 0);
}
