import { type CrmError, isCrmError } from '../../http';
import type { Deal, Page, PersonRef, Pipeline, Stage, Task } from '../../model';
import type {
  CrmProvider, DealDetail, DealPatch, DealQuery, OpenTask, ProviderContext, ProviderDescriptor, TaskInput, TaskPatch, WebTarget,
} from '../contract';
import { rankByName, searchLimit } from '../shared/search-rank';
import { closeNotFoundError, closeValidationError, FieldProblems } from './close-errors';
import { CloseClient, type CloseClientOptions, PAGE_SIZE } from './client';
import { type CloseFieldInfo, type NameLookup, referencedIds, toFieldInfo } from './custom-fields';
import { opportunityBody } from './deal-patch';
import { indexStatuses, leadUrl, pageCurrencies, rawRecord, stageTotals, toDeal, toPipelines } from './map';
import { leadQueryWords, toOpenTasks } from './open-tasks';
import type { CloseOpportunity, CloseTask, CloseUser } from './schemas';
import { belongsToDeal, compareTasks, createTaskBody, toTask, updateTaskBody } from './tasks';

/** How long a deal panel trusts the statuses, field definitions and users read before. */
const METADATA_MAX_AGE_MS = 5 * 60_000;

function userName(user: CloseUser): string {
  const full = [user.first_name, user.last_name].filter((s) => s?.trim()).join(' ').trim();
  return full || user.display_name?.trim() || user.email?.trim() || user.id;
}

/** Errors that mean "this extra is not available to this key", not "the deal failed to load". */
function isOptionalFailure(error: unknown): boolean {
  return isCrmError(error) && (error.kind === 'forbidden' || error.kind === 'notFound');
}

/**
 * Close through its API v1. Small caches make repeated calls cheap: statuses, field definitions
 * and users (read again by listPipelines, a panel's Refresh, or after five minutes), and what
 * each opportunity seen last said about its lead and currency.
 */
export class CloseProvider implements CrmProvider {
  private readonly client: CloseClient;
  private readonly account: string;
  private stages = new Map<string, Stage>();
  private pipelinesLoad: Promise<Pipeline[]> | undefined;
  private fields: Promise<Map<string, CloseFieldInfo>> | undefined;
  /** The definitions once read; rows of a list carry custom values only when these are known. */
  private fieldsRead: Map<string, CloseFieldInfo> | undefined;
  private readonly users = new Map<string, PersonRef>();
  private readonly contacts = new Map<string, string>();
  private readonly leadOf = new Map<string, string>();
  private readonly placeOf = new Map<string, Readonly<{ pipelineId?: string; stageId: string }>>();
  private readonly places = new Map<string, Readonly<{ pipelineId?: string; stageId: string }>>();
  private readonly currencyOf = new Map<string, string | null>();
  private readonly tasks = new Map<string, CloseTask>();
  private usersLoad: Promise<PersonRef[]> | undefined;
  /** The key's user, whose open tasks My Tasks lists; read once. */
  private meId: Promise<string> | undefined;
  private organizationId: string | undefined;
  /** When the statuses, field definitions and users were last forgotten; a panel reads them again after a while. */
  private metadataAt = performance.now();
  private orgCurrency: Promise<string | undefined> | undefined;
  private readonly names: NameLookup = {
    user: (id) => this.users.get(id)?.name,
    contact: (id) => this.contacts.get(id),
  };

  constructor(
    readonly descriptor: ProviderDescriptor,
    private readonly context: ProviderContext,
    options: CloseClientOptions,
  ) {
    this.client = new CloseClient(context, options);
    this.account = context.account.label;
  }

  async checkKey(signal?: AbortSignal): Promise<{ user?: string }> {
    const me = await this.client.me(signal);
    this.organizationId ??= me.organization_id ?? me.organizations?.[0]?.id;
    this.meId ??= Promise.resolve(me.id);
    return { user: userName(me) };
  }

