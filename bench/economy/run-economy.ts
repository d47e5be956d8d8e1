// Measures 1 and 2: request economy (R / R0, no per-deal request) and the rate-limit floor
// (T / T0, 429s) for each CRM, against its fake with the documented limit enforced.
import { summarize, type Summary } from '../stats';
import { CRMS, type CrmBench, minimumRequests, type SeenRequest } from './crms';
import { loadWholePipeline, type StageOrder } from './load-pipeline';

export const STAGES = 8;

export interface EconomyRun {
  deals: number;
  requests: number;
  minimum: number;
  ratio: number;
  perDealRequests: number;
  tooMany: number;
  ms: number;
  floorMs: number;
  timeRatio: number;
  /** Requests per second achieved while loading, against the allowed rate. */
  achievedPerSecond: number;
  errors: string[];
  /** Requests by `METHOD path` (status 2xx only), for the "what is extra" column. */
  byEndpoint: Record<string, number>;
}

export interface EconomyResult {
  crm: string;
  provider: string;
  deals: number;
  scaledDown: boolean;
  limitText: string;
  pageText: string;
  metadataText: string;
  order: StageOrder;
  runs: EconomyRun[];
  ratio: Summary;
  timeRatio: Summary;
  tooMany: Summary;
  perDeal: Summary;
}

/** Query parameters that select records by id (Hindsight's `ids`, Close's `id__in`…). */
const ID_PARAMS = /^(ids?|id__in|deal_?ids?|opportunity_?ids?)$/i;

/** Collections whose next path segment is one record: `/opportunity/{id}/`, `/deals/{id}`. */
const DEAL_COLLECTIONS = new Set(['opportunity', 'opportunities', 'deal', 'deals']);

/** A request naming one deal (`…/deals/{id}`, or an id-selecting parameter) is a per-deal request. */
function namesADeal(request: SeenRequest, dealIds: Set<string>): boolean {
  const segments = request.path.split('/').map((s) => decodeURIComponent(s));
  if (segments.some((segment, i) => i > 0 && DEAL_COLLECTIONS.has(segments[i - 1]!) && dealIds.has(segment))) return true;
  return Object.entries(request.query).some(([name, value]) =>
    ID_PARAMS.test(name) && [value].flat().some((v) => String(v).split(',').some((id) => dealIds.has(id))));
}

export async function runOnce(crm: CrmBench, deals: number, order: StageOrder): Promise<EconomyRun> {
  const fake = await crm.start(deals, STAGES);
  try {
    const account = { id: `bench-${crm.provider}`, provider: crm.provider, label: `${crm.name} (bench)`, baseUrl: fake.url };
    const load = await loadWholePipeline(account, fake.apiKey, order);
    const seen = fake.requests;
    const minimum = minimumRequests(crm, load.dealsPerStage);
    const dealIds = fake.dealIds();
    const byEndpoint: Record<string, number> = {};
    for (const r of seen) {
      const key = `${r.method} ${r.path}${r.status === 429 ? ' (429)' : ''}`;
      byEndpoint[key] = (byEndpoint[key] ?? 0) + 1;
    }
    // Refused requests did nothing at the CRM but were still sent: they count.
    const floorMs = (minimum / crm.allowedPerSecond) * 1000;
    return {
      deals: load.dealsPerStage.reduce((a, b) => a + b, 0),
      requests: seen.length,
      minimum,
      ratio: seen.length / minimum,
      perDealRequests: seen.filter((r) => namesADeal(r, dealIds)).length,
      tooMany: seen.filter((r) => r.status === 429).length,
      ms: load.ms,
      floorMs,
      timeRatio: load.ms / floorMs,
      achievedPerSecond: seen.length / (load.ms / 1000),
      errors: load.errors,
      byEndpoint,
    };
  } finally {
    await fake.close();
  }
}

export interface EconomyOptions {
  quick: boolean;
  repeats: number;
  only?: string[];
  order?: StageOrder;
  log(line: string): void;
}

export async function runEconomy(options: EconomyOptions): Promise<EconomyResult[]> {
  const results: EconomyResult[] = [];
  const order = options.order ?? 'concurrent';
  for (const crm of CRMS) {
    if (options.only && !options.only.includes(crm.provider)) continue;
    const deals = options.quick ? crm.deals.quick : crm.deals.full;
    const runs: EconomyRun[] = [];
    for (let i = 0; i < options.repeats; i++) {
      const run = await runOnce(crm, deals, order);
      runs.push(run);
      options.log(
        `  ${crm.name} run ${i + 1}/${options.repeats}: ${run.deals} deals, R ${run.requests} / R0 ${run.minimum}, ` +
          `T ${(run.ms / 1000).toFixed(1)} s / T0 ${(run.floorMs / 1000).toFixed(1)} s, 429s ${run.tooMany}` +
          (run.errors.length ? `, errors: ${run.errors.join('; ')}` : ''),
      );
    }
    results.push({
      crm: crm.name,
      provider: crm.provider,
      deals,
      scaledDown: !options.quick && deals < 10_000,
      limitText: crm.limitText,
      pageText: crm.pageText,
      metadataText: crm.metadataText,
      order,
      runs,
      ratio: summarize(runs.map((r) => r.ratio)),
      timeRatio: summarize(runs.map((r) => r.timeRatio)),
      tooMany: summarize(runs.map((r) => r.tooMany)),
      perDeal: summarize(runs.map((r) => r.perDealRequests)),
    });
  }
  return results;
}
