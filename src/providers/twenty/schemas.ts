import { z } from 'zod';

/**
 * Twenty REST payloads. Objects are loose (every key is kept for "All fields" and custom fields,
 * which are top-level keys), but each key we read is typed, so a changed shape fails as a
 * badResponse naming the path. Where the real server and the notes differ, both are accepted.
 */

const Text = z.string().nullable().optional();
const RefId = z.string().nullable().optional();

/** `amountMicros`: a numeric string on the real server (mid-2025), a number in newer builds and the docs. */
export const MicrosSchema = z.union([z.string().regex(/^-?\d+(\.0*)?$/, 'micros must be a whole number'), z.number()]).nullable().optional();

export const CurrencySchema = z.looseObject({ amountMicros: MicrosSchema, currencyCode: Text });
export type TwentyCurrency = z.infer<typeof CurrencySchema>;

/** FULL_NAME; some objects name themselves with a plain TEXT `name` instead. */
export const FullNameSchema = z.looseObject({ firstName: Text, lastName: Text });
const NameSchema = z.union([z.string(), FullNameSchema]).nullable().optional();

const EmbeddedSchema = z.looseObject({ id: z.string(), name: NameSchema });

export const PageInfoSchema = z.looseObject({
  hasNextPage: z.boolean().optional(),
  hasPreviousPage: z.boolean().optional(),
  startCursor: z.string().nullable().optional(),
  endCursor: z.string().nullable().optional(),
});
export type PageInfo = z.infer<typeof PageInfoSchema>;

const TotalCount = z.number().int().min(0).optional();

export const OpportunitySchema = z.looseObject({
  id: z.string().min(1),
  name: Text,
  amount: CurrencySchema.nullable().optional(),
  closeDate: Text,
  stage: Text,
  position: z.number().nullable().optional(),
  createdAt: Text,
  updatedAt: Text,
  deletedAt: Text,
  companyId: RefId,
  pointOfContactId: RefId,
  /** Newest builds only. */
  ownerId: RefId,
  /** Deprecated TEXT, older workspaces only. */
  probability: z.union([z.string(), z.number()]).nullable().optional(),
  /** Embedded at depth 1. */
  company: EmbeddedSchema.nullable().optional(),
  pointOfContact: EmbeddedSchema.nullable().optional(),
  owner: EmbeddedSchema.nullable().optional(),
});
export type TwentyOpportunity = z.infer<typeof OpportunitySchema>;

export const OpportunitiesResponse = z.looseObject({
  data: z.looseObject({ opportunities: z.array(OpportunitySchema) }),
  pageInfo: PageInfoSchema.optional(),
  totalCount: TotalCount,
});

export const OpportunityResponse = z.looseObject({ data: z.looseObject({ opportunity: OpportunitySchema }) });

/** `data.updateOpportunity` as every build documents; `data.opportunity` accepted too. Checked in the client. */
export const OpportunityUpdateResponse = z.looseObject({
  data: z.looseObject({ updateOpportunity: OpportunitySchema.optional(), opportunity: OpportunitySchema.optional() }),
});

export const MemberSchema = z.looseObject({ id: z.string().min(1), name: NameSchema, userEmail: Text });
export type TwentyMember = z.infer<typeof MemberSchema>;
export const MembersResponse = z.looseObject({
  data: z.looseObject({ workspaceMembers: z.array(MemberSchema) }),
  pageInfo: PageInfoSchema.optional(),
  totalCount: TotalCount,
});

export const TaskSchema = z.looseObject({
  id: z.string().min(1),
  title: Text,
  /** RICH_TEXT_V2; the server fills `blocknote` from `markdown`. */
  bodyV2: z.looseObject({ blocknote: Text, markdown: Text }).nullable().optional(),
  /** The older plain-text body (RICH_TEXT), still sent beside `bodyV2` by mid-2025 servers. */
  body: z.unknown().optional(),
  dueAt: Text,
  status: Text,
  assigneeId: RefId,
  createdAt: Text,
  updatedAt: Text,
});
export type TwentyTask = z.infer<typeof TaskSchema>;

export const TasksResponse = z.looseObject({
  data: z.looseObject({ tasks: z.array(TaskSchema) }),
  pageInfo: PageInfoSchema.optional(),
  totalCount: TotalCount,
});