  async listPipelines(signal?: AbortSignal): Promise<Pipeline[]> {
    const load = this.client.pipelines(signal).then(toPipelines);
    this.pipelinesLoad = load;
    try {
      const pipelines = await load;
      this.stages = indexStatuses(pipelines);
      return pipelines;
    } catch (error) {
      if (this.pipelinesLoad === load) this.pipelinesLoad = undefined;
      throw error;
    }
  }

  async listDeals(query: DealQuery, signal?: AbortSignal): Promise<Page<Deal>> {
    const skip = this.parseCursor(query.cursor);
    const known = this.stages.get(query.stageId);
    if (known && known.pipelineId !== query.pipelineId) {
      throw closeNotFoundError(this.account, 'listDeals', `Stage "${query.stageId}" is not in pipeline "${query.pipelineId}"`);
    }
    const list = await this.client.opportunities(query.stageId, skip, signal);
    const fields = this.fieldsForRows();
    for (const opp of list.data) this.remember(opp);
    await this.namesFor(list.data, fields, false, signal);
    const items = list.data.map((opp) => ({ ...this.toDeal(opp, fields), pipelineId: opp.pipeline_id ?? query.pipelineId }));
    const page: Page<Deal> = { items };
    if (list.has_more && list.data.length > 0) page.next = String(skip + list.data.length);
    if (typeof list.total_results === 'number') page.total = list.total_results;
    const totals = stageTotals(list, await this.totalsCurrency(list.data, Boolean(list.has_more)));
    if (totals) page.totals = totals;
    return page;
  }

  async fetchDeal(dealId: string, signal?: AbortSignal): Promise<Deal> {
    const opp = await this.client.opportunity(dealId, signal);
    return this.mapped(opp, signal);
  }

  async getDeal(dealId: string, signal?: AbortSignal, options?: { fresh?: boolean }): Promise<DealDetail> {
    if (options?.fresh || performance.now() - this.metadataAt > METADATA_MAX_AGE_MS) this.forgetMetadata();
    // The tree row already named the lead: its tasks load alongside the opportunity, not after it.
    const knownLead = this.leadOf.get(dealId);
    const early = knownLead ? this.loadTasks(dealId, knownLead, signal) : undefined;
    early?.catch(() => undefined);
    const [opp, pipelines, fields, users] = await Promise.all([
      this.client.opportunity(dealId, signal),
      this.pipelinesLoad ?? this.listPipelines(signal),
      this.fieldInfo(),
      this.userList(),
    ]);
    this.remember(opp);
    const tasksLoad = !opp.lead_id ? Promise.resolve([]) : opp.lead_id === knownLead ? early! : this.loadTasks(dealId, opp.lead_id, signal);
    const [tasks] = await Promise.all([tasksLoad, this.loadContactNames(referencedIds(opp, fields, 'reference'), signal)]);
    const deal = this.toDeal(opp, fields);
    const pipeline = pipelines.find((p) => p.id === deal.pipelineId);
    return {
      deal,
      stages: pipeline?.stages ?? [],
      fields: [...fields.values()].map((f) => f.def),
      tasks,
      users,
      raw: rawRecord(opp),
    };
  }

  async updateDeal(dealId: string, patch: DealPatch, signal?: AbortSignal): Promise<Deal> {
    const fields = await this.fieldInfo();
    const currency = patch.amount ? await this.dealCurrency(dealId, signal) : undefined;
    const problems = new FieldProblems();
    const body = opportunityBody(patch, { fields, currency }, problems);
    if (problems.any) throw closeValidationError(this.account, `PUT /opportunity/${dealId}/`, problems.list);
    if (Object.keys(body).length === 0) return this.fetchDeal(dealId, signal);
    const stored = await this.client.updateOpportunity(dealId, body, signal);
    return this.mapped(stored, signal);
  }

  async listTasks(dealId: string, signal?: AbortSignal): Promise<Task[]> {
    return this.loadTasks(dealId, await this.leadId(dealId, signal), signal);
  }

  async createTask(dealId: string, input: TaskInput, signal?: AbortSignal): Promise<Task> {
    const leadId = await this.leadId(dealId, signal);
    const problems = new FieldProblems();
    const body = createTaskBody(leadId, input, problems);
    if (problems.any) throw closeValidationError(this.account, 'POST /task/', problems.list);
    const created = await this.client.createTask(body, signal);
    this.tasks.set(created.id, created);
    return toTask(created);
  }

