import type { SeededFakeOptions } from '../kit/fake-options';
import type { ConnectionFault, StatusFault } from '../kit/fault-kinds';

/**
 * The fake's records, kept as Twenty's REST API returns them (the real captures in
 * test/fixtures/twenty-real/ are the templates): composites as objects with every sub-field, money
 * as micros in a numeric string, instants as ISO strings, custom fields as top-level keys.
 */

export type Json = Record<string, unknown>;

export interface Actor {
  source: string;
  workspaceMemberId: string | null;
  name: string;
  context: Json;
}

export interface OpportunityRecord {
  id: string;
  name: string | null;
  amount: { amountMicros: string | null; currencyCode: string };
  closeDate: string | null;
  stage: string;
  position: number;
  createdBy: Actor;
  updatedBy: Actor;
  searchVector: string;
  createdAt: string;
  updatedAt: string;
  deletedAt: string | null;
  pointOfContactId: string | null;
  companyId: string | null;
  /** Served only when the fake has the newest builds' `owner` field. */
  ownerId: string | null;
  /** Custom field values by field name, in Twenty's stored form. */
  custom: Json;
}

export interface TaskRecord {
  id: string;
  position: number;
  title: string | null;
  /** The older plain-text body; served beside bodyV2 only by mid-2025 servers. */
  body: string | null;
  bodyV2: { blocknote: string | null; markdown: string | null };
  dueAt: string | null;
  status: string | null;
  assigneeId: string | null;
  createdBy: Actor;
  updatedBy: Actor;
  searchVector: string;
  createdAt: string;
  updatedAt: string;
  deletedAt: string | null;
}

export interface TaskTargetRecord {
  id: string;
  taskId: string | null;
  opportunityId: string | null;
  personId: string | null;
  companyId: string | null;
  createdAt: string;
  updatedAt: string;
  deletedAt: string | null;
}

/** A workspace member, a company or a person: kept whole as the captured records show them. */
export type RelatedRecord = Json & { id: string };

export interface StageOption {
  id: string;
  value: string;
  label: string;
  position: number;
  color: string;
}

/** A custom field of opportunity, in the legacy metadata form (as `createOneField` answered in the captures). */
export type FieldMetadata = Json & { id: string; name: string; type: string; label: string };

/** Everything the fake serves; tests read and change it directly. */
export interface FakeState {
  members: RelatedRecord[];
  companies: RelatedRecord[];
  people: RelatedRecord[];
  opportunities: OpportunityRecord[];
  tasks: TaskRecord[];
  taskTargets: TaskTargetRecord[];
  stageOptions: StageOption[];
  customFields: FieldMetadata[];
  /** Ids handed out so far per kind, for new records. */
  counters: Record<'task' | 'taskTarget', number>;
}

export type { RecordedRequest } from '../kit/recorded-request';

/** A failure to inject into the next matching request. */
export type Fault =
  /** An error status with Twenty's body for it (overridable); `message` is the text of `messages[0]`. */
  | (StatusFault<400 | 401 | 402 | 403 | 404 | 429 | 500 | 502 | 503> & {
      /** 429: `Retry-After` and `retryAfterSeconds`. Default 1. */
      retryAfterSeconds?: number;
    })
  | ConnectionFault;

export type { FaultMatch } from '../kit/fault-queue';

/**
 * How the fake behaves where Twenty builds differ. `captured` is the real mid-2025 server of the
 * captures (DIFFERENCES.md); `newest` is the newest code as the research notes describe it.
 */
