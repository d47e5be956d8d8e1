import type { CrmProvider } from '../../../src/providers/contract';
import { allDealsOf } from './shared-harness';

/**
 * Every stage of one pipeline loaded to the end through the provider, as the tree and the benchmark
 * do: deals per stage name, in the pipeline's stage order.
 */
export async function dealsPerStage(provider: CrmProvider, pipelineId: string): Promise<[string, number][]> {
  const pipeline = (await provider.listPipelines()).find((p) => p.id === pipelineId);
  if (!pipeline) throw new Error(`no pipeline ${pipelineId}`);
  const counts: [string, number][] = [];
  for (const stage of pipeline.stages) counts.push([stage.name, (await allDealsOf(provider, { pipelineId, stageId: stage.id })).length]);
  return counts;
}
