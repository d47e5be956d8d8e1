import { CrmError, HttpClient, type FieldError, type RetryOptions } from '../../http';
import type { Deal, Page, PersonRef, Pipeline, Task } from '../../model';
import type {
  CrmProvider, DealDetail, DealPatch, DealQuery, OpenTask, ProviderContext, ProviderDescriptor, TaskInput, TaskPatch, WebTarget,
} from '../contract';
import { resolveApiUrl } from './api-url';
import { Cached } from '../shared/cached';
import { rankByName, searchLimit } from '../shared/search-rank';
import { SeenDeals } from '../shared/seen-deals';
import { AcApi, nextOffset, PAGE_SIZE } from './client';
import { type AcField, sameFieldValue, toAcField } from './custom-fields';
import { customValues, planCustomWrites, writeCustomValues } from './custom-writes';
import { dealBody, hasStandardChanges } from './deal-write';
import { acErrorDetail, localError, PROVIDER_NAME, toTaskFieldErrors } from './errors';
import {
  companyIdOf, exactTotals, idOf, isLocked, type NameBook, toModelDeal, toModelPipeline, toPersonRefFromAccount,
  toPersonRefFromContact, toPersonRefFromUser, totalOf, totalsOf,
} from './map';
import { rawRecord } from './raw';
import type { AcDeal, AcDealEnvelope, AcTask, AcTaskType } from './schemas';
import { compareTasks, createTaskBody, defaultTaskType, needsTypeName, toModelTask, typeNames, updateTaskBody } from './tasks';

/** Users, pipelines, field definitions and task types change rarely; five minutes keeps the tree cheap. */
const METADATA_MAX_AGE_MS = 5 * 60_000;

export interface ActiveCampaignProviderOptions {
  /** Tests shorten the backoff; the default is the HTTP layer's. */
  retry?: RetryOptions;
}

type Fields = AcField[];

/** An ActiveCampaign account through API v3: pipelines, deals, deal custom fields and deal tasks. */
export class ActiveCampaignProvider implements CrmProvider {
  private readonly http: HttpClient | undefined;
  private readonly api: AcApi | undefined;
  private readonly configProblem: string | undefined;
  private readonly accountLabel: string;
  private readonly users: Cached<PersonRef[]>;
  private readonly pipelinesCache: Cached<Pipeline[]>;
  private readonly fields: Cached<Fields>;
  private readonly taskTypes: Cached<AcTaskType[]>;
  private readonly contacts = new Map<string, PersonRef>();
  private readonly accounts = new Map<string, PersonRef>();
  private readonly seen = new SeenDeals();
  /** The key's user, whose open tasks My Tasks lists; read once. */
  private readonly meId: Cached<string>;

  constructor(
    readonly descriptor: ProviderDescriptor,
    context: ProviderContext,
    options: ActiveCampaignProviderOptions = {},
  ) {
    this.accountLabel = context.account.label;
    const url = resolveApiUrl(context.account.baseUrl);
    if (url.ok) {
      const apiKey = context.apiKey;
      const rate = descriptor.rateLimit ?? { ratePerSecond: 5, concurrency: 3 };
      this.http = new HttpClient({
        baseUrl: url.apiBase,
        account: context.account.label,
        provider: PROVIDER_NAME,
        authHeaders: () => {
          if (!apiKey) throw new Error('no key');
          return { 'Api-Token': apiKey };
        },
        secrets: () => (apiKey ? [apiKey] : []),
        limits: { ratePerSecond: rate.ratePerSecond, concurrency: rate.concurrency, window: { limit: rate.ratePerSecond, ms: 1000 } },
        timeouts: context.requestTimeoutMs ? { responseMs: context.requestTimeoutMs } : undefined,
        retry: options.retry,
        errorDetail: acErrorDetail,
        logger: context.logger,
        onWait: context.onWait,
      });
      this.api = new AcApi(this.http);
    } else {
      this.configProblem = url.problem;
    }
    this.users = new Cached(() => this.fetchUsers(), METADATA_MAX_AGE_MS);
    this.pipelinesCache = new Cached(() => this.fetchPipelines(), METADATA_MAX_AGE_MS);
    this.fields = new Cached(async () => (await this.ac('GET /dealCustomFieldMeta').fieldMeta()).dealCustomFieldMeta.map(toAcField), METADATA_MAX_AGE_MS);
    this.taskTypes = new Cached(() => this.ac('GET /dealTasktypes').taskTypes(), METADATA_MAX_AGE_MS);
    this.meId = new Cached(async () => String((await this.ac('GET /users/me').me()).user.id), Number.POSITIVE_INFINITY);
  }

  async checkKey(signal?: AbortSignal): Promise<{ user?: string }> {
    const { user } = await this.ac('GET /users/me').me(signal);
    return { user: toPersonRefFromUser(user).name };
  }

