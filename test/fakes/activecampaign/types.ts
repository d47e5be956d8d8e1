import type { SeededFakeOptions } from '../kit/fake-options';
import type { ConnectionFault, StatusFault } from '../kit/fault-kinds';

/**
 * The fake's records, kept exactly in the form ActiveCampaign's GET returns them: ids and numbers
 * as strings, money as integer cents in a string, currencies in lower case, dates with an offset.
 */

export interface AcUserRecord {
  id: string;
  username: string;
  firstName: string;
  lastName: string;
  email: string;
  phone: string;
  signature: null;
}

export interface AcGroupRecord {
  id: string;
  title: string;
  currency: string;
  /** Stage ids in order. */
  stages: string[];
  allgroups: string;
  allusers: string;
  autoassign: string;
  cdate: string;
  udate: string;
  win_probability_initialize_date: null;
}

export interface AcStageRecord {
  id: string;
  title: string;
  group: string;
  order: string;
  color: string;
  width: string;
  dealOrder: string;
  cardRegion1: string;
  cardRegion2: string;
  cardRegion3: string;
  cardRegion4: string;
  cardRegion5: string;
  cdate: string;
  udate: string | null;
}

export interface AcDealRecord {
  id: string;
  hash: string;
  owner: string;
  contact: string;
  organization: string | null;
  account: string | null;
  customerAccount: string | null;
  group: string;
  stage: string;
  title: string;
  description: string;
  percent: string;
  cdate: string;
  mdate: string;
  nextdate: string | null;
  nexttaskid: string | null;
  value: string;
  currency: string;
  winProbability: number | null;
  winProbabilityMdate: string | null;
  status: string;
  activitycount: string;
  nextdealid: string;
  edate: string | null;
  /** True: the key's user has no permission on this deal's pipeline; AC shows only id, title and this flag. */
  isDisabled: boolean;
}

export interface AcFieldMetaRecord {
  id: string;
  fieldLabel: string;
  fieldType: string;
  fieldOptions: string[] | null;
  fieldDefault: string | number | string[] | null;
  fieldDefaultCurrency: string | null;
  isFormVisible: number;
  isRequired: number;
  displayOrder: number;
  personalization: string;
  knownFieldId: number | null;
  hideFieldFlag: number;
  createdTimestamp: string;
  updatedTimestamp: string;
}

export interface AcFieldDatumRecord {
  id: string;
  dealCustomFieldMetumId: number;
  dealId: number;
  customFieldId: number;
  createdTimestamp: string;
  updatedTimestamp: string;
  /** As stored: text, a number as text, cents for currency, `||a||b||` for multiselect/checkbox. */
  fieldValue: string;
  fieldCurrency?: string;
}

export interface AcTaskRecord {
  id: string;
  duedate: string;
  edate: string;
  /** An int in list responses, a string in single responses; stored as a number. */
  status: number;
  title: string | null;
  note: string | null;
  relid: string;
  reltype: 'Deal' | 'Subscriber';
  dealTasktype: string;
  cdate: string;
  udate: string;
  automation: null;
  doneAutomation: null;
  user: string;
  assignee: string;
  outcomeId: null;
  outcomeInfo: null;
  donedate: string | null;
}

export interface AcTaskTypeRecord {
  id: string;
  title: string;
  status: string;
  defduration: string;
  cdate: null;
  udate: null;
}

export interface AcContactRecord {
  id: string;
  email: string;
  firstName: string;
  lastName: string;
  phone: string;
  orgid: string;
  cdate: string;
  udate: string;
}

export interface AcAccountRecord {
  id: string;
  name: string;
  accountUrl: string;
  createdTimestamp: string;
  updatedTimestamp: string;
}

/** Everything the fake serves; tests read and change it directly. */
export interface FakeState {
  users: AcUserRecord[];
  dealGroups: AcGroupRecord[];
  dealStages: AcStageRecord[];
  deals: AcDealRecord[];
  dealCustomFieldMeta: AcFieldMetaRecord[];
  dealCustomFieldData: AcFieldDatumRecord[];
  dealTasks: AcTaskRecord[];
  dealTasktypes: AcTaskTypeRecord[];
  contacts: AcContactRecord[];
  accounts: AcAccountRecord[];
  /** Next id per collection. */
  nextIds: Record<'deal' | 'datum' | 'task', number>;
}

export type { RecordedRequest } from '../kit/recorded-request';

/** A failure to inject into the next matching request. */
export type Fault =
  /** An error status with an AC-shaped body (overridable). */
  | (StatusFault<400 | 401 | 403 | 404 | 422 | 429 | 500 | 502 | 503> & {
      /** 404 only: AC's documented `errors[]` body, or the `{message}` body it really sends. Default 'message'. */
      shape?: 'message' | 'errors';
      /** 422 only: the attribute named in `source.pointer`. */
      field?: string;
      /** 429: `Retry-After` seconds. Default 1. */
      retryAfterSeconds?: number;
    })
  | ConnectionFault;

export type { FaultMatch } from '../kit/fault-queue';

export interface FakeOptions extends SeededFakeOptions {
  /** The key the fake accepts in `Api-Token`. */
  apiKey?: string;
  /**
   * Stages of the first pipeline, which then holds every deal, spread evenly:
   * `{deals: 10000, stages: 8}` is one pipeline of 10,000 deals in 8 stages. Default: its 5, deals over both pipelines.
   */
  stages?: number;
  /** Requests per second the fake accepts before answering 429 (AC: 5 per account). Default 5. */
  ratePerSecond?: number;
}
