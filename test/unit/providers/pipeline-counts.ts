import type { CrmProvider } from '../../../src/providers/contract';

/**
 * Every stage of one pipeline loaded to the end through the provider, as the tree and the benchmark
 * do: deals per stage name, in the pipeline's stage order.
 */
export async function dealsPerStage(provider: CrmProvider, pipelineId: string): Promise<[string, number][]> {
  const pipeline = (await provider.listPipelines()).find((p) => p.id === pipelineId);
  if (!pipeline) throw new Error(`no pipeline ${pipelineId}`);
  const counts: [string, number][] = [];
  for (const stage of pipeline.stages) {
    let count = 0;
    let cursor: string | undefined;
    do {
      const page = await provider.listDeals({ pipelineId, stageId: stage.id, cursor });
      count += page.items.length;
      cursor = page.next;
    } while (cursor !== undefined);
    counts.push([stage.name, count]);
  }
  return counts;
}