  async listPipelines(signal?: AbortSignal): Promise<Pipeline[]> {
    const pipelines = await this.fetchPipelines(signal);
    this.pipelinesCache.set(pipelines);
    return structuredClone(pipelines);
  }

  async listDeals(query: DealQuery, signal?: AbortSignal): Promise<Page<Deal>> {
    const offset = query.cursor === undefined ? 0 : Number(query.cursor);
    if (!Number.isSafeInteger(offset) || offset < 0 || (query.cursor !== undefined && !/^\d+$/.test(query.cursor))) {
      throw localError('validation', this.accountLabel, 'GET /deals', {
        fieldErrors: [{ field: 'cursor', message: 'is not a position in this stage; reload the stage' }],
      });
    }
    const api = this.ac('GET /deals');
    const [response, names] = await Promise.all([api.dealsPage(query.pipelineId, query.stageId, offset, signal), this.names()]);
    this.learnNames(response);
    const items = response.deals.map((d) => toModelDeal(d, names));
    this.seen.remember(items);
    const next = nextOffset(offset, response.deals.length, response.meta);
    const total = totalOf(response.meta);
    return {
      items,
      next: next === undefined ? undefined : String(next),
      total,
      totals: totalsOf(response.meta) ?? exactTotals(response.deals, items, offset, next, total),
    };
  }

  async fetchDeal(dealId: string, signal?: AbortSignal): Promise<Deal> {
    const [envelope, names] = await Promise.all([this.ac(`GET /deals/${dealId}`).deal(dealId, signal), this.names()]);
    this.learnNames(envelope);
    const deal = toModelDeal(envelope.deal, names);
    this.seen.remember([deal]);
    return deal;
  }

  async getDeal(dealId: string, signal?: AbortSignal, options?: { fresh?: boolean }): Promise<DealDetail> {
    const api = this.ac(`GET /deals/${dealId}`);
    const envelope = await api.deal(dealId, signal);
    this.learnNames(envelope);
    const acDeal = envelope.deal;
    if (isLocked(acDeal)) {
      const users = await this.userList();
      return { deal: toModelDeal(acDeal, await this.names()), stages: [], fields: [], tasks: [], users, raw: rawRecord(acDeal, [], []) };
    }
    // Field definitions last five minutes; the panel's Refresh reads them again.
    if (options?.fresh) this.fields.clear();
    const [pipelines, fields, data, tasks, users] = await Promise.all([
      this.pipelinesFor(idOf(acDeal.group)),
      this.fields.get(),
      api.fieldData(dealId, signal),
      this.loadTasks(dealId, signal),
      this.userList(),
      this.lookUpNames(acDeal, signal),
    ]);
    const deal = toModelDeal(acDeal, await this.names());
    deal.custom = customValues(fields, data, acDeal.currency);
    this.seen.remember([deal]);
    return {
      deal,
      stages: structuredClone(pipelines.find((p) => p.id === deal.pipelineId)?.stages ?? []),
      fields: fields.map((f) => structuredClone(f.def)),
      tasks,
      users,
      raw: rawRecord(acDeal, fields, data),
    };
  }

  async updateDeal(dealId: string, patch: DealPatch, signal?: AbortSignal): Promise<Deal> {
    const operation = `PUT /deals/${dealId}`;
    const api = this.ac(operation);
    const standard = hasStandardChanges(patch);
    const customEntries = Object.entries(patch.custom ?? {});
    const [pipelines, users, fields] = await Promise.all([
      patch.stageId !== undefined ? this.pipelinesWithStage(patch.stageId) : Promise.resolve([]),
      patch.ownerId ? this.userList() : Promise.resolve([]),
      this.fields.get(),
    ]);
    const errors: FieldError[] = [];
    const body = standard ? dealBody(patch, { stages: pipelines.flatMap((p) => p.stages), users }) : undefined;
    if (body && !body.ok) errors.push(...body.errors);
    const writes = planCustomWrites(customEntries, fields, errors);
    if (errors.length) throw localError('validation', this.accountLabel, operation, { fieldErrors: errors });

    let envelope: AcDealEnvelope | undefined;
    if (body?.ok) {
      envelope = await api.updateDeal(dealId, body.deal, signal);
      this.learnNames(envelope);
      this.checkStored(operation, envelope.deal, body.deal);
    }
    if (writes.length) await writeCustomValues(api, dealId, writes, signal);
    envelope ??= await api.deal(dealId, signal);
    const acDeal = envelope.deal;
    const names = await this.names();
    const deal = toModelDeal(acDeal, names);
    this.seen.remember([deal]);
    if (isLocked(acDeal)) return deal;
    const stored = await api.fieldData(dealId, signal);
    deal.custom = customValues(fields, stored, acDeal.currency);
    const ignored = writes.filter((w) => !sameFieldValue(w.value, deal.custom[w.field.def.key]));
    if (ignored.length) {
      throw localError('badResponse', this.accountLabel, operation, {
        summary: 'ActiveCampaign answered OK but did not store the change',
        fieldErrors: ignored.map((w) => ({ field: w.field.def.key, message: 'still shows the old value; reload the deal and try again' })),
      });
    }
    return deal;
  }