  async updateTask(dealId: string, taskId: string, patch: TaskPatch, signal?: AbortSignal): Promise<Task> {
    const task = await this.taskOf(dealId, taskId, 'updateTask', signal);
    const problems = new FieldProblems();
    const body = updateTaskBody(task, patch, problems);
    if (problems.any) throw closeValidationError(this.account, `PUT /task/${taskId}/`, problems.list);
    if (Object.keys(body).length === 0) return toTask(task);
    const updated = await this.client.updateTask(taskId, body, signal);
    this.tasks.set(updated.id, updated);
    return toTask(updated);
  }

  async deleteTask(dealId: string, taskId: string, signal?: AbortSignal): Promise<void> {
    const task = await this.taskOf(dealId, taskId, 'deleteTask', signal);
    if (task._type !== 'lead') {
      throw closeValidationError(this.account, `DELETE /task/${taskId}/`, [
        { field: 'task', message: "Close makes this reminder from the opportunity's expected close date; mark it done or change the date instead." },
      ]);
    }
    await this.client.deleteTask(taskId, signal);
    this.tasks.delete(taskId);
  }

  /**
   * Close's lead search (`lead_query`) finds the opportunities of leads matching the words; the
   * deals are then ordered by how their name (the lead's) matches.
   */
  async searchDeals(text: string, limit: number, signal?: AbortSignal): Promise<Deal[]> {
    const words = leadQueryWords(text);
    const size = searchLimit(limit, PAGE_SIZE.opportunity);
    if (!words || size === 0) return [];
    const list = await this.client.searchOpportunities(words, size, signal);
    const fields = this.fieldsForRows();
    for (const opp of list.data) this.remember(opp);
    await this.namesFor(list.data, fields, false, signal);
    if (list.data.some((o) => !o.pipeline_id && !this.stages.has(o.status_id))) await (this.pipelinesLoad ?? this.listPipelines(signal));
    return rankByName(list.data.map((opp) => this.toDeal(opp, fields)), text, (d) => d.name).slice(0, size);
  }

  /** The key's user's open lead tasks and opportunity reminders, 1,000 a page, soonest due first. */
  async listOpenTasks(cursor: string | undefined, signal?: AbortSignal): Promise<Page<OpenTask>> {
    const skip = this.parseCursor(cursor, 'listOpenTasks', 'is not a page of the task list; reload My Tasks');
    const list = await this.client.openTasks(await this.myUserId(), skip, signal);
    for (const task of list.data) {
      this.tasks.set(task.id, task);
      // A reminder names its opportunity and lead: completing it later needs no lookup.
      if (task._type === 'opportunity_due' && task.object_id && task.lead_id && !this.leadOf.has(task.object_id)) {
        this.leadOf.set(task.object_id, task.lead_id);
      }
    }
    const byLead = new Map<string, string[]>();
    for (const [opp, lead] of this.leadOf) {
      const opps = byLead.get(lead);
      if (opps) opps.push(opp);
      else byLead.set(lead, [opp]);
    }
    const items = toOpenTasks(list.data, { placeOf: (id) => this.placeOf.get(id), ofLead: (leadId) => byLead.get(leadId) ?? [] });
    return list.has_more && list.data.length > 0 ? { items, next: String(skip + list.data.length) } : { items };
  }

  webUrl(target: WebTarget): string | undefined {
    if (target.kind !== 'deal') return undefined;
    const leadId = this.leadOf.get(target.dealId);
    return leadId ? leadUrl(leadId) : undefined;
  }

  dispose(): void {
    this.client.dispose();
  }

  private parseCursor(cursor: string | undefined, operation = 'listDeals', message = 'is not a page of this stage; reload the stage'): number {
    if (cursor === undefined) return 0;
    if (/^\d{1,9}$/.test(cursor)) return Number(cursor);
    throw closeValidationError(this.account, operation, [{ field: 'cursor', message }]);
  }

