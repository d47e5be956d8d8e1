import type { ProviderContext, ProviderDescriptor } from '../contract';
import type { CloseClientOptions } from './client';
import { CloseProvider } from './provider';

/**
 * Close publishes its limits per endpoint group without numbers; its example is 20 requests per
 * second per key (60 per organization). We stay at half of that example and keep few requests in
 * flight, so other integrations on the same key keep their share; a 429 still waits `rate_reset`.
 */
export const CLOSE_RATE_LIMIT = { ratePerSecond: 10, concurrency: 4 } as const;

export const closeDescriptor: ProviderDescriptor = {
  id: 'close',
  displayName: 'Close',
  summary: 'Close CRM: opportunity pipelines, custom fields and lead tasks, with your API key.',
  icon: 'close',
  needsKey: true,
  keyHelp: 'In Close, open Settings → Developer → API Keys, create a key and paste it here.',
  baseUrl: { kind: 'none' },
  fixedDealFields: {
    name: "Close opportunities are named after their lead; rename the lead in Close.",
  },
  capabilities: {
    updateDeal: true,
    moveStage: true,
    setOutcome: false,
    updateCustomFields: true,
    listTasks: true,
    createTask: true,
    updateTask: true,
    completeTask: true,
    deleteTask: true,
    search: true,
    openTasks: true,
  },
  rateLimit: { ...CLOSE_RATE_LIMIT },
  create: (context) => createCloseProvider(context),
};

/** Like `closeDescriptor.create`; tests may pass HttpClient seams (dispatcher, clock, retry). */
export function createCloseProvider(context: ProviderContext, http?: CloseClientOptions['http']): CloseProvider {
  const limits = closeDescriptor.rateLimit ?? CLOSE_RATE_LIMIT;
  return new CloseProvider(closeDescriptor, context, { limits, http });
}
