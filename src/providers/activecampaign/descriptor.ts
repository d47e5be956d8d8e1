import type { ProviderContext, ProviderDescriptor } from '../contract';
import { ActiveCampaignProvider, type ActiveCampaignProviderOptions } from './provider';

export const activeCampaignDescriptor: ProviderDescriptor = {
  id: 'activecampaign',
  displayName: 'ActiveCampaign',
  summary: 'ActiveCampaign deals: pipelines, stages, deal fields, custom fields and tasks (API v3).',
  icon: 'activecampaign',
  needsKey: true,
  keyHelp: 'In ActiveCampaign, open Settings → Developer and copy "Key" (the API key of your user).',
  baseUrl: {
    kind: 'required',
    placeholder: 'https://youraccount.api-us1.com',
    prompt: 'Your ActiveCampaign API URL: in ActiveCampaign, open Settings → Developer and copy "URL".',
    httpsOnly: true,
  },
  fixedDealFields: {
    expectedClose: 'ActiveCampaign deals have no standard close date; use a date custom field such as "Forecasted Close Date".',
    amountPeriod: 'ActiveCampaign deal values have no billing period.',
  },
  capabilities: {
    updateDeal: true,
    moveStage: true,
    setOutcome: true,
    updateCustomFields: true,
    listTasks: true,
    createTask: true,
    updateTask: true,
    completeTask: true,
    deleteTask: true,
    search: true,
    openTasks: true,
  },
  // Documented: 5 requests per second per account. Three in flight keeps 5/s busy at ~500 ms latency.
  rateLimit: { ratePerSecond: 5, concurrency: 3 },
  create: (context) => createActiveCampaignProvider(context),
};

/** Like `activeCampaignDescriptor.create`, with the test options (shorter retry backoff). */
export function createActiveCampaignProvider(
  context: ProviderContext,
  options?: ActiveCampaignProviderOptions,
): ActiveCampaignProvider {
  return new ActiveCampaignProvider(activeCampaignDescriptor, context, options);
}