  async listTasks(dealId: string, signal?: AbortSignal): Promise<Task[]> {
    return this.loadTasks(dealId, signal);
  }

  async createTask(dealId: string, input: TaskInput, signal?: AbortSignal): Promise<Task> {
    const api = this.ac('POST /dealTasks');
    const types = await this.taskTypes.get();
    const body = createTaskBody(dealId, input, defaultTaskType(types)?.id?.toString());
    if (!body.ok) throw localError('validation', this.accountLabel, 'POST /dealTasks', { fieldErrors: body.errors });
    const created = await api.createTask(body.dealTask, signal).catch((e: unknown) => Promise.reject(toTaskFieldErrors(e)));
    return this.toTask(created.dealTask, types);
  }

  async updateTask(_dealId: string, taskId: string, patch: TaskPatch, signal?: AbortSignal): Promise<Task> {
    const operation = `PUT /dealTasks/${taskId}`;
    const api = this.ac(operation);
    const body = updateTaskBody(patch);
    if (!body.ok) throw localError('validation', this.accountLabel, operation, { fieldErrors: body.errors });
    const updated = await api.updateTask(taskId, body.dealTask, signal).catch((e: unknown) => Promise.reject(toTaskFieldErrors(e)));
    return this.toTask(updated.dealTask, needsTypeName(updated.dealTask) ? await this.taskTypes.get() : []);
  }

  async deleteTask(_dealId: string, taskId: string, signal?: AbortSignal): Promise<void> {
    await this.ac(`DELETE /dealTasks/${taskId}`).deleteTask(taskId, signal);
  }

  /** AC's own deal search (title, contact, organisation), one page, ordered by how the title matches. */
  async searchDeals(text: string, limit: number, signal?: AbortSignal): Promise<Deal[]> {
    const query = text.trim();
    const size = searchLimit(limit, PAGE_SIZE);
    if (!query || size === 0) return [];
    const [response, names] = await Promise.all([this.ac('GET /deals').searchDeals(query, size, signal), this.names()]);
    this.learnNames(response);
    const deals = response.deals.map((d) => toModelDeal(d, names));
    this.seen.remember(deals);
    return rankByName(deals, query, (d) => d.name).slice(0, size);
  }

  /**
   * The key's user's incomplete deal tasks, 100 a page. A task names only its deal's id (`relid`)
   * and AC documents no read of several deals by id, so the deal is shown as this provider last saw
   * it (tree, board, search, panel), else by its number: never a request per task.
   */
  async listOpenTasks(cursor: string | undefined, signal?: AbortSignal): Promise<Page<OpenTask>> {
    const offset = cursor === undefined ? 0 : Number(cursor);
    if (cursor !== undefined && (!/^\d+$/.test(cursor) || !Number.isSafeInteger(offset))) {
      throw localError('validation', this.accountLabel, 'GET /dealTasks', {
        fieldErrors: [{ field: 'cursor', message: 'is not a position in the task list; reload My Tasks' }],
      });
    }
    const api = this.ac('GET /dealTasks');
    const response = await api.openTasks(await this.meId.get(), offset, signal);
    const types = response.dealTasks.some(needsTypeName) ? await this.taskTypes.get() : [];
    const users = (await this.names()).users;
    const items = response.dealTasks
      .map((t): OpenTask => {
        const dealId = idOf(t.relid);
        return { task: toModelTask(t, typeNames(types), users), ...(dealId ? { deal: this.seen.ref(dealId) } : {}) };
      })
      .sort((a, b) => compareTasks(a.task, b.task));
    const next = nextOffset(offset, response.dealTasks.length, response.meta);
    return next === undefined ? { items } : { items, next: String(next) };
  }

  /**
   * AC's web app lives on another host than the API (`…api-us1.com` vs `….activehosted.com`), and
   * the notes do not confirm how one is derived from the other: no link rather than a wrong one.
   */
  webUrl(_target: WebTarget): string | undefined {
    return undefined;
  }

  dispose(): void {
    this.http?.dispose();
  }

  /** The API, or the account's configuration problem as a classified error. */
  private ac(operation: string): AcApi {
    if (this.api) return this.api;
    throw localError('validation', this.accountLabel, operation, { summary: this.configProblem });
  }

  private async fetchUsers(): Promise<PersonRef[]> {
    return (await this.ac('GET /users').users()).map(toPersonRefFromUser);
  }

