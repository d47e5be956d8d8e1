import type { SeededFakeOptions } from '../kit/fake-options';
import type { ConnectionFault, StatusFault } from '../kit/fault-kinds';

/**
 * The fake's records, kept exactly in the shape Hindsight's `GET /deals` documents (seed 000 and
 * the notes' fixtures H1/H3): snake_case keys, a JSON number amount with no currency, stage names
 * as `status_id`, competitor and driver arrays, win-loss scores 1–5 or null until analysed.
 */

export interface HsCompetitorRecord {
  competitor_id: string;
  is_primary: boolean;
  is_incumbent: boolean;
  /** In the seed's "Standard Response" example only; absent on some. */
  positioning_summary?: string;
}

export interface HsDriverRecord {
  reason_id: string;
  positive: boolean;
  summary: string;
}

export interface HsDealRecord {
  id: string;
  name: string;
  amount: number | null;
  status_id: string;
  previous_status_id: string | null;
  /** YYYY-MM-DD, "Expected or actual close date". */
  proposal_due: string | null;
  created_at: string;
  owner_id: string | null;
  salesforce_id: string | null;
  hubspot_id: string | null;
  deal_analyzed: boolean;
  analysis_verified: boolean;
  type: string | null;
  region: string | null;
  deal_competitor_associations: HsCompetitorRecord[];
  drivers: HsDriverRecord[];
  wl_product_fit_score: number | null;
  wl_sales_execution_score: number | null;
  wl_relationship_score: number | null;
  /** [UNCONFIRMED] a "custom property" with `columns=*`: the notes say they may appear as extra keys. */
  industry?: string | null;
  /** Further scores the filter list names; present on some analysed deals. */
  wl_price_sensitivity_score?: number | null;
  wl_competitive_intensity_score?: number | null;
}

/** Everything the fake serves; tests read and change it directly. */
export interface FakeState {
  deals: HsDealRecord[];
}

export type { RecordedRequest } from '../kit/recorded-request';

/** A failure to inject into the next matching request. */
export type Fault =
  /** An error status with Hindsight's `{"message": …}` body (overridable). */
  | (StatusFault<400 | 401 | 403 | 404 | 429 | 500 | 502 | 503> & {
      /** 429: `Retry-After` seconds. Hindsight documents none, so none unless given. */
      retryAfterSeconds?: number;
    })
  | ConnectionFault;

export type { FaultMatch } from '../kit/fault-queue';

export interface FakeOptions extends SeededFakeOptions {
  /** The key the fake accepts as `Authorization: Bearer <key>`. */
  apiKey?: string;
  /**
   * Distinct status values (Hindsight's stages) the deals are spread evenly over:
   * `{deals: 10000, stages: 8}` is a pipeline of 10,000 deals in 8 stages. Default: 7, weighted.
   */
  stages?: number;
  /** Requests served per "minute" before answering 429 (Essentials: 60). Default 60. */
  ratePerMinute?: number;
  /** How long the fake's minute lasts; tests shrink it to run faster. Default 60,000 ms. */
  minuteMs?: number;
  /**
   * Whether a 429 from the rate limit carries `Retry-After`. Hindsight documents no rate headers
   * (it says "implement exponential backoff"), so none by default.
   */
  retryAfter?: boolean;
}
