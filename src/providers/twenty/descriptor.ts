import type { ProviderContext, ProviderDescriptor } from '../contract';
import { CLOUD_URL } from './api-url';
import { TwentyProvider, type TwentyProviderOptions } from './provider';

export const twentyDescriptor: ProviderDescriptor = {
  id: 'twenty',
  displayName: 'Twenty',
  summary: 'Twenty opportunities: the stage pipeline, fields, custom fields and tasks (REST API, Twenty Cloud or self-hosted).',
  icon: 'twenty',
  needsKey: true,
  keyHelp: 'In Twenty, open Settings → APIs & Webhooks, create an API key and copy it (Twenty shows it once).',
  baseUrl: {
    kind: 'optional',
    defaultUrl: CLOUD_URL,
    prompt: 'Your Twenty server: keep https://api.twenty.com for Twenty Cloud, or give your self-hosted address (e.g. https://crm.example.com).',
  },
  fixedDealFields: {
    probability: 'Twenty opportunities have no probability field to write.',
    description: 'Twenty opportunities have no description field.',
    amountPeriod: 'Twenty amounts have no billing period.',
  },
  capabilities: {
    updateDeal: true,
    moveStage: true,
    // Twenty's stages and opportunities carry no won/lost; a local stage mapping says which stages are.
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
  // Documented: 100 requests per minute per workspace (the code's long bucket). The client runs 10%
  // under it with a burst of 8, at most 98 in any minute (provider.ts clientLimits); Twenty Cloud may be
  // stricter (a user saw 50/min), so every 429 is honoured for as long as `Retry-After` says.
  rateLimit: { ratePerSecond: 100 / 60, concurrency: 4 },
  create: (context) => createTwentyProvider(context),
};

/** Like `twentyDescriptor.create`, with the test options (shorter backoff, a fixed time zone, a scaled rate window). */
export function createTwentyProvider(context: ProviderContext, options?: TwentyProviderOptions): TwentyProvider {
  return new TwentyProvider(twentyDescriptor, context, options);
}
