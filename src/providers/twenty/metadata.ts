import { formatIssuePath } from '../../http';
import { type FieldMeta, FieldMetaSchema, type ObjectMeta, ObjectMetaSchema, type OptionMeta } from './schemas';
import { toTwentyField, type TwentyField } from './fields';

/** Which taskTarget column links a task to an opportunity: `targetOpportunityId` (newest) or `opportunityId`. */
export type LinkColumn = 'targetOpportunityId' | 'opportunityId';

/** What the provider learns from `/rest/metadata`: enough to build the pipeline, the fields and the task links. */
export interface TwentyMetadata {
  /** False when the key may not read metadata (403): stages are then inferred from records. */
  available: boolean;
  /** "Opportunities", or what the workspace renamed the object to. */
  pipelineName: string;
  /** The `stage` SELECT options in `position` order. */
  stageOptions: OptionMeta[];
  /** Custom fields of opportunity, in the order metadata lists them. */
  fields: TwentyField[];
  /** Whether opportunity has the newest builds' `owner` relation (`ownerId`). Unknown without metadata. */
  hasOwner: boolean | undefined;
  /** Unknown without metadata: then it is found by trying. */
  linkColumn: LinkColumn | undefined;
  /** Whether task still has the older plain-text `body` beside `bodyV2` (kept in step when writing). */
  taskHasPlainBody: boolean;
}

export const DEFAULT_PIPELINE_NAME = 'Opportunities';

export function unavailableMetadata(): TwentyMetadata {
  return {
    available: false,
    pipelineName: DEFAULT_PIPELINE_NAME,
    stageOptions: [],
    fields: [],
    hasOwner: undefined,
    linkColumn: undefined,
    taskHasPlainBody: false,
  };
}

/** A part of the metadata that did not parse: the path names it from the response's root. */
export class MetadataShapeError extends Error {
  constructor(readonly issuePath: string, readonly detail: string | undefined) {
    super(`unexpected metadata at ${issuePath}`);
  }
}

/** Parses one object in full, reporting a problem with its path inside the list it came from. */
export function parseObject(raw: unknown, pathPrefix: (string | number)[]): ObjectMeta {
  const parsed = ObjectMetaSchema.safeParse(raw);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  throw new MetadataShapeError(formatIssuePath([...pathPrefix, ...(issue?.path ?? [])]), issue?.message);
}

export function parseField(raw: unknown, path: (string | number)[]): FieldMeta {
  const parsed = FieldMetaSchema.safeParse(raw);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  throw new MetadataShapeError(formatIssuePath([...path, ...(issue?.path ?? [])]), issue?.message);
}

export function parseFields(raw: readonly unknown[], pathPrefix: (string | number)[]): FieldMeta[] {
  return raw.map((field, index) => parseField(field, [...pathPrefix, index]));
}

/** The stage options sorted by `position`, then by their listed order. */
export function sortOptions(options: readonly OptionMeta[]): OptionMeta[] {
  return options
    .map((option, index) => ({ option, index }))
    .sort((a, b) => (a.option.position ?? a.index) - (b.option.position ?? b.index) || a.index - b.index)
    .map(({ option }) => option);
}

/** Newest builds link through the MORPH relation `targetOpportunity`; older ones through `opportunity`. */
export function linkColumnOf(taskTargetFields: readonly FieldMeta[] | undefined): LinkColumn | undefined {
  if (!taskTargetFields?.length) return undefined;
  const names = new Set(taskTargetFields.map((f) => f.name));
  if (names.has('targetOpportunity') || names.has('targetOpportunityId')) return 'targetOpportunityId';
  if (names.has('opportunity') || names.has('opportunityId')) return 'opportunityId';
  return undefined;
}

export interface MetadataParts {
  opportunity: ObjectMeta;
  opportunityFields: FieldMeta[];
  taskFields?: FieldMeta[];
  taskTargetFields?: FieldMeta[];
}

export function toMetadata(parts: MetadataParts): TwentyMetadata {
  const { opportunity, opportunityFields } = parts;
  const stage = opportunityFields.find((f) => f.name === 'stage' && (f.type === 'SELECT' || Array.isArray(f.options)));
  return {
    available: true,
    pipelineName: opportunity.labelPlural?.trim() || DEFAULT_PIPELINE_NAME,
    stageOptions: sortOptions(stage?.options ?? []),
    fields: opportunityFields.map(toTwentyField).filter((f): f is TwentyField => f !== undefined),
    hasOwner: opportunityFields.some((f) => f.name === 'owner' || f.name === 'ownerId'),
    linkColumn: linkColumnOf(parts.taskTargetFields),
    taskHasPlainBody: (parts.taskFields ?? []).some((f) => f.name === 'body' && f.isActive !== false),
  };
}
