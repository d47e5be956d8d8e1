import { CrmError, type CrmErrorKind } from '../../../src/http/errors';
import { money, type Account, type Deal, type Pipeline, type Task } from '../../../src/model';
import type {
  CrmProvider, DealDetail, DealPatch, DealQuery, ProviderDescriptor, TaskInput, TaskPatch,
} from '../../../src/providers/contract';

/**
 * A small in-memory CRM for testing the layers above the providers: pages of a chosen size, a
 * count of every call, and failures queued per method.
 */
export class StubProvider implements CrmProvider {
  readonly calls: string[] = [];
  readonly failures: Partial<Record<'listPipelines' | 'listDeals' | 'checkKey', CrmErrorKind[]>> = {};
  pipelinesData: Pipeline[];
  dealsByStage = new Map<string, Deal[]>();
  disposed = false;

  constructor(readonly descriptor: ProviderDescriptor, readonly pageSize = 3, withTotals = true) {
    this.withTotals = withTotals;
    this.pipelinesData = [{
      id: 'p1', name: 'New Business', order: 0, stages: [
        { id: 's1', pipelineId: 'p1', name: 'Qualified', order: 0, outcome: 'open' },
        { id: 's2', pipelineId: 'p1', name: 'Won', order: 1, outcome: 'won' },
        { id: 's3', pipelineId: 'p1', name: 'Lost', order: 2, outcome: 'lost' },
      ],
    }];
    this.dealsByStage.set('s1', Array.from({ length: 7 }, (_, i) => deal(`d${i + 1}`, 's1', 10_000 * (i + 1), i % 2 ? 'EUR' : 'USD')));
    this.dealsByStage.set('s2', [deal('w1', 's2', 250_050, 'USD', 'won')]);
    this.dealsByStage.set('s3', []);
  }

  private readonly withTotals: boolean;

  async checkKey() {
    this.record('checkKey');
    return { user: 'stub' };
  }

  async listPipelines() {
    this.record('listPipelines');
    return structuredClone(this.pipelinesData);
  }

  async listDeals(query: DealQuery) {
    this.record('listDeals', `${query.stageId}@${query.cursor ?? 0}`);
    const all = this.dealsByStage.get(query.stageId) ?? [];
    const start = Number(query.cursor ?? 0);
    const items = structuredClone(all.slice(start, start + this.pageSize));
    const next = start + this.pageSize < all.length ? String(start + this.pageSize) : undefined;
    if (!this.withTotals) return { items, next };
    const usd = all.filter((d) => d.amount?.currency === 'USD').reduce((s, d) => s + BigInt(d.amount!.minor), 0n);
    const eur = all.filter((d) => d.amount?.currency === 'EUR').reduce((s, d) => s + BigInt(d.amount!.minor), 0n);
    const totals = [eur ? money(eur, 2, 'EUR') : undefined, usd ? money(usd, 2, 'USD') : undefined].filter((m) => m !== undefined);
    return { items, next, total: all.length, totals };
  }

  // The contract's signatures, so a subclass can override any of these with a working one.
  async fetchDeal(_dealId: string, _signal?: AbortSignal): Promise<Deal> { throw new Error('not used'); }
  async getDeal(_dealId: string, _signal?: AbortSignal): Promise<DealDetail> { throw new Error('not used'); }
  async updateDeal(_dealId: string, _patch: DealPatch, _signal?: AbortSignal): Promise<Deal> { throw new Error('not used'); }
  async listTasks(_dealId: string, _signal?: AbortSignal): Promise<Task[]> { return []; }
  async createTask(_dealId: string, _input: TaskInput, _signal?: AbortSignal): Promise<Task> { throw new Error('not used'); }
  async updateTask(_dealId: string, _taskId: string, _patch: TaskPatch, _signal?: AbortSignal): Promise<Task> { throw new Error('not used'); }
  async deleteTask(_dealId: string, _taskId: string, _signal?: AbortSignal): Promise<void> {}
  webUrl() { return undefined; }
  dispose() { this.disposed = true; }

  private record(method: 'listPipelines' | 'listDeals' | 'checkKey', detail = '') {
    this.calls.push(detail ? `${method} ${detail}` : method);
    const kind = this.failures[method]?.shift();
    if (kind) {
      throw new CrmError({
        kind, account: 'Stub account', provider: 'Stub CRM', operation: `GET /${method}`,
        status: kind === 'auth' ? 401 : kind === 'server' ? 503 : undefined,
        host: 'stub.example', issuePath: kind === 'badResponse' ? 'data[3].value' : undefined,
      });
    }
  }
}

export function deal(id: string, stageId: string, cents: number, currency: string, outcome: Deal['outcome'] = 'open'): Deal {
  return {
    id, name: `Deal ${id}`, pipelineId: 'p1', stageId, amount: money(cents, 2, currency),
    expectedClose: '2026-03-03', outcome, custom: {},
  };
}

export function stubDescriptor(needsKey = true): ProviderDescriptor {
  return {
    id: 'close', displayName: 'Stub CRM', summary: 'test', icon: 'close', needsKey,
    baseUrl: { kind: 'none' },
    capabilities: {
      updateDeal: true, moveStage: true, setOutcome: false, updateCustomFields: true, listTasks: true,
      createTask: true, updateTask: true, completeTask: true, deleteTask: true, search: false, openTasks: false,
    },
    create: () => { throw new Error('use StubProvider directly'); },
  };
}

export const stubAccount: Account = { id: 'acct', provider: 'close', label: 'Stub account' };
