import type { ProviderContext, ProviderDescriptor } from '../contract';
import type { CloseClientOptions } from './client';
import { CloseProvider } from './provider';

/**
 * Close publishes its limits per endpoint group without numbers; its example is 20 requests per
 * second per key. We space requests evenly at 19 a second (one below, for arrival jitter) rather
 * than in bursts: each answer's `RateLimit` header then arrives before the next request leaves, so
 * remaining=0 pauses the account in time when a group's real limit is lower; a 429 waits `rate_reset`.
 */
export const CLOSE_RATE_LIMIT = { ratePerSecond: 19, concurrency: 4 } as const;

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
