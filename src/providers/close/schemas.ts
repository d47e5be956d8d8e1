import { z } from 'zod';

/**
 * Close API v1 payloads. Loose objects: Close adds fields over time and we keep every key for
 * "All fields"; strict on the keys we read, so a changed type is a badResponse naming the path.
 */

const text = z.string().nullish();

/** `{data, has_more}`; `has_more` is optional because `/pipeline/` may not send it [UNCONFIRMED]. */
export function listOf<T extends z.ZodType>(item: T) {
  return z.looseObject({ data: z.array(item), has_more: z.boolean().optional() });
}

export const MeSchema = z.looseObject({
  id: z.string(),
  first_name: text,
  last_name: text,
  email: text,
  organization_id: text,
  organizations: z.array(z.looseObject({ id: z.string(), name: text })).nullish(),
});
export type CloseMe = z.infer<typeof MeSchema>;

export const UserSchema = z.looseObject({
  id: z.string(),
  first_name: text,
  last_name: text,
  email: text,
  display_name: text,
});
export type CloseUser = z.infer<typeof UserSchema>;

export const OrganizationSchema = z.looseObject({ id: z.string(), name: text, currency: text });

export const StatusSchema = z.looseObject({ id: z.string().min(1), label: z.string(), type: z.string() });
export type CloseStatus = z.infer<typeof StatusSchema>;

export const PipelineSchema = z.looseObject({
  id: z.string().min(1),
  name: z.string(),
  statuses: z.array(StatusSchema),
});
export type ClosePipeline = z.infer<typeof PipelineSchema>;

export const OpportunitySchema = z.looseObject({
  id: z.string().min(1),
  organization_id: text,
  lead_id: text,
  lead_name: text,
  pipeline_id: text,
  status_id: z.string().min(1),
  status_label: text,
  status_type: text,
  /** Integer cents. */
  value: z.number().int().nullish(),
  value_currency: text,
  value_period: text,
  confidence: z.number().nullish(),
  note: text,
  date_won: text,
  user_id: text,
  user_name: text,
  contact_id: text,
  contact_name: text,
  date_created: text,
  date_updated: text,
});
export type CloseOpportunity = z.infer<typeof OpportunitySchema>;

/** Aggregates over every match, documented in the list description (not in the OpenAPI schema). */
const aggregate = z.number().nullish();
export const OpportunityListSchema = listOf(OpportunitySchema).extend({
  total_results: z.number().int().nullish(),
  total_value_one_time: aggregate,
  total_value_monthly: aggregate,
  total_value_annual: aggregate,
  total_value_annualized: aggregate,
});
export type CloseOpportunityList = z.infer<typeof OpportunityListSchema>;

export const CustomFieldSchema = z.looseObject({
  id: z.string().min(1),
  name: z.string(),
  type: z.string(),
  description: text,
  choices: z.array(z.string()).nullish(),
  accepts_multiple_values: z.boolean().nullish(),
  editable_with_roles: z.array(z.unknown()).nullish(),
  is_shared: z.boolean().nullish(),
});
export type CloseCustomField = z.infer<typeof CustomFieldSchema>;

/** `/custom_field_schema/opportunity/` gives `{fields: [...]}`; `{data: [...]}` is accepted too. */
export const CustomFieldSchemaResponse = z
  .looseObject({ fields: z.array(CustomFieldSchema).optional(), data: z.array(CustomFieldSchema).optional() })
  .refine((r) => r.fields !== undefined || r.data !== undefined, { message: 'expected a fields list', path: ['fields'] });

export const TaskSchema = z.looseObject({
  id: z.string().min(1),
  _type: z.string(),
  text: text,
  /** A date `YYYY-MM-DD` or an ISO datetime. */
  date: text,
  is_complete: z.boolean(),
  is_dateless: z.boolean().nullish(),
  assigned_to: text,
  assigned_to_name: text,
  lead_id: text,
  lead_name: text,
  object_type: text,
  object_id: text,
  opportunity_value_formatted: text,
  date_created: text,
});
export type CloseTask = z.infer<typeof TaskSchema>;

export const ContactSchema = z.looseObject({ id: z.string(), name: text, display_name: text });

/** A 2xx whose body we do not read (DELETE). */
export const AnyBody = z.unknown();
