import { z } from 'zod';
import { DealSchema, FieldDefSchema, PersonRefSchema, PipelineSchema, TaskSchema } from '../../model';

/**
 * The Sample CRM's data file. It lives on the user's disk and may have been edited or truncated,
 * so it is a boundary: validated on every load, never trusted.
 */
export const SAMPLE_FILE_FORMAT = 'crm-pipelines/sample-crm';
export const SAMPLE_FILE_VERSION = 1;

const isoInstant = z.string().refine((s) => !Number.isNaN(Date.parse(s)), 'an ISO date-time');

/** A deal as stored: the model's deal plus attributes the model does not map (shown in "All fields"). */
export const StoredDealSchema = DealSchema.omit({ webUrl: true, locked: true }).extend({
  pipelineId: z.string().min(1),
  stageId: z.string().min(1),
  createdAt: isoInstant,
  updatedAt: isoInstant,
  /** How the record entered the CRM (web form, import…), unlike the "Lead source" custom field. */
  source: z.string(),
  lastActivityAt: isoInstant.optional(),
});
export type StoredDeal = z.infer<typeof StoredDealSchema>;

export const StoredTaskSchema = TaskSchema.extend({
  dealId: z.string().min(1),
  createdAt: isoInstant,
});
export type StoredTask = z.infer<typeof StoredTaskSchema>;

export const SampleDataSchema = z
  .object({
    format: z.literal(SAMPLE_FILE_FORMAT),
    version: z.literal(SAMPLE_FILE_VERSION),
    seed: z.number().int(),
    /** The day the data was generated: its dates are relative to it and never drift. */
    generatedOn: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
    users: z.array(PersonRefSchema),
    pipelines: z.array(PipelineSchema).min(1),
    fields: z.array(FieldDefSchema),
    deals: z.array(StoredDealSchema),
    tasks: z.array(StoredTaskSchema),
  })
  .superRefine((data, ctx) => {
    const stageIds = new Set(data.pipelines.flatMap((p) => p.stages.map((s) => `${p.id}/${s.id}`)));
    const dealIds = new Set<string>();
    data.deals.forEach((deal, index) => {
      if (dealIds.has(deal.id)) ctx.addIssue({ code: 'custom', path: ['deals', index, 'id'], message: `duplicate deal id ${deal.id}` });
      dealIds.add(deal.id);
      if (!stageIds.has(`${deal.pipelineId}/${deal.stageId}`)) {
        ctx.addIssue({ code: 'custom', path: ['deals', index, 'stageId'], message: `no stage ${deal.stageId} in ${deal.pipelineId}` });
      }
    });
    data.tasks.forEach((task, index) => {
      if (!dealIds.has(task.dealId)) {
        ctx.addIssue({ code: 'custom', path: ['tasks', index, 'dealId'], message: `no deal ${task.dealId}` });
      }
    });
  });
export type SampleData = z.infer<typeof SampleDataSchema>;
