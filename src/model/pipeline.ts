import { z } from 'zod';

/** open/won/lost; `unknown` where the CRM does not say and the user has not mapped it. */
export const OutcomeSchema = z.enum(['open', 'won', 'lost', 'unknown']);
export type Outcome = z.infer<typeof OutcomeSchema>;

export const StageSchema = z.object({
  id: z.string().min(1),
  pipelineId: z.string().min(1),
  name: z.string(),
  order: z.number(),
  outcome: OutcomeSchema,
  /** 0-100 where the CRM gives one, for weighted totals. */
  probability: z.number().min(0).max(100).optional(),
  /** A CSS colour or a CRM colour name (Twenty), shown as a swatch. */
  color: z.string().optional(),
});
export type Stage = z.infer<typeof StageSchema>;

export const PipelineSchema = z.object({
  id: z.string().min(1),
  name: z.string(),
  order: z.number(),
  /** Stages in the CRM's order. */
  stages: z.array(StageSchema),
  /** Set when the stages could only be inferred (e.g. a key that may not read metadata). */
  note: z.string().optional(),
});
export type Pipeline = z.infer<typeof PipelineSchema>;
