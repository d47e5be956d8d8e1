import type { Account, Deal, Task } from '../model';
import type { CrmProvider, DealDetail, DealPatch, Logger, ProviderDescriptor } from '../providers/contract';
import {
  WebviewToHostSchema, type DealView, type FieldRef, type HostToWebview, type WebviewToHost,
} from '../protocol';
import type { OpenTaskList } from '../accounts/open-task-list';
import { refusal, toErrorInfo } from './error-info';

/** What the controller needs of an account: the session satisfies it. */
export interface DealSource {
  readonly account: Account;
  readonly descriptor: ProviderDescriptor | undefined;
  call<T>(action: (provider: CrmProvider) => Promise<T>): Promise<T>;
  dealChanged(deal: Deal, previousStageId?: string): void;
  /** The account's open tasks, told about task changes so My Tasks and the board stay in step. */
  openTasks?(): Pick<OpenTaskList, 'taskChanged' | 'remove'>;
}

/** One read of the deal, numbered. */
interface Read {
  detail: DealDetail;
  hasWebUrl: boolean;
  read: number;
}

/** What the controller needs of the panel; the VS Code host implements it. */
export interface DealPanelPort {
  post(message: HostToWebview): void;
  openExternal(url: string): void;
  setTitle(title: string): void;
}

type EditMessage = Extract<WebviewToHost, { type: 'edit' }>;
type TaskMessage = Extract<WebviewToHost, { type: 'createTask' | 'updateTask' | 'deleteTask' }>;

/**
 * The deal panel's logic, free of `vscode`: loads the deal, validates every message from the
 * webview, checks capabilities and concurrent changes before writing, and answers each request
 * with the stored value or a classified error the webview shows beside the field.
 */
export class DealController {
  private view: DealView | undefined;
  /** Versions (updatedAt) this panel's own writes produced: reaching one of them is not a conflict. */
  private readonly ownVersions = new Set<string>();
  /** The read `prefetch` started, until a load takes it. */
  private early: Promise<Read> | undefined;
  /** The prefetched read once it arrived, while 'ready' may still come: sent without asking again. */
  private pushed: Read | undefined;
  /** Numbers the reads, so the webview knows an 'init' it has already drawn. */
  private reads = 0;
  /** How many times a page said 'ready': once per page load (VS Code reloads a hidden webview). */
  private readyCount = 0;

  constructor(
    private readonly source: DealSource,
    readonly dealId: string,
    private readonly port: DealPanelPort,
    private readonly log: Logger,
    private readonly locale?: string,
  ) {}

  get current(): DealView | undefined {
    return this.view;
  }

  /** Every message from the webview arrives here first; anything that does not validate is dropped. */
  async handle(raw: unknown): Promise<void> {
    const parsed = WebviewToHostSchema.safeParse(raw);
    if (!parsed.success) {
      const type = raw && typeof raw === 'object' && 'type' in raw ? String((raw as { type: unknown }).type).slice(0, 40) : typeof raw;
      this.log.warn(`Deal panel: dropped an invalid message (${type}): ${parsed.error.issues[0]?.message ?? 'invalid'}`);
      return;
    }
    const message = parsed.data;
    switch (message.type) {
      case 'ready':
        return this.load();
      case 'refresh':
        return this.load({ fresh: true });
      case 'edit':
        return this.edit(message);
      case 'createTask':
      case 'updateTask':
      case 'deleteTask':
        return this.task(message);
      case 'openInCrm':
        return this.openInCrm();
      case 'openUrl':
        return this.openUrl(message.url);
    }
  }

  /**
   * Starts reading the deal while the webview is still starting, so the first 'ready' finds it
   * read or on its way rather than asking only then.
   */
  prefetch(): void {
    if (this.early) return;
    const early = this.read();
    this.early = early;
    // Sent as soon as it is read, before the webview says 'ready': VS Code holds a message until the
    // page has loaded, and the page listens from its first script. That saves the round trip of
    // 'ready'; 'ready' still answers with the same read, which the page knows by its number.
    early.then((read) => {
      if (this.readyCount > 0 || this.early !== early) return;
      this.pushed = read;
      this.show(read);
    }, () => undefined);
  }

