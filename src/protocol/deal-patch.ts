import { z } from 'zod';
import { DueSchema, FieldValueSchema, MoneySchema, OutcomeSchema } from '../model';

/** A DealPatch as it crosses the webview boundary: every key optional, `null` clears. */
export const DealPatchSchema = z.object({
  name: z.string().max(1000).optional(),
  stageId: z.string().min(1).optional(),
  amount: MoneySchema.nullable().optional(),
  amountPeriod: z.enum(['one_time', 'monthly', 'annual']).optional(),
  expectedClose: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).nullable().optional(),
  ownerId: z.string().nullable().optional(),
  outcome: OutcomeSchema.exclude(['unknown']).optional(),
  probability: z.number().min(0).max(100).nullable().optional(),
  description: z.string().max(100_000).nullable().optional(),
  custom: z.record(z.string(), FieldValueSchema.nullable()).optional(),
}).strict();

export const TaskInputSchema = z.object({
  title: z.string().trim().min(1).max(1000),
  due: DueSchema.optional(),
  body: z.string().max(100_000).optional(),
}).strict();

export const TaskPatchSchema = z.object({
  title: z.string().trim().min(1).max(1000).optional(),
  due: DueSchema.nullable().optional(),
  done: z.boolean().optional(),
  body: z.string().max(100_000).nullable().optional(),
}).strict();
