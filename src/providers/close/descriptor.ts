import type { ProviderContext, ProviderDescriptor } from '../contract';
import type { CloseClientOptions } from './client';
import { CloseProvider } from './provider';

/**
 * Close publishes its limits per endpoint group without numbers; its example is 20 requests per
 * second per key. A log of send times lets up to 20 go in any second (a deal's reads leave
 * together) and never more. At most 4 are unanswered at once, so each answer's `RateLimit` header
 * comes back in time: remaining=0 pauses the account when a group's real limit is lower, and a 429
 * waits `rate_reset`.
 */
export const CLOSE_RATE_LIMIT = { ratePerSecond: 20, concurrency: 4, window: { limit: 20, ms: 1000 } } as const;

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
