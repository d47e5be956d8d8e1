import { z } from 'zod';
import { MoneySchema } from './money';

export const FieldKindSchema = z.enum([
  'text', 'textarea', 'number', 'money', 'percent', 'date', 'datetime', 'boolean', 'select',
  'multiselect', 'user', 'url', 'email', 'phone', 'reference', 'unknown',
]);
export type FieldKind = z.infer<typeof FieldKindSchema>;

export const FieldOptionSchema = z.object({
  value: z.string(),
  label: z.string(),
  color: z.string().optional(),
});
export type FieldOption = z.infer<typeof FieldOptionSchema>;

/** A custom field definition, in the CRM's order. `key` is what the CRM's write expects. */
export const FieldDefSchema = z.object({
  key: z.string().min(1),
  label: z.string(),
  kind: FieldKindSchema,
  options: z.array(FieldOptionSchema).optional(),
  required: z.boolean().optional(),
  writable: z.boolean(),
  /** Why a field is read-only, in words a user understands. */
  reason: z.string().optional(),
  description: z.string().optional(),
});
export type FieldDef = z.infer<typeof FieldDefSchema>;

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date is YYYY-MM-DD');
const isoInstant = z.string().refine((s) => !Number.isNaN(Date.parse(s)), 'an ISO date-time');

/** A field's value, tagged by kind so each editor knows how to read and write it. */
export const FieldValueSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('text'), value: z.string() }),
  z.object({ kind: z.literal('textarea'), value: z.string() }),
  z.object({ kind: z.literal('number'), value: z.string().regex(/^-?\d+(\.\d+)?$/) }),
  z.object({ kind: z.literal('money'), value: MoneySchema }),
  z.object({ kind: z.literal('percent'), value: z.string().regex(/^-?\d+(\.\d+)?$/) }),
  z.object({ kind: z.literal('date'), value: isoDate }),
  z.object({ kind: z.literal('datetime'), value: isoInstant }),
  z.object({ kind: z.literal('boolean'), value: z.boolean() }),
  z.object({ kind: z.literal('select'), value: z.string() }),
  z.object({ kind: z.literal('multiselect'), value: z.array(z.string()) }),
  z.object({ kind: z.literal('user'), value: z.object({ id: z.string(), name: z.string() }) }),
  z.object({ kind: z.literal('url'), value: z.string() }),
  z.object({ kind: z.literal('email'), value: z.string() }),
  z.object({ kind: z.literal('phone'), value: z.string() }),
  z.object({ kind: z.literal('reference'), value: z.object({ id: z.string(), name: z.string() }) }),
  z.object({ kind: z.literal('unknown'), value: z.unknown() }),
]);
export type FieldValue = z.infer<typeof FieldValueSchema>;
