import { AccountSessions } from '../../../src/accounts/account-sessions';
import { CrmError, type CrmErrorKind } from '../../../src/http/errors';
import type { Account, Task } from '../../../src/model';
import type { OpenTask, ProviderDescriptor, TaskPatch } from '../../../src/providers/contract';
import { StubProvider, stubDescriptor } from '../helpers/stub-provider';

/** A stub CRM that lists open tasks page by page and completes them, counting every call. */
export class TaskStubProvider extends StubProvider {
  readonly taskCalls: string[] = [];
  tasks: OpenTask[] = [];
  taskPageSize = 50;
  readonly listFailures: CrmErrorKind[] = [];
  /** Replaces updateTask's answer, e.g. with a promise the test settles itself. */
  onUpdate: ((dealId: string, taskId: string, patch: TaskPatch) => Promise<Task>) | undefined;
  /** What the HTTP layer calls when a rate limit makes the account wait (set by the session). */
  rateLimitWait: (delayMs: number) => void = () => {};
  /** Holds every listOpenTasks call until released, to play a slow account. */
  hold: Promise<void> | undefined;

  constructor(descriptor: ProviderDescriptor, readonly accountLabel = 'Stub account') {
    super(descriptor);
  }

  async listOpenTasks(cursor: string | undefined) {
    this.taskCalls.push(`listOpenTasks@${cursor ?? 0}`);
    if (this.hold) await this.hold;
    const kind = this.listFailures.shift();
    if (kind) throw this.error(kind, 'GET /tasks');
    const start = Number(cursor ?? 0);
    const open = this.tasks.filter((t) => !t.task.done);
    const items = structuredClone(open.slice(start, start + this.taskPageSize));
    const next = start + this.taskPageSize < open.length ? String(start + this.taskPageSize) : undefined;
    return { items, next };
  }

  override async updateTask(dealId: string, taskId: string, patch: TaskPatch): Promise<Task> {
    this.taskCalls.push(`updateTask ${dealId} ${taskId} ${JSON.stringify(patch)}`);
    if (this.onUpdate) return this.onUpdate(dealId, taskId, patch);
    const stored = this.tasks.find((t) => t.task.id === taskId && t.deal?.id === dealId);
    if (!stored) throw this.error('notFound', `PUT /tasks/${taskId}`);
    Object.assign(stored.task, patch);
    return structuredClone(stored.task);
  }

  error(kind: CrmErrorKind, operation: string, detail?: string): CrmError {
    return new CrmError({
      kind, account: this.accountLabel, provider: this.descriptor.displayName, operation, detail,
      status: kind === 'auth' ? 401 : kind === 'validation' ? 400 : kind === 'rateLimited' ? 429 : undefined,
      host: 'stub.example', retryAfterMs: kind === 'rateLimited' ? 12_000 : undefined,
    });
  }
}

export function taskDescriptor(overrides: { openTasks?: boolean; completeTask?: boolean; displayName?: string; needsKey?: boolean } = {}): ProviderDescriptor {
  const base = stubDescriptor(overrides.needsKey ?? true);
  return {
    ...base,
    displayName: overrides.displayName ?? base.displayName,
    capabilities: { ...base.capabilities, openTasks: overrides.openTasks ?? true, completeTask: overrides.completeTask ?? true },
  };
}

export function openTask(id: string, due: Task['due'], extra: { deal?: string | null; about?: string; title?: string; readOnlyReason?: string } = {}): OpenTask {
  const dealId = extra.deal === undefined ? `d-${id}` : extra.deal;
  return {
    task: { id, title: extra.title ?? `Task ${id}`, done: false, ...(due ? { due } : {}), ...(extra.readOnlyReason ? { readOnlyReason: extra.readOnlyReason } : {}) },
    ...(dealId ? { deal: { id: dealId, name: `Deal ${dealId}` } } : {}),
    ...(extra.about ? { about: extra.about } : {}),
  };
}

/** Sessions over several stub accounts; `keys` maps an account id to its key (undefined: none). */
export function sessionsFor(entries: { account: Account; provider: TaskStubProvider; key?: string | null }[]) {
  const sessions = new AccountSessions((account) => {
    const entry = entries.find((e) => e.account.id === account.id)!;
    return {
      descriptor: entry.provider.descriptor,
      readKey: async () => (entry.key === null ? undefined : entry.key ?? 'secret'),
      createProvider: (_a, _k, onWait) => {
        entry.provider.rateLimitWait = onWait;
        return entry.provider;
      },
    };
  });
  sessions.sync(entries.map((e) => e.account));
  return sessions;
}