export const TaskTargetSchema = z.looseObject({
  id: z.string().min(1),
  taskId: RefId,
  /** Embedded at depth 1; null when the task was deleted. */
  task: TaskSchema.nullable().optional(),
  opportunityId: RefId,
  targetOpportunityId: RefId,
});
export type TwentyTaskTarget = z.infer<typeof TaskTargetSchema>;

export const TaskTargetsResponse = z.looseObject({
  data: z.looseObject({ taskTargets: z.array(TaskTargetSchema) }),
  pageInfo: PageInfoSchema.optional(),
  totalCount: TotalCount,
});

/** A task at depth 1: its links to records embedded (ids only), for the opportunity it is about. */
export const TaskWithTargetsSchema = TaskSchema.extend({
  taskTargets: z.array(z.looseObject({ id: z.string().min(1), opportunityId: RefId, targetOpportunityId: RefId })).optional(),
});
export type TwentyTaskWithTargets = z.infer<typeof TaskWithTargetsSchema>;

export const TasksWithTargetsResponse = z.looseObject({
  data: z.looseObject({ tasks: z.array(TaskWithTargetsSchema) }),
  pageInfo: PageInfoSchema.optional(),
  totalCount: TotalCount,
});

export const TaskCreateResponse = z.looseObject({ data: z.looseObject({ createTask: TaskSchema }) });
export const TaskUpdateResponse = z.looseObject({ data: z.looseObject({ updateTask: TaskSchema }) });
export const TaskTargetCreateResponse = z.looseObject({ data: z.looseObject({ createTaskTarget: z.looseObject({ id: z.string().min(1) }) }) });

/** DELETE answers `{data: {deleteTask: {id}}}` [UNCONFIRMED]; anything is accepted. */
export const AnyResponse = z.unknown();

/* Metadata */

export const OptionMetaSchema = z.looseObject({
  id: z.string().optional(),
  value: z.string(),
  label: Text,
  position: z.number().nullable().optional(),
  color: Text,
});
export type OptionMeta = z.infer<typeof OptionMetaSchema>;

export const FieldMetaSchema = z.looseObject({
  id: z.string().optional(),
  name: z.string().min(1),
  label: Text,
  type: z.string().min(1),
  description: Text,
  /** Legacy format only; the newest DTO has no `isCustom`. */
  isCustom: z.boolean().nullable().optional(),
  isActive: z.boolean().nullable().optional(),
  isSystem: z.boolean().nullable().optional(),
  isNullable: z.boolean().nullable().optional(),
  /** Newest DTO only. */
  isUIReadOnly: z.boolean().nullable().optional(),
  objectMetadataId: z.string().optional(),
  options: z.array(OptionMetaSchema).nullable().optional(),
  relation: z
    .looseObject({
      type: z.string().optional(),
      targetObjectMetadata: z.looseObject({ nameSingular: z.string().optional() }).nullable().optional(),
    })
    .nullable()
    .optional(),
});
export type FieldMeta = z.infer<typeof FieldMetaSchema>;

export const ObjectMetaSchema = z.looseObject({
  id: z.string().min(1),
  nameSingular: z.string().min(1),
  namePlural: z.string().optional(),
  labelSingular: Text,
  labelPlural: Text,
  isActive: z.boolean().nullable().optional(),
  fields: z.array(FieldMetaSchema).optional(),
});
export type ObjectMeta = z.infer<typeof ObjectMetaSchema>;

/** Only what identifies an object: the ones the provider uses are parsed in full later, so one odd object elsewhere breaks nothing. */
const ObjectHeadSchema = z.looseObject({ id: z.string().min(1), nameSingular: z.string().min(1) });

/** Legacy `{data: {objects: […]}, pageInfo}` (no `totalCount` on the real server) or new `{data: […], pageInfo, totalCount}`. */
export const ObjectsResponse = z.looseObject({
  data: z.union([z.array(ObjectHeadSchema), z.looseObject({ objects: z.array(ObjectHeadSchema) })]),
  pageInfo: PageInfoSchema.optional(),
  totalCount: TotalCount,
});

const FieldHeadSchema = z.looseObject({ name: z.string().min(1), objectMetadataId: z.string().optional() });

/** Legacy `{data: {fields: […]}}` or new `{data: […]}`. */
export const FieldsResponse = z.looseObject({
  data: z.union([z.array(FieldHeadSchema), z.looseObject({ fields: z.array(FieldHeadSchema) })]),
  pageInfo: PageInfoSchema.optional(),
  totalCount: TotalCount,
});