  private async userList(): Promise<PersonRef[]> {
    return structuredClone(await this.users.get());
  }

  private async names(): Promise<NameBook> {
    let users: PersonRef[];
    try {
      users = await this.users.get();
    } catch (error) {
      // A key that may not list users still sees deals; owners then show by id.
      if (error instanceof CrmError && error.kind === 'forbidden') users = [];
      else throw error;
    }
    return { users: new Map(users.map((u) => [u.id, u])), contacts: this.contacts, accounts: this.accounts };
  }

  private learnNames(envelope: Pick<AcDealEnvelope, 'contacts' | 'accounts'>): void {
    for (const contact of envelope.contacts ?? []) this.contacts.set(String(contact.id), toPersonRefFromContact(contact));
    for (const account of envelope.accounts ?? []) this.accounts.set(String(account.id), toPersonRefFromAccount(account));
  }

  /** AC sends only ids on a deal: one lookup each for the contact and company names not known yet. */
  private async lookUpNames(deal: AcDeal, signal?: AbortSignal): Promise<void> {
    if (isLocked(deal)) return;
    const api = this.ac('GET /contacts');
    const contactId = idOf(deal.contact);
    const companyId = companyIdOf(deal);
    await Promise.all([
      contactId && !this.contacts.has(contactId)
        ? ignoreMissing(api.contact(contactId, signal).then((r) => void this.contacts.set(contactId, toPersonRefFromContact(r.contact))))
        : undefined,
      companyId && !this.accounts.has(companyId)
        ? ignoreMissing(api.account(companyId, signal).then((r) => void this.accounts.set(companyId, toPersonRefFromAccount(r.account))))
        : undefined,
    ]);
  }

  private async fetchPipelines(signal?: AbortSignal): Promise<Pipeline[]> {
    const api = this.ac('GET /dealGroups');
    const { groups, stages } = await api.pipelines(signal);
    const all = [...stages];
    for (const group of groups) {
      const listed = group.stages ?? [];
      const loaded = stages.some((s) => String(s.group) === String(group.id));
      // Stages normally come side-loaded; a pipeline listing stages that did not come is asked for them.
      if (listed.length && !loaded) all.push(...(await api.stagesOf(String(group.id), signal)));
    }
    return groups.map((group, index) => toModelPipeline(group, all, index));
  }

  /** The cached pipelines, fetched again when the deal's pipeline is not among them (created since). */
  private async pipelinesFor(pipelineId: string | undefined): Promise<Pipeline[]> {
    const cached = await this.pipelinesCache.get();
    if (!pipelineId || cached.some((p) => p.id === pipelineId)) return cached;
    this.pipelinesCache.clear();
    return this.pipelinesCache.get();
  }

  /** The cached pipelines, fetched again when the stage is not among them (created since). */
  private async pipelinesWithStage(stageId: string): Promise<Pipeline[]> {
    const cached = await this.pipelinesCache.get();
    if (cached.some((p) => p.stages.some((s) => s.id === stageId))) return cached;
    this.pipelinesCache.clear();
    return this.pipelinesCache.get();
  }

  private async loadTasks(dealId: string, signal?: AbortSignal): Promise<Task[]> {
    const tasks = await this.ac('GET /dealTasks').tasks(dealId, signal);
    const types = tasks.some(needsTypeName) ? await this.taskTypes.get() : [];
    const users = (await this.names()).users;
    return tasks.map((t) => toModelTask(t, typeNames(types), users)).sort(compareTasks);
  }

  private async toTask(task: AcTask, types: readonly AcTaskType[]): Promise<Task> {
    return toModelTask(task, typeNames(types), (await this.names()).users);
  }

  /** A PUT that AC answered with other values than were sent was not applied (e.g. a body it did not read). */
  private checkStored(operation: string, stored: AcDeal, sent: Record<string, unknown>): void {
    if (isLocked(stored)) return;
    const text = (v: unknown): string => (v === null || v === undefined ? '' : String(v).toLowerCase());
    const differs = Object.entries(sent).filter(([key, value]) => {
      const got = (stored as Record<string, unknown>)[key];
      // A key missing from the answer cannot be checked; one present with another value was not written.
      return got !== undefined && text(got) !== text(value);
    });
    if (!differs.length) return;
    throw localError('badResponse', this.accountLabel, operation, {
      summary: 'ActiveCampaign answered OK but did not store the change',
      detail: `unchanged: ${differs.map(([key]) => key).join(', ')}`,
    });
  }
}

/** A name lookup that finds nothing (deleted, or not visible to this key) leaves the name unknown. */
async function ignoreMissing(lookup: Promise<void>): Promise<void> {
  try {
    await lookup;
  } catch (error) {
    if (error instanceof CrmError && (error.kind === 'notFound' || error.kind === 'forbidden')) return;
    throw error;
  }
}
