import type { ProviderContext, ProviderDescriptor } from '../contract';
import { SampleProvider, type SampleProviderOptions } from './provider';
import { SAMPLE_DISPLAY_NAME } from './sample-errors';

export const sampleDescriptor: ProviderDescriptor = {
  id: 'sample',
  displayName: SAMPLE_DISPLAY_NAME,
  summary: 'Realistic sample pipelines kept on this computer: try everything without an account or key.',
  icon: 'sample',
  needsKey: false,
  baseUrl: { kind: 'none' },
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
  create: (context) => createSampleProvider(context),
};

/** Like `sampleDescriptor.create`, typed with the Sample CRM's extras (reset, failNextWrite). */
export function createSampleProvider(context: ProviderContext, options?: SampleProviderOptions): SampleProvider {
  return new SampleProvider(sampleDescriptor, context, options);
}