  /** Shared by concurrent callers, so it takes no caller's signal. */
  private myUserId(): Promise<string> {
    if (!this.meId) {
      const load = this.client.me().then((me) => me.id);
      this.meId = load;
      load.catch(() => {
        if (this.meId === load) this.meId = undefined;
      });
    }
    return this.meId;
  }

  private remember(opp: CloseOpportunity): void {
    if (opp.lead_id) this.leadOf.set(opp.id, opp.lead_id);
    const pipelineId = opp.pipeline_id ?? this.stages.get(opp.status_id)?.pipelineId;
    // One shared place per status: 50,000 opportunities would otherwise hold 50,000 copies.
    let place = this.places.get(opp.status_id);
    if (!place || place.pipelineId !== pipelineId) {
      place = { stageId: opp.status_id, ...(pipelineId ? { pipelineId } : {}) };
      this.places.set(opp.status_id, place);
    }
    this.placeOf.set(opp.id, place);
    this.currencyOf.set(opp.id, opp.value_currency?.toUpperCase() ?? null);
    if (opp.contact_id && opp.contact_name) this.contacts.set(opp.contact_id, opp.contact_name);
    if (opp.user_id && opp.user_name && !this.users.has(opp.user_id)) this.users.set(opp.user_id, { id: opp.user_id, name: opp.user_name });
    this.organizationId ??= opp.organization_id ?? undefined;
  }

  private toDeal(opp: CloseOpportunity, fields: ReadonlyMap<string, CloseFieldInfo>): Deal {
    return toDeal(opp, { fields, names: this.names, stages: this.stages });
  }

  /** One opportunity as a Deal, loading the statuses first when it does not name its pipeline. */
  private async mapped(opp: CloseOpportunity, signal?: AbortSignal): Promise<Deal> {
    this.remember(opp);
    const fields = await this.fieldInfo();
    await this.namesFor([opp], fields, true, signal);
    if (!opp.pipeline_id && !this.stages.has(opp.status_id)) await (this.pipelinesLoad ?? this.listPipelines(signal));
    return this.toDeal(opp, fields);
  }

  /**
   * Rows in the tree, the board and search show no custom values, so a list never waits for the
   * field definitions (a request of its own); it maps custom values when a panel has read them.
   */
  private fieldsForRows(): ReadonlyMap<string, CloseFieldInfo> {
    return this.fieldsRead ?? new Map();
  }

  /** The next reads of statuses, field definitions and users go to Close. */
  private forgetMetadata(): void {
    this.metadataAt = performance.now();
    this.pipelinesLoad = undefined;
    this.fields = undefined;
    this.usersLoad = undefined;
  }

  /**
   * Field definitions, loaded once and shared by concurrent callers; getDeal reloads them when
   * stale. Shared
   * loads take no caller's signal: one caller giving up must not fail the others.
   */
  private fieldInfo(): Promise<Map<string, CloseFieldInfo>> {
    if (!this.fields) {
      const load = this.client.opportunityFields().then((list) => {
        this.fieldsRead = new Map(list.map((f) => {
          const info = toFieldInfo(f);
          return [info.def.key, info] as const;
        }));
        return this.fieldsRead;
      });
      this.fields = load;
      load.catch(() => {
        if (this.fields === load) this.fields = undefined;
      });
    }
    return this.fields;
  }

  /**
   * Names for the ids in user fields (the user list, read once) and, for single deals, contact
   * fields (one lookup per contact); a list of deals does not look contacts up one by one.
   */
  private async namesFor(opps: CloseOpportunity[], fields: ReadonlyMap<string, CloseFieldInfo>, contacts: boolean, signal?: AbortSignal): Promise<void> {
    const userIds = opps.flatMap((o) => referencedIds(o, fields, 'user'));
    if (userIds.some((id) => !this.users.has(id))) await this.userList();
    if (contacts) await this.loadContactNames(opps.flatMap((o) => referencedIds(o, fields, 'reference')), signal);
  }

