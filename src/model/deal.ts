import { z } from 'zod';
import { MoneySchema } from './money';
import { OutcomeSchema } from './pipeline';
import { FieldValueSchema } from './fields';

export const PersonRefSchema = z.object({ id: z.string(), name: z.string() });
export type PersonRef = z.infer<typeof PersonRefSchema>;

export const DealSchema = z.object({
  id: z.string().min(1),
  name: z.string(),
  pipelineId: z.string().optional(),
  stageId: z.string().optional(),
  amount: MoneySchema.optional(),
  /** Close's value_period: shown as "$1,200 / month". */
  amountPeriod: z.enum(['one_time', 'monthly', 'annual']).optional(),
  owner: PersonRefSchema.optional(),
  company: PersonRefSchema.optional(),
  contact: PersonRefSchema.optional(),
  /** Expected close as YYYY-MM-DD. */
  expectedClose: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional(),
  outcome: OutcomeSchema,
  probability: z.number().min(0).max(100).optional(),
  description: z.string().optional(),
  createdAt: z.string().optional(),
  /** The version an edit is based on: compared before writing to catch concurrent changes. */
  updatedAt: z.string().optional(),
  webUrl: z.string().optional(),
  /** Set when the key may see that the deal exists but not its contents (ActiveCampaign). */
  locked: z.string().optional(),
  /** Custom field values by FieldDef.key; a missing key means the field is empty. */
  custom: z.record(z.string(), FieldValueSchema).default({}),
});
export type Deal = z.infer<typeof DealSchema>;
