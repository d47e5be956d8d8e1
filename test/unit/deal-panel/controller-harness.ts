import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AccountSession } from '../../../src/accounts/account-session';
import { DealController } from '../../../src/deal-panel/deal-controller';
import type { Account, Deal } from '../../../src/model';
import type { HostToWebview } from '../../../src/protocol';
import { SampleProvider, sampleDescriptor } from '../../../src/providers/sample';

/** A controller over a real Sample CRM in a temp folder, with everything it posts recorded. */
export async function controllerFor(dealId?: string) {
  const account: Account = { id: 'sample', provider: 'sample', label: 'Sample CRM' };
  const storageDir = mkdtempSync(join(tmpdir(), 'crm-panel-'));
  const logs: string[] = [];
  const logger = { debug: () => {}, info: () => {}, warn: (m: string) => logs.push(m), error: (m: string) => logs.push(m) };
  const provider = new SampleProvider(sampleDescriptor, { account, logger, storageDir });
  const calls: string[] = [];
  const counted = new Proxy(provider, {
    get(target, prop, receiver) {
      const value = Reflect.get(target, prop, receiver);
      return typeof value === 'function' ? (...args: unknown[]) => (calls.push(String(prop)), value.apply(target, args)) : value;
    },
  });
  const session = new AccountSession(account, {
    descriptor: sampleDescriptor, readKey: async () => undefined, createProvider: () => counted,
  });
  const changes: { deal: Deal; previousStageId?: string }[] = [];
  const originalChanged = session.dealChanged.bind(session);
  session.dealChanged = (deal, previousStageId) => {
    changes.push({ deal, previousStageId });
    originalChanged(deal, previousStageId);
  };
  const posted: HostToWebview[] = [];
  const opened: string[] = [];
  const titles: string[] = [];
  const id = dealId ?? (await firstDeal(provider));
  const controller = new DealController(session, id, {
    post: (m) => posted.push(m), openExternal: (u) => opened.push(u), setTitle: (t) => titles.push(t),
  }, logger, 'en-US');
  calls.length = 0;
  return { controller, provider, session, posted, opened, titles, logs, changes, calls, dealId: id };
}

async function firstDeal(provider: SampleProvider): Promise<string> {
  const [pipeline] = await provider.listPipelines();
  for (const stage of pipeline!.stages) {
    const page = await provider.listDeals({ pipelineId: pipeline!.id, stageId: stage.id });
    const open = page.items.find((d) => d.outcome === 'open');
    if (open) return open.id;
  }
  throw new Error('no open deal in the sample data');
}

export function last<T extends HostToWebview['type']>(posted: HostToWebview[], type: T): Extract<HostToWebview, { type: T }> {
  const found = [...posted].reverse().find((m) => m.type === type);
  if (!found) throw new Error(`nothing of type ${type} was posted; got ${posted.map((m) => m.type).join(', ')}`);
  return found as Extract<HostToWebview, { type: T }>;
}
