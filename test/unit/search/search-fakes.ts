import { AccountSessions } from '../../../src/accounts/account-sessions';
import type { AccountSession } from '../../../src/accounts/account-session';
import { CrmError, type CrmErrorKind } from '../../../src/http/errors';
import { money, type Account, type Deal } from '../../../src/model';
import type { ProviderDescriptor } from '../../../src/providers/contract';
import type { Timers } from '../../../src/search/deal-search';
import { StubProvider, stubDescriptor } from '../helpers/stub-provider';

/** One searchDeals call, answered by the test when it chooses. */
export interface PendingSearch {
  text: string;
  limit: number;
  signal: AbortSignal | undefined;
  answer(deals: Deal[]): void;
  fail(kind: CrmErrorKind, extra?: { retryAfterMs?: number }): void;
}

/** A CRM with server-side search whose answers the test releases one by one. */
export class SearchingStub extends StubProvider {
  readonly searches: PendingSearch[] = [];

  constructor(readonly label: string) {
    super(searchDescriptor(label));
  }

  searchDeals(text: string, limit: number, signal?: AbortSignal): Promise<Deal[]> {
    return new Promise<Deal[]>((resolve, reject) => {
      const error = (kind: CrmErrorKind, extra: { retryAfterMs?: number } = {}) => new CrmError({
        kind, account: this.label, provider: this.descriptor.displayName, operation: 'GET /search', host: 'stub.example',
        status: kind === 'auth' ? 401 : kind === 'rateLimited' ? 429 : undefined, ...extra,
      });
      // Like the HTTP layer: an aborted request rejects as cancelled.
      signal?.addEventListener('abort', () => reject(error('cancelled')));
      this.searches.push({ text, limit, signal, answer: resolve, fail: (kind, extra) => reject(error(kind, extra)) });
    });
  }
}

function searchDescriptor(label: string): ProviderDescriptor {
  const base = stubDescriptor();
  return { ...base, displayName: `${label} CRM`, capabilities: { ...base.capabilities, search: true } };
}

export function namedDeal(id: string, name: string, extra: Partial<Deal> = {}): Deal {
  return { id, name, pipelineId: 'p1', stageId: 's1', amount: money(123_450, 2, 'USD'), outcome: 'open', custom: {}, ...extra };
}

/** Real sessions (key handling, rate-limit waits) over the given stubs, in this order. */
export function sessionsFor(stubs: { account: Account; provider: StubProvider; key?: string | undefined }[]) {
  const waits = new Map<string, (ms: number) => void>();
  const created: string[] = [];
  const sessions = new AccountSessions((account) => {
    const entry = stubs.find((s) => s.account.id === account.id)!;
    return {
      descriptor: entry.provider.descriptor,
      readKey: async () => ('key' in entry ? entry.key : 'secret'),
      createProvider: (_a, _k, onWait) => {
        created.push(account.id);
        waits.set(account.id, onWait);
        return entry.provider;
      },
    };
  });
  sessions.sync(stubs.map((s) => s.account));
  const list = stubs.map((s) => sessions.get(s.account.id)!) as AccountSession[];
  return { sessions, list, created, wait: (accountId: string, ms: number) => waits.get(accountId)?.(ms) };
}

/** Timers the test advances by hand: the debounce fires only when the test says so. */
export class ManualTimers implements Timers {
  private next = 1;
  readonly pending = new Map<number, { run: () => void; ms: number }>();

  setTimeout(run: () => void, ms: number): unknown {
    const id = this.next++;
    this.pending.set(id, { run, ms });
    return id;
  }

  clearTimeout(handle: unknown): void {
    this.pending.delete(handle as number);
  }

  /** Runs every timer that is due now (all of them: time only moves when the test says so). */
  fire(): void {
    const due = [...this.pending.entries()];
    this.pending.clear();
    for (const [, timer] of due) timer.run();
  }
}

export const settle = () => new Promise((resolve) => setTimeout(resolve, 0));
