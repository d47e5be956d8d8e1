import type {
  Account, Deal, FieldDef, FieldValue, Money, Outcome, Page, PersonRef, Pipeline, ProviderId, Stage, Task,
} from '../model';

/**
 * The one contract every CRM implements. The tree and the deal panel only ever talk to this, and
 * show only what `capabilities` says the CRM can do, so adding a CRM never touches them.
 * Every method may throw a classified `CrmError` (src/http/errors.ts).
 */
export interface CrmProvider {
  readonly descriptor: ProviderDescriptor;
  /** One cheap authenticated call; resolves with who the key belongs to. */
  checkKey(signal?: AbortSignal): Promise<{ user?: string }>;
  /** Pipelines with their stages in the CRM's order. */
  listPipelines(signal?: AbortSignal): Promise<Pipeline[]>;
  /** One page of a stage's deals at the largest page size the CRM allows. */
  listDeals(query: DealQuery, signal?: AbortSignal): Promise<Page<Deal>>;
  /** The deal record alone: what an edit compares its `updatedAt` with, and what a panel reloads. */
  fetchDeal(dealId: string, signal?: AbortSignal): Promise<Deal>;
  /**
   * Everything the panel shows about one deal. The account's stages, field definitions and users
   * may come from the provider's cache unless `fresh` (the panel's Refresh) asks to read them again.
   */
  getDeal(dealId: string, signal?: AbortSignal, options?: { fresh?: boolean }): Promise<DealDetail>;
  /** Writes the given changes and resolves with the deal as the CRM stored it. */
  updateDeal(dealId: string, patch: DealPatch, signal?: AbortSignal): Promise<Deal>;
  listTasks(dealId: string, signal?: AbortSignal): Promise<Task[]>;
  createTask(dealId: string, input: TaskInput, signal?: AbortSignal): Promise<Task>;
  updateTask(dealId: string, taskId: string, patch: TaskPatch, signal?: AbortSignal): Promise<Task>;
  deleteTask(dealId: string, taskId: string, signal?: AbortSignal): Promise<void>;
  /**
   * Deals whose name (or the CRM's own search fields) match the text, best first, at most `limit`.
   * Present exactly when `capabilities.search`: the CRM searches server-side (Close `lead_query`,
   * ActiveCampaign `filters[search]`, Twenty a `name` filter, Hindsight `searchQuery`).
   */
  searchDeals?(text: string, limit: number, signal?: AbortSignal): Promise<Deal[]>;
  /**
   * One page of the open tasks of the key's user across every deal, for "My Tasks". Present exactly
   * when `capabilities.openTasks`. `cursor` is the previous page's `next`.
   */
  listOpenTasks?(cursor: string | undefined, signal?: AbortSignal): Promise<Page<OpenTask>>;
  /**
   * How many deals a stage holds, for a CRM whose pages carry no total (Hindsight's `count=true`).
   * A request of its own: the stage list asks only when the stage was not read to its end anyway.
   */
  countDeals?(query: Omit<DealQuery, 'cursor'>, signal?: AbortSignal): Promise<number>;
  /** The record in the CRM's web app, where it has one. */
  webUrl(target: WebTarget): string | undefined;
  dispose(): void;
}

/** An open task with the deal it belongs to, for lists that span deals (My Tasks, the board's next due date). */
export interface OpenTask {
  task: Task;
  /** The deal the task is about; absent when the CRM ties it to something else (a Close lead with no opportunity). */
  deal?: { id: string; name: string; pipelineId?: string; stageId?: string };
  /** What the task is about when it is not a deal, e.g. the lead's name; shown instead of a deal name. */
  about?: string;
}

export interface DealQuery {
  pipelineId: string;
  stageId: string;
  /** `Page.next` of the previous page; absent for the first page. */
  cursor?: string;
}

export interface DealDetail {
  deal: Deal;
  /** The pipeline's stages, for the stage select. */
  stages: Stage[];
  /** Custom field definitions for deals, in the CRM's order. */
  fields: FieldDef[];
  tasks: Task[];
  /** People a deal or a user field can be assigned to, where the CRM lists them. */
  users: PersonRef[];
  /** Every field the CRM returned, flattened for "All fields". */
  raw: Record<string, unknown>;
}

/** Only the keys present are written; `null` clears a value. */
export interface DealPatch {
  name?: string;
  stageId?: string;
  amount?: Money | null;
  amountPeriod?: 'one_time' | 'monthly' | 'annual';
  expectedClose?: string | null;
  ownerId?: string | null;
  outcome?: Exclude<Outcome, 'unknown'>;
  probability?: number | null;
  description?: string | null;
  custom?: Record<string, FieldValue | null>;
}

export interface TaskInput {
  title: string;
  due?: Task['due'];
  body?: string;
}

export interface TaskPatch {
  title?: string;
  due?: Task['due'] | null;
  done?: boolean;
  body?: string | null;
}

export type StandardDealField = 'name' | 'amount' | 'amountPeriod' | 'expectedClose' | 'ownerId' | 'probability' | 'description';

export type WebTarget =
  | { kind: 'deal'; dealId: string }
  | { kind: 'pipeline'; pipelineId: string };

/** What a CRM can do; the UI offers exactly these. */
export interface Capabilities {
  updateDeal: boolean;
  moveStage: boolean;
  /** Won/lost is set on the deal itself (ActiveCampaign) rather than by its stage. */
  setOutcome: boolean;
  updateCustomFields: boolean;
  listTasks: boolean;
  createTask: boolean;
  updateTask: boolean;
  completeTask: boolean;
  deleteTask: boolean;
  /** `searchDeals` exists: the CRM searches server-side; otherwise search looks in loaded deals. */
  search: boolean;
  /** `listOpenTasks` exists: "My Tasks" can list this account's open tasks. */
  openTasks: boolean;
}

export type BaseUrlRule =
  | { kind: 'none' }
  /** The user must give it (ActiveCampaign's per-account API URL). */
  | { kind: 'required'; placeholder: string; prompt: string; httpsOnly: boolean }
  /** A cloud default that a self-hosted user may replace (Twenty). */
  | { kind: 'optional'; defaultUrl: string; prompt: string };

export interface ProviderDescriptor {
  id: ProviderId;
  displayName: string;
  /** One line for the "Add Account" picker. */
  summary: string;
  /** Icon file base name in media/providers/ (svg). */
  icon: string;
  needsKey: boolean;
  /** Where the user finds the key, said in the key prompt. */
  keyHelp?: string;
  baseUrl: BaseUrlRule;
  capabilities: Capabilities;
  /**
   * Standard deal fields this CRM does not have or will not let anyone change, with the reason the
   * panel shows; such a field is read-only there, and hidden when the deal has no value for it.
   */
  fixedDealFields?: Partial<Record<StandardDealField, string>>;
  /** The documented limit, enforced per account by the HTTP layer. */
  rateLimit?: { ratePerSecond: number; concurrency: number };
  create(context: ProviderContext): CrmProvider;
}

export interface Logger {
  debug(message: string): void;
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

/** What a provider gets from the host; nothing here depends on `vscode`. */
export interface ProviderContext {
  account: Account;
  /** Undefined for CRMs that need none (the Sample CRM). */
  apiKey?: string;
  logger: Logger;
  /** How long one request may take before it fails as a timeout (the user's setting). */
  requestTimeoutMs?: number;
  /** A folder the provider may keep files in (the Sample CRM's data). */
  storageDir: string;
  /** Told when a load waits for a rate limit or a retry, so the tree can say so. */
  onWait?: (info: { reason: 'rateLimited' | 'retry'; delayMs: number; operation: string }) => void;
}
