import { z } from 'zod';

/**
 * Spott payloads (notes §2.4–2.6, seed 004). Objects are loose, so every key Spott sends is kept
 * for "All fields"; each key we read is typed, so a changed shape fails as a badResponse naming
 * its path. Every opportunity field comes in a "view-typed" wrapper, `{viewType, <key>: value}`;
 * some renders of the docs leave `viewType` out, so it is never required, and a bare value is
 * accepted too.
 */

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * A wrapped field: `{viewType?, [key]: inner}` (or the bare inner value) read as the inner value.
 * Issues keep the real path (`items[0].stage.stage.order`), so a badResponse points where Spott
 * sent the unexpected value.
 */
export function wrapped<T extends z.ZodType>(key: string, inner: T) {
  return z.unknown().transform((value, ctx): z.output<T> => {
    const isWrapper = isObject(value) && key in value;
    const payload = isWrapper ? value[key] : value;
    const parsed = inner.safeParse(payload);
    if (parsed.success) return parsed.data;
    for (const issue of parsed.error.issues) {
      ctx.addIssue({ ...(issue as z.core.$ZodRawIssue), path: isWrapper ? [key, ...issue.path] : issue.path });
    }
    return z.NEVER;
  });
}

const Text = z.string().nullable().optional();

export const SpottPersonSchema = z.looseObject({
  id: z.string().min(1),
  name: z.string().nullable().optional(),
  avatarUrl: Text,
  deactivatedAt: Text,
});
export type SpottPerson = z.infer<typeof SpottPersonSchema>;

export const SpottStageSchema = z.looseObject({
  id: z.string().min(1),
  name: z.string(),
  order: z.number(),
  isOpen: z.boolean(),
});
export type SpottStage = z.infer<typeof SpottStageSchema>;

const SpottCompanySchema = z.looseObject({ id: z.string().min(1), name: z.string().nullable().optional() });

const SpottClientContactSchema = z.looseObject({
  id: z.string().min(1),
  firstName: Text,
  lastName: Text,
  middleName: Text,
  secondLastName: Text,
  jobTitle: Text,
  companyName: Text,
});
export type SpottClientContact = z.infer<typeof SpottClientContactSchema>;

const SpottNextTaskSchema = z.looseObject({ id: z.string(), content: Text, dueDate: Text });

/** A custom attribute value: only `customText` is documented; any other variant is kept as it came. */
export const SpottAttributeValueSchema = z.union([
  z.looseObject({ viewType: z.literal('customText'), text: z.string().nullable().optional() }),
  z.looseObject({ viewType: z.string().optional() }),
]).nullable().optional();

export const SpottCustomAttributeSchema = z.looseObject({
  attributeDefinitionId: z.string().min(1),
  label: z.string().nullable().optional(),
  aiFillOngoing: z.boolean().nullable().optional(),
  aiOverridden: z.boolean().nullable().optional(),
  isFilledByAI: z.boolean().nullable().optional(),
  value: SpottAttributeValueSchema,
});
export type SpottCustomAttribute = z.infer<typeof SpottCustomAttributeSchema>;

export const SpottOpportunitySchema = z.looseObject({
  id: z.string().min(1),
  name: wrapped('name', z.string()),
  description: wrapped('description', z.string().nullable().optional()).optional(),
  stage: wrapped('stage', SpottStageSchema),
  company: wrapped('company', SpottCompanySchema.nullable().optional()).optional(),
  owner: wrapped('owner', SpottPersonSchema.nullable().optional()).optional(),
  closeDate: wrapped('closeDate', z.looseObject({ target: z.string().nullable().optional() }).nullable().optional()).optional(),
  createdAt: wrapped('createdAt', z.string().nullable().optional()).optional(),
  clientTeam: wrapped('clientTeam', z.array(SpottClientContactSchema).nullable().optional()).optional(),
  nextTaskDue: wrapped('nextTaskDue', SpottNextTaskSchema.nullable().optional()).optional(),
  /** Not documented on opportunities (clients carry it); read when present, for edit conflicts. */
  modifiedAt: Text,
  updatedAt: Text,
  /** Only on GET one. */
  customAttributes: z.array(SpottCustomAttributeSchema).nullable().optional(),
});
export type SpottOpportunity = z.infer<typeof SpottOpportunitySchema>;

/**
 * Both list envelopes: `pageInfo {nextCursor, hasNextPage}` (the docs) and `pagination {cursor,
 * hasMore}` (the seed). One of them must be there: a list without either cannot be paged safely.
 */
function listOf<T extends z.ZodType>(item: T) {
  return z
    .looseObject({
      items: z.array(item),
      pageInfo: z.looseObject({ nextCursor: z.string().nullable().optional(), hasNextPage: z.boolean() }).optional(),
      pagination: z.looseObject({ cursor: z.string().nullable().optional(), hasMore: z.boolean() }).optional(),
    })
    .superRefine((list, ctx) => {
      if (!list.pageInfo && !list.pagination) {
        ctx.addIssue({ code: 'custom', path: ['pageInfo'], message: 'neither pageInfo nor pagination was sent' });
      }
    });
}

export const SpottOpportunityList = listOf(SpottOpportunitySchema);
export type SpottOpportunityPage = z.infer<typeof SpottOpportunityList>;

const LinkList = z.array(z.looseObject({ id: z.string() })).nullable().optional();

export const SpottTaskSchema = z.looseObject({
  id: z.string().min(1),
  content: z.string().nullable(),
  dueDate: Text,
  isCompleted: z.boolean().nullable().optional(),
  completedAt: Text,
  createdAt: Text,
  createdBy: SpottPersonSchema.nullable().optional(),
  assignedTo: SpottPersonSchema.nullable().optional(),
  links: z
    .looseObject({
      opportunities: LinkList,
      candidates: LinkList,
      vacancies: LinkList,
      clients: LinkList,
      users: LinkList,
      teams: LinkList,
      clientContacts: LinkList,
    })
    .nullable()
    .optional(),
});
export type SpottTask = z.infer<typeof SpottTaskSchema>;

export const SpottTaskList = listOf(SpottTaskSchema);
export type SpottTaskPage = z.infer<typeof SpottTaskList>;

/** PATCH answers are undocumented (a status object, the opportunity, or nothing): anything goes. */
export const SpottAnyResponse = z.unknown();
