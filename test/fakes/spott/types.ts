import type { SeededFakeOptions } from '../kit/fake-options';
import type { ConnectionFault, StatusFault } from '../kit/fault-kinds';

/**
 * The fake's records, unwrapped: the routes render them in Spott's view-typed wrappers
 * (notes §2.4, seed 004). Dates are ISO instants with milliseconds, as Spott's examples show.
 */

export interface SpottUserRecord {
  id: string;
  name: string;
  avatarUrl: string | null;
  deactivatedAt: string | null;
}

export interface SpottStageRecord {
  id: string;
  name: string;
  order: number;
  isOpen: boolean;
}

export interface SpottCompanyRecord {
  id: string;
  name: string;
}

export interface SpottEmailRecord {
  purpose: string;
  email: string;
  isPrimary: boolean;
}

export interface SpottPhoneRecord {
  purpose: string;
  phoneNumber: string;
  isPrimary: boolean;
}

export interface SpottClientContactRecord {
  id: string;
  firstName: string;
  lastName: string;
  middleName: string | null;
  secondLastName: string | null;
  avatarUrl: string | null;
  candidateId: string | null;
  companyId: string;
  jobTitle: string | null;
  department: string | null;
  emails: SpottEmailRecord[];
  phoneNumbers: SpottPhoneRecord[];
}

/** A custom attribute as GET one sends it; only `customText` values are documented. */
export interface SpottCustomAttributeRecord {
  attributeDefinitionId: string;
  label: string;
  aiFillOngoing: boolean;
  aiOverridden: boolean;
  isFilledByAI: boolean;
  value: ({ viewType: string } & Record<string, unknown>) | null;
}

export interface SpottOpportunityRecord {
  id: string;
  name: string;
  description: string | null;
  stageId: string;
  companyId: string | null;
  ownerId: string | null;
  /** closeDate.target, or null for no close date. */
  closeDate: string | null;
  createdAt: string;
  /** Not sent (not documented on opportunities); orders the list, oldest change first. */
  modifiedAt: string;
  clientTeamIds: string[];
  customAttributes: SpottCustomAttributeRecord[];
}

export type TaskLinkKind = 'candidates' | 'vacancies' | 'clients' | 'users' | 'teams' | 'clientContacts' | 'opportunities';

export interface SpottTaskRecord {
  id: string;
  content: string;
  dueDate: string | null;
  isCompleted: boolean;
  completedAt: string | null;
  createdAt: string;
  /** Not sent; orders the list. */
  modifiedAt: string;
  createdById: string | null;
  assignedToId: string | null;
  metadata: { outreachSequenceId: null; outreachSequenceName: null; outreachSequenceRunId: null; type: string };
  labels: { id: string; name: string; colorHex: string }[];
  links: Record<TaskLinkKind, { id: string }[]>;
  source: 'MANUAL' | 'AI_SUGGESTION' | 'OUTREACH_SEQUENCE_STEP' | 'AUTOMATION';
}

/** Everything the fake serves; tests read and change it directly. */
export interface FakeState {
  users: SpottUserRecord[];
  /** Every stage of the opportunity pipeline, including ones no opportunity is in. */
  stages: SpottStageRecord[];
  companies: SpottCompanyRecord[];
  clientContacts: SpottClientContactRecord[];
  opportunities: SpottOpportunityRecord[];
  tasks: SpottTaskRecord[];
  nextIds: { task: number; request: number };
}

/** The fake's knobs; tests may change them while it runs. */
export interface FakeConfig {
  /** The list envelope: `pageInfo {nextCursor, hasNextPage}` (docs) or `pagination {cursor, hasMore}` (seed). */
  envelope: 'pageInfo' | 'pagination';
  /** Field wrappers with `viewType` (docs) or without it (other renders of the docs). */
  viewType: boolean;
  /** What a PATCH answers (undocumented): the documented status object, the opportunity, or nothing. */
  patchResponse: 'status' | 'opportunity' | 'empty';
  /** Whether a 429 carries `Retry-After` (the notes: "if present"). */
  retryAfterHeader: boolean;
}

export type { RecordedRequest } from '../kit/recorded-request';

/** A failure to inject into the next matching request. */
export type Fault =
  /** An error status with Spott's `{status, message, requestId}` body (overridable). */
  | (StatusFault<400 | 401 | 403 | 404 | 422 | 429 | 500 | 502 | 503> & {
      /** 400/422: the body key named at the start of the message (`"stageId: …"`). */
      field?: string;
      /** 429: `Retry-After` seconds; null sends none. Default 1. */
      retryAfterSeconds?: number | null;
    })
  | ConnectionFault;

export type { FaultMatch } from '../kit/fault-queue';

export interface FakeOptions extends SeededFakeOptions, Partial<FakeConfig> {
  /** The key the fake accepts in `x-api-key`. */
  apiKey?: string;
  /**
   * Distinct stages the opportunities are spread evenly over (Spott's stages are those in use):
   * `{deals: 10000, stages: 8}` is a pipeline of 10,000 deals in 8 stages. Default: 6, at random.
   */
  stages?: number;
  /** Shorthand for `ratePerSecond: ratePerMinute / 60` over a 60 s window. */
  ratePerMinute?: number;
  /**
   * Requests per second the fake accepts before answering 429, averaged over `rateWindowMs`.
   * Default 1000/60 (Spott: 1000 per minute per key).
   */
  ratePerSecond?: number;
  /** The window the rate is counted in. Default 60 000 ms (per minute, as Spott states it). */
  rateWindowMs?: number;
}