  /** `fresh`: the user asked for Refresh, so the account's stages, fields and users are read again too. */
  async load(options: { fresh?: boolean } = {}): Promise<void> {
    const ready = !options.fresh;
    if (ready) this.readyCount++;
    // The first 'ready' after a pushed view: the page has it (or gets it again here, same number).
    const pushed = ready && this.readyCount === 1 ? this.pushed : undefined;
    this.pushed = undefined;
    if (pushed && this.view) {
      this.early = undefined;
      this.port.post({ type: 'init', view: this.view, read: pushed.read });
      return;
    }
    this.port.post({ type: 'loading' });
    this.ownVersions.clear();
    const early = options.fresh ? undefined : this.early;
    this.early = undefined;
    try {
      this.show(await (early ?? this.read(options)));
    } catch (error) {
      this.port.post({ type: 'loadError', error: toErrorInfo(error) });
    }
  }

  private show({ detail, hasWebUrl, read }: Read): void {
    const descriptor = this.source.descriptor;
    this.view = {
      accountId: this.source.account.id,
      accountLabel: this.source.account.label,
      providerName: descriptor?.displayName ?? this.source.account.provider,
      capabilities: { ...(descriptor?.capabilities ?? readOnly) },
      fixedFields: { ...(descriptor?.fixedDealFields ?? {}) },
      note: noteFor(descriptor),
      hasWebUrl,
      ...detail,
      locale: this.locale,
    };
    this.port.setTitle(detail.deal.name || 'Deal');
    this.port.post({ type: 'init', view: this.view, read });
  }

  private async read(options: { fresh?: boolean } = {}): Promise<Read> {
    const read = ++this.reads;
    const detail = await this.source.call((p) => p.getDeal(this.dealId, undefined, options));
    const hasWebUrl = Boolean(await this.source.call(async (p) => p.webUrl({ kind: 'deal', dealId: this.dealId })));
    return { detail, hasWebUrl, read };
  }

  private async edit(message: EditMessage): Promise<void> {
    const refused = this.refuseEdit(message.field, message.patch);
    if (refused) {
      this.port.post({ type: 'editFailed', requestId: message.requestId, error: refusal(refused) });
      return;
    }
    try {
      if (message.basedOn && !message.overwrite) {
        const stored = await this.source.call((p) => p.fetchDeal(this.dealId));
        // Several edits may be in flight: a newer version that this panel wrote itself is no conflict.
        if (stored.updatedAt && stored.updatedAt !== message.basedOn && !this.ownVersions.has(stored.updatedAt)) {
          this.port.post({ type: 'conflict', requestId: message.requestId, current: stored });
          return;
        }
      }
      const previousStageId = this.view?.deal.stageId;
      const deal = await this.source.call((p) => p.updateDeal(this.dealId, message.patch as DealPatch));
      if (deal.updatedAt) this.ownVersions.add(deal.updatedAt);
      if (this.view) this.view = { ...this.view, deal };
      this.port.post({ type: 'edited', requestId: message.requestId, deal });
      this.port.setTitle(deal.name || 'Deal');
      this.source.dealChanged(deal, previousStageId);
    } catch (error) {
      this.log.warn(`Deal panel: saving ${describeField(message.field)} failed: ${error instanceof Error ? error.message : String(error)}`);
      this.port.post({ type: 'editFailed', requestId: message.requestId, error: toErrorInfo(error) });
    }
  }

  /** Says why an edit cannot be sent at all, or undefined when it may be. */
  private refuseEdit(field: FieldRef, patch: EditMessage['patch']): string | undefined {
    const caps = this.source.descriptor?.capabilities ?? readOnly;
    const crm = this.source.descriptor?.displayName ?? 'This CRM';
    if (this.view?.deal.locked) return `This API key has no access to this deal in ${crm}.`;
    const keys = Object.keys(patch) as (keyof typeof patch)[];
    if (keys.length === 0) return 'Nothing to save.';
    const fixed: Record<string, string | undefined> = this.source.descriptor?.fixedDealFields ?? {};
    for (const key of keys) {
      if (fixed[key]) return fixed[key];
      if (key === 'stageId' && !caps.moveStage) return `${crm} does not let CRM Pipelines move deals between stages.`;
      if (key === 'outcome' && !caps.setOutcome) return `${crm} sets won or lost through the stage; change the stage instead.`;
      if (key === 'custom' && !caps.updateCustomFields) return `${crm} does not let CRM Pipelines change custom fields.`;
      if (key !== 'stageId' && key !== 'outcome' && key !== 'custom' && !caps.updateDeal) return `${crm} is read-only in CRM Pipelines.`;
    }
    for (const key of Object.keys(patch.custom ?? {})) {
      const def = this.view?.fields.find((f) => f.key === key);
      if (this.view && !def) return `${crm} has no field "${key}" for deals.`;
      if (def && !def.writable) return def.reason ?? `${crm} does not let this key change "${def.label}".`;
    }
    if (field.kind === 'custom' && !(patch.custom && field.key in patch.custom)) return 'The edit does not match its field.';
    return undefined;
  }

