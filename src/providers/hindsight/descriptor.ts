import type { ProviderContext, ProviderDescriptor } from '../contract';
import { HindsightProvider, type HindsightProviderOptions } from './provider';

export const hindsightDescriptor: ProviderDescriptor = {
  id: 'hindsight',
  displayName: 'Hindsight',
  summary: 'Hindsight win/loss analysis, read-only: deals by stage with scores, drivers and competitors.',
  icon: 'hindsight',
  needsKey: true,
  keyHelp: 'In Hindsight, open Settings → Keys (app.usehindsight.com/settings/keys) and create or copy an API key.',
  baseUrl: { kind: 'none' },
  // Hindsight's API documents no deal write and no tasks: the whole UI is read-only.
  capabilities: {
    updateDeal: false,
    moveStage: false,
    setOutcome: false,
    updateCustomFields: false,
    listTasks: false,
    createTask: false,
    updateTask: false,
    completeTask: false,
    deleteTask: false,
    search: true,
    openTasks: false,
  },
  // 60 / 300 / 1,000 requests per minute on Essentials / Growth / Enterprise. The key does not say
  // which plan it belongs to, so the lowest: 60 per minute (1 per second on average; the provider
  // spends it as a small burst then an even pace, never over 60 in any minute).
  rateLimit: { ratePerSecond: 1, concurrency: 2 },
  create: (context) => createHindsightProvider(context),
};

/** Like `hindsightDescriptor.create`, with the test options (shorter backoff, a shorter rate window). */
export function createHindsightProvider(context: ProviderContext, options?: HindsightProviderOptions): HindsightProvider {
  return new HindsightProvider(hindsightDescriptor, context, options);
}
