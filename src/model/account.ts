import { z } from 'zod';

export const ProviderIdSchema = z.enum(['sample', 'close', 'activecampaign', 'twenty', 'spott', 'hindsight']);
export type ProviderId = z.infer<typeof ProviderIdSchema>;

/**
 * One entry of the `crmPipelines.accounts` setting. Non-secret by design: the API key lives in
 * SecretStorage under `id` and never appears here.
 */
export const AccountSchema = z.object({
  id: z.string().regex(/^[A-Za-z0-9][\w.-]{0,63}$/, 'id must be 1-64 letters, digits, "-", "_" or "."'),
  provider: ProviderIdSchema,
  label: z.string().trim().min(1, 'label must not be empty').max(100),
  baseUrl: z.url({ protocol: /^https?$/ }).optional(),
  /** For CRMs whose stages carry no outcome: stage value → won/lost, kept locally. */
  stageOutcomes: z.record(z.string(), z.enum(['won', 'lost'])).optional(),
});
export type Account = z.infer<typeof AccountSchema>;

/** A settings entry that did not validate: shown as one error node, the others still load. */
export interface InvalidAccountEntry {
  index: number;
  /** The entry's label or id when it has one, to name it in the error. */
  name: string;
  problem: string;
}