  private async task(message: TaskMessage): Promise<void> {
    const caps = this.source.descriptor?.capabilities ?? readOnly;
    const crm = this.source.descriptor?.displayName ?? 'This CRM';
    const onlyDone = message.type === 'updateTask' && Object.keys(message.patch).every((k) => k === 'done');
    const allowed = message.type === 'createTask' ? caps.createTask
      : message.type === 'deleteTask' ? caps.deleteTask
      : onlyDone ? caps.completeTask || caps.updateTask : caps.updateTask;
    const existing = 'taskId' in message ? this.view?.tasks.find((t) => t.id === message.taskId) : undefined;
    if (!allowed || existing?.readOnlyReason) {
      const reason = existing?.readOnlyReason ?? `${crm} does not let CRM Pipelines do this to tasks.`;
      this.port.post({ type: 'taskFailed', requestId: message.requestId, error: refusal(reason) });
      return;
    }
    try {
      const tasks = await this.applyTask(message);
      if (this.view) this.view = { ...this.view, tasks };
      this.port.post({ type: 'tasksChanged', requestId: message.requestId, tasks });
    } catch (error) {
      this.log.warn(`Deal panel: ${message.type} failed: ${error instanceof Error ? error.message : String(error)}`);
      this.port.post({ type: 'taskFailed', requestId: message.requestId, error: toErrorInfo(error) });
    }
  }

  /** Writes one task change and returns the deal's task list as it now stands, without a re-list. */
  private async applyTask(message: TaskMessage): Promise<Task[]> {
    const tasks = [...(this.view?.tasks ?? [])];
    if (message.type === 'createTask') {
      const created = await this.source.call((p) => p.createTask(this.dealId, message.input));
      return [...tasks, created];
    }
    if (message.type === 'deleteTask') {
      await this.source.call((p) => p.deleteTask(this.dealId, message.taskId));
      this.source.openTasks?.().remove(message.taskId);
      return tasks.filter((t) => t.id !== message.taskId);
    }
    const updated = await this.source.call((p) => p.updateTask(this.dealId, message.taskId, message.patch));
    this.source.openTasks?.().taskChanged(updated);
    return tasks.map((t) => (t.id === updated.id ? updated : t));
  }

  private async openInCrm(): Promise<void> {
    const url = await this.source.call(async (p) => p.webUrl({ kind: 'deal', dealId: this.dealId }));
    if (url) this.port.openExternal(url);
  }

  /** Opens a url field's link: http(s) only, so a CRM value can never run a command or a file. */
  private openUrl(text: string): void {
    let url: URL;
    try {
      url = new URL(/^[a-z][\w+.-]*:/i.test(text) ? text : `https://${text}`);
    } catch {
      this.log.warn('Deal panel: not opening a link that is not a URL.');
      return;
    }
    if (url.protocol === 'https:' || url.protocol === 'http:') this.port.openExternal(url.toString());
    else this.log.warn(`Deal panel: not opening a ${url.protocol} link; only http and https open.`);
  }
}

const readOnly = {
  updateDeal: false, moveStage: false, setOutcome: false, updateCustomFields: false, listTasks: false,
  createTask: false, updateTask: false, completeTask: false, deleteTask: false, search: false, openTasks: false,
};

function noteFor(descriptor: ProviderDescriptor | undefined): string | undefined {
  if (!descriptor) return undefined;
  const caps = descriptor.capabilities;
  if (!caps.updateDeal && !caps.moveStage && !caps.updateCustomFields) {
    return `${descriptor.displayName}'s API is read-only: this panel shows the deal but cannot change it.`;
  }
  return undefined;
}

function describeField(field: FieldRef): string {
  return field.kind === 'custom' ? `custom field ${field.key}` : field.name;
}
