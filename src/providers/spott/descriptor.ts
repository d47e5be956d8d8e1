import type { ProviderContext, ProviderDescriptor } from '../contract';
import { SpottProvider, type SpottProviderOptions } from './provider';

export const spottDescriptor: ProviderDescriptor = {
  id: 'spott',
  displayName: 'Spott',
  summary: 'Spott (recruiting CRM) opportunities: stages, deal fields, custom attributes (read-only) and tasks.',
  icon: 'spott',
  needsKey: true,
  keyHelp: 'In Spott, open Settings → API Keys, create a key and paste it here.',
  baseUrl: { kind: 'none' },
  fixedDealFields: {
    amount: 'Spott opportunities have no amount.',
    amountPeriod: 'Spott opportunities have no amount.',
    probability: 'Spott opportunities have no probability.',
  },
  capabilities: {
    // PATCH /opportunities/{id} documents name, description, stage, owner and close date.
    updateDeal: true,
    moveStage: true,
    // Won/lost is the stage's (isOpen false); there is no outcome on the opportunity.
    setOutcome: false,
    // customAttributes come with GET one; no write is documented.
    updateCustomFields: false,
    listTasks: true,
    createTask: true,
    // No task update, completion or deletion is documented.
    updateTask: false,
    completeTask: false,
    deleteTask: false,
    search: false,
    openTasks: true,
  },
  // Documented 1000/min per key (support site), 600/min per a third-party write-up: we take 600/min
  // as 10 in any second (so never more than 600 in any minute). Paging is sequential; 4 in flight at most.
  rateLimit: { ratePerSecond: 10, concurrency: 4 },
  create: (context) => createSpottProvider(context),
};

/** Like `spottDescriptor.create`, with the test options (shorter retry backoff, cache ages). */
export function createSpottProvider(context: ProviderContext, options?: SpottProviderOptions): SpottProvider {
  return new SpottProvider(spottDescriptor, context, options);
}
