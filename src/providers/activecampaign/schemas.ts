import { z } from 'zod';

/**
 * ActiveCampaign v3 payloads. Objects are loose (every key the API sends is kept, for "All
 * fields"), but each key we read is typed, so a changed shape fails as a badResponse naming the
 * path. AC sends numbers as strings on GET and as numbers in POST/PUT echoes, so numeric keys
 * accept both and are normalised in map.ts.
 */

/** An id: a numeric string on GET, sometimes a number in echoes. */
export const AcId = z.union([z.string().min(1), z.number()]);
/** A number as AC sends it: `"50"` on GET, `50` in echoes, or null. */
const NumberLike = z.union([z.string(), z.number()]).nullable().optional();
const Text = z.string().nullable().optional();
const Flag = z.union([z.string(), z.number(), z.boolean()]).nullable().optional();

/** `meta.total` is a string in some responses and a number in others. */
const Total = z.union([z.string().regex(/^\d+$/), z.number().int().min(0)]);

export const AcCurrencyTotalSchema = z.looseObject({
  currency: z.string().optional(),
  /** Number of deals, as a string. */
  total: NumberLike,
  /** Sum in cents, as a string. */
  value: z.union([z.string().regex(/^-?\d+$/), z.number().int()]),
});

export const AcMetaSchema = z.looseObject({
  total: Total.optional(),
  /** Keyed by upper-case currency; an empty `[]` when nothing is summed. */
  currencies: z.union([z.array(z.unknown()), z.record(z.string(), AcCurrencyTotalSchema)]).optional(),
});
export type AcMeta = z.infer<typeof AcMetaSchema>;

export const AcUserSchema = z.looseObject({
  id: AcId,
  username: Text,
  firstName: Text,
  lastName: Text,
  email: Text,
});
export type AcUser = z.infer<typeof AcUserSchema>;

export const AcUserMeResponse = z.looseObject({ user: AcUserSchema });
export const AcUsersResponse = z.looseObject({ users: z.array(AcUserSchema), meta: AcMetaSchema.optional() });

export const AcStageSchema = z.looseObject({
  id: AcId,
  title: z.string(),
  group: AcId,
  order: NumberLike,
  color: Text,
});
export type AcStage = z.infer<typeof AcStageSchema>;

export const AcPipelineSchema = z.looseObject({
  id: AcId,
  title: z.string(),
  currency: Text,
  /** Stage ids in order. */
  stages: z.array(AcId).nullable().optional(),
});
export type AcPipeline = z.infer<typeof AcPipelineSchema>;

export const AcPipelinesResponse = z.looseObject({
  dealGroups: z.array(AcPipelineSchema),
  dealStages: z.array(AcStageSchema).optional(),
  meta: AcMetaSchema.optional(),
});
export const AcStagesResponse = z.looseObject({ dealStages: z.array(AcStageSchema), meta: AcMetaSchema.optional() });

/** A deal the key may see but not read: AC sends only these three keys. */
const AcLockedDealSchema = z.looseObject({
  id: AcId,
  title: z.string().nullable().optional(),
  isDisabled: z.literal(true),
});

const AcOpenDealSchema = z.looseObject({
  id: AcId,
  title: z.string().nullable(),
  isDisabled: z.literal(false).optional(),
  description: Text,
  value: NumberLike,
  currency: Text,
  group: AcId.nullable().optional(),
  stage: AcId.nullable().optional(),
  owner: AcId.nullable().optional(),
  contact: AcId.nullable().optional(),
  account: AcId.nullable().optional(),
  customerAccount: AcId.nullable().optional(),
  organization: AcId.nullable().optional(),
  status: NumberLike,
  percent: NumberLike,
  cdate: Text,
  mdate: Text,
});

export const AcDealSchema = z.union([AcLockedDealSchema, AcOpenDealSchema]);
export type AcDeal = z.infer<typeof AcDealSchema>;
export type AcOpenDeal = z.infer<typeof AcOpenDealSchema>;

/** Side-loaded records that may name a deal's contact or company. */
const AcContactSchema = z.looseObject({ id: AcId, firstName: Text, lastName: Text, email: Text });
export type AcContact = z.infer<typeof AcContactSchema>;
const AcAccountSchema = z.looseObject({ id: AcId, name: Text });
export type AcAccount = z.infer<typeof AcAccountSchema>;

const SideLoads = {
  contacts: z.array(AcContactSchema).optional(),
  accounts: z.array(AcAccountSchema).optional(),
};

export const AcDealsResponse = z.looseObject({ deals: z.array(AcDealSchema), meta: AcMetaSchema.optional(), ...SideLoads });
export const AcDealResponse = z.looseObject({ deal: AcDealSchema, ...SideLoads });
export type AcDealEnvelope = z.infer<typeof AcDealResponse>;

export const AcContactResponse = z.looseObject({ contact: AcContactSchema });
export const AcAccountResponse = z.looseObject({ account: AcAccountSchema });

export const AcFieldMetaSchema = z.looseObject({
  id: AcId,
  fieldLabel: z.string(),
  fieldType: z.string(),
  fieldOptions: z.array(z.union([z.string(), z.number()])).nullable().optional(),
  fieldDefaultCurrency: Text,
  isRequired: Flag,
  hideFieldFlag: Flag,
});
export type AcFieldMeta = z.infer<typeof AcFieldMetaSchema>;
export const AcFieldMetaResponse = z.looseObject({ dealCustomFieldMeta: z.array(AcFieldMetaSchema) });

/** A value: text, a number, `||a||b||`, or an array for multiselect/checkbox (the GET form is unconfirmed). */
const FieldValueRaw = z.union([z.string(), z.number(), z.boolean(), z.array(z.union([z.string(), z.number()]))]).nullable();

export const AcFieldDatumSchema = z.looseObject({
  id: AcId,
  /** AC sends both keys, with the same id; older records may carry only one. */
  customFieldId: AcId.optional(),
  dealCustomFieldMetumId: AcId.optional(),
  dealId: AcId.optional(),
  fieldValue: FieldValueRaw.optional(),
  fieldCurrency: Text,
});
export type AcFieldDatum = z.infer<typeof AcFieldDatumSchema>;
export const AcFieldDataResponse = z.looseObject({ dealCustomFieldData: z.array(AcFieldDatumSchema), meta: AcMetaSchema.optional() });
export const AcFieldDatumResponse = z.looseObject({ dealCustomFieldDatum: AcFieldDatumSchema });

export const AcTaskSchema = z.looseObject({
  id: AcId,
  title: Text,
  note: Text,
  duedate: Text,
  /** An int in lists, a string in single GETs and echoes. */
  status: NumberLike,
  relid: AcId.nullable().optional(),
  reltype: Text,
  dealTasktype: AcId.nullable().optional(),
  assignee: AcId.nullable().optional(),
});
export type AcTask = z.infer<typeof AcTaskSchema>;
export const AcTasksResponse = z.looseObject({ dealTasks: z.array(AcTaskSchema), meta: AcMetaSchema.optional() });
export const AcTaskResponse = z.looseObject({ dealTask: AcTaskSchema });

export const AcTaskTypeSchema = z.looseObject({ id: AcId, title: z.string() });
export type AcTaskType = z.infer<typeof AcTaskTypeSchema>;
export const AcTaskTypesResponse = z.looseObject({ dealTasktypes: z.array(AcTaskTypeSchema), meta: AcMetaSchema.optional() });

/** DELETE answers vary (`{}`, `{"message": …}`, empty); anything is accepted. */
export const AcAnyResponse = z.unknown();