  /** The organization's users, read once (until forgotten); a failed read is not kept. */
  private userList(): Promise<PersonRef[]> {
    if (!this.usersLoad) {
      const load = this.loadUsers();
      this.usersLoad = load;
      load.catch(() => {
        if (this.usersLoad === load) this.usersLoad = undefined;
      });
    }
    return this.usersLoad!;
  }

  private async loadUsers(): Promise<PersonRef[]> {
    try {
      const users = (await this.client.users()).map((u) => ({ id: u.id, name: userName(u) }));
      for (const u of users) this.users.set(u.id, u);
      return users;
    } catch (error) {
      if (!isOptionalFailure(error)) throw error;
      this.context.logger.info(`Close: users could not be listed (${(error as CrmError).message}); showing the names the deal carries.`);
      return [...this.users.values()];
    }
  }

  private async loadContactNames(ids: string[], signal?: AbortSignal): Promise<void> {
    const missing = ids.filter((id) => !this.contacts.has(id));
    await Promise.all(missing.map(async (id) => {
      try {
        const name = await this.client.contactName(id, signal);
        if (name) this.contacts.set(id, name);
      } catch (error) {
        if (!isOptionalFailure(error)) throw error;
      }
    }));
  }

  private async loadTasks(dealId: string, leadId: string, signal?: AbortSignal): Promise<Task[]> {
    const all = await this.client.leadTasks(leadId, signal);
    const mine = all.filter((t) => belongsToDeal(t, dealId, leadId)).sort(compareTasks);
    for (const t of mine) this.tasks.set(t.id, t);
    return mine.map(toTask);
  }

  private async leadId(dealId: string, signal?: AbortSignal): Promise<string> {
    const known = this.leadOf.get(dealId);
    if (known) return known;
    const opp = await this.client.opportunity(dealId, signal);
    this.remember(opp);
    if (!opp.lead_id) throw closeNotFoundError(this.account, `GET /opportunity/${dealId}/`, 'the opportunity names no lead');
    return opp.lead_id;
  }

  /** The task, checked to belong to this opportunity (its lead's task, or its own due reminder). */
  private async taskOf(dealId: string, taskId: string, operation: string, signal?: AbortSignal): Promise<CloseTask> {
    const leadId = await this.leadId(dealId, signal);
    const task = this.tasks.get(taskId) ?? (await this.client.task(taskId, signal));
    if (!belongsToDeal(task, dealId, leadId)) {
      throw closeNotFoundError(this.account, operation, `Task "${taskId}" is not a task of this opportunity`);
    }
    return task;
  }

  /** The currency an opportunity's value is kept in: its own, else the organization's. */
  private async dealCurrency(dealId: string, signal?: AbortSignal): Promise<string | undefined> {
    if (!this.currencyOf.has(dealId)) this.remember(await this.client.opportunity(dealId, signal));
    return this.currencyOf.get(dealId) ?? (await this.organizationCurrency());
  }

  private organizationCurrency(): Promise<string | undefined> {
    const orgId = this.organizationId;
    if (!orgId) return Promise.resolve(undefined);
    if (!this.orgCurrency) {
      this.orgCurrency = this.client.organizationCurrency(orgId).then(
        (c) => c?.toUpperCase(),
        (error: unknown) => {
          this.orgCurrency = undefined;
          if (isCrmError(error) && error.kind === 'cancelled') throw error;
          this.context.logger.info(`Close: the organization's currency could not be read (${error instanceof Error ? error.message : String(error)}).`);
          return undefined;
        },
      );
    }
    return this.orgCurrency;
  }

  /**
   * The one currency a stage's aggregates are in, or undefined when that is not certain.
   * A page holding the whole stage speaks for itself; a partial one is checked against the
   * organization's currency [assumption: Close's aggregates add raw cents of every match].
   */
  private async totalsCurrency(items: CloseOpportunity[], hasMore: boolean): Promise<string | undefined> {
    const seen = pageCurrencies(items);
    if (seen.size > 1) return undefined;
    const onPage = [...seen][0];
    if (!hasMore) return onPage;
    const org = await this.organizationCurrency();
    if (onPage && org && onPage !== org) return undefined;
    return onPage ?? org;
  }
}