export interface Flavor {
  /** Legacy `{data: {objects}}` or new `{data: [...]}` metadata. */
  metadataFormat: 'legacy' | 'new';
  /**
   * Where an object's fields come from: embedded in `/rest/metadata/objects` (both known builds),
   * only in `/objects/{id}`, or only in `/rest/metadata/fields` (each with `objectMetadataId`).
   */
  metadataFields: 'embedded' | 'one' | 'fieldsOnly';
  /** The taskTarget column linking a task to an opportunity. */
  taskTargetLink: 'opportunityId' | 'targetOpportunityId';
  /** `limit` is clamped to this; undefined: not clamped (and `limit=0` returns everything). */
  maxLimit: number | undefined;
  /** A missing record: 400 "Record not found" / EntityNotFoundError, or 404 NotFoundException. */
  notFoundStatus: 400 | 404;
  /** Opportunity has the `owner` relation (`ownerId`) and `updatedBy`. */
  withOwner: boolean;
  /** `amountMicros` as a numeric string (real server) or a number (docs, newest tests). */
  amountMicrosAs: 'string' | 'number';
  /** Highest `depth` accepted: 2 on the real server (and depth 2 times out), 1 on newest builds. */
  maxDepth: 1 | 2;
  /** Tasks still carry the older plain-text `body` beside `bodyV2`. */
  taskPlainBody: boolean;
}

export interface FakeOptions extends SeededFakeOptions {
  /** The key the fake accepts as `Authorization: Bearer <key>`. */
  apiKey?: string;
  /**
   * Options of the stage SELECT, over which the deals are then spread evenly:
   * `{deals: 10000, stages: 8}` is a pipeline of 10,000 deals in 8 stages. Default: the captured 5.
   */
  stages?: number;
  /** Shorthand for `rateLimit: {limit: ratePerSecond, windowMs: 1000}`. */
  ratePerSecond?: number;
  /** Shorthand for `rateLimit: {limit: ratePerMinute, windowMs: 60000}`. */
  ratePerMinute?: number;
  /** Requests accepted per window before 429 + Retry-After. Default Twenty's documented 100 per 60 s. */
  rateLimit?: { limit: number; windowMs: number };
  /** `captured` (default: the real server of the captures) or `newest`; single knobs below override it. */
  flavor?: 'captured' | 'newest';
  metadataFormat?: Flavor['metadataFormat'];
  metadataFields?: Flavor['metadataFields'];
  /** The metadata routes answer 403 (a key whose role lacks the Data Model permission). */
  metadataForbidden?: boolean;
  taskTargetLink?: Flavor['taskTargetLink'];
  maxLimit?: number | null;
  notFoundStatus?: Flavor['notFoundStatus'];
  withOwner?: boolean;
  amountMicrosAs?: Flavor['amountMicrosAs'];
  maxDepth?: Flavor['maxDepth'];
  taskPlainBody?: boolean;
  /** Seed the custom fields of opportunity (default true). */
  customFields?: boolean;
}

export const CAPTURED: Flavor = {
  metadataFormat: 'legacy',
  metadataFields: 'embedded',
  taskTargetLink: 'opportunityId',
  maxLimit: undefined,
  notFoundStatus: 400,
  withOwner: false,
  amountMicrosAs: 'string',
  maxDepth: 2,
  taskPlainBody: true,
};

export const NEWEST: Flavor = {
  metadataFormat: 'new',
  metadataFields: 'embedded',
  taskTargetLink: 'targetOpportunityId',
  maxLimit: 200,
  notFoundStatus: 404,
  withOwner: true,
  amountMicrosAs: 'number',
  maxDepth: 1,
  taskPlainBody: false,
};

export function resolveFlavor(options: FakeOptions): Flavor {
  const base = options.flavor === 'newest' ? NEWEST : CAPTURED;
  return {
    metadataFormat: options.metadataFormat ?? base.metadataFormat,
    metadataFields: options.metadataFields ?? base.metadataFields,
    taskTargetLink: options.taskTargetLink ?? base.taskTargetLink,
    maxLimit: options.maxLimit === null ? undefined : (options.maxLimit ?? base.maxLimit),
    notFoundStatus: options.notFoundStatus ?? base.notFoundStatus,
    withOwner: options.withOwner ?? base.withOwner,
    amountMicrosAs: options.amountMicrosAs ?? base.amountMicrosAs,
    maxDepth: options.maxDepth ?? base.maxDepth,
    taskPlainBody: options.taskPlainBody ?? base.taskPlainBody,
  };
}
