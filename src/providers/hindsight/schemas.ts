import { z } from 'zod';

/**
 * Hindsight `GET /deals` payloads. Objects are loose (every key Hindsight sends is kept for "All
 * fields": custom properties may appear as extra keys), but each key we read is typed, so a changed
 * shape fails as a badResponse naming the path. Documented keys may be null where the docs type
 * them `| null`; we allow null everywhere we only display, since the docs' examples show only
 * populated values.
 */

/** An id: a string in the docs; a number is accepted and read as its text. */
const Id = z.union([z.string().min(1), z.number()]).transform(String);
const OptionalId = z.union([z.string(), z.number()]).nullish().transform((v) => (v === null || v === undefined || v === '' ? undefined : String(v)));
const Text = z.string().nullish();
const Flag = z.boolean().nullish();
/** A number Hindsight sends as a JSON number; a decimal string is accepted too. */
const NumberLike = z.union([z.number(), z.string()]).nullish();

export const HsCompetitorSchema = z.looseObject({
  competitor_id: OptionalId,
  is_primary: Flag,
  is_incumbent: Flag,
  positioning_summary: Text,
});
export type HsCompetitor = z.infer<typeof HsCompetitorSchema>;

export const HsDriverSchema = z.looseObject({
  reason_id: OptionalId,
  positive: Flag,
  summary: Text,
});
export type HsDriver = z.infer<typeof HsDriverSchema>;

export const HsDealSchema = z.looseObject({
  id: Id,
  name: Text,
  amount: NumberLike,
  status_id: OptionalId,
  previous_status_id: OptionalId,
  proposal_due: Text,
  created_at: Text,
  updated_at: Text,
  owner_id: OptionalId,
  salesforce_id: OptionalId,
  hubspot_id: OptionalId,
  deal_analyzed: Flag,
  analysis_verified: Flag,
  type: Text,
  region: Text,
  deal_competitor_associations: z.array(HsCompetitorSchema).nullish(),
  drivers: z.array(HsDriverSchema).nullish(),
  wl_product_fit_score: NumberLike,
  wl_sales_execution_score: NumberLike,
  wl_relationship_score: NumberLike,
});
export type HsDeal = z.infer<typeof HsDealSchema>;

/** `GET /deals`: a bare array, no envelope, no total and no "more" flag. */
export const HsDealsResponse = z.array(HsDealSchema);

/** `GET /deals?columns=id,status_id,previous_status_id`: only what stage discovery reads. */
export const HsStatusRowSchema = z.looseObject({ status_id: OptionalId, previous_status_id: OptionalId });
export type HsStatusRow = z.infer<typeof HsStatusRowSchema>;
export const HsStatusRowsResponse = z.array(HsStatusRowSchema);

/**
 * `GET /deals?count=true`: the seed shows a bare number (`142`); the notes could not confirm the
 * literal shape, so `{"count": 142}` is read too.
 */
export const HsCountResponse = z
  .union([z.number().int().min(0), z.looseObject({ count: z.number().int().min(0) })])
  .transform((body) => (typeof body === 'number' ? body : body.count));
