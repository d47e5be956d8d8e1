// Loads every stage of one pipeline to the end through the extension's real path: an
// AccountSession over the provider the registry creates (its HTTP layer enforcing the CRM's limit),
// each stage's shared StageDealList paged with loadMore, as the tree and the board do.
import { AccountSession } from '../../src/accounts/account-session';
import type { Account, Pipeline } from '../../src/model';
import { createProvider, descriptorFor } from '../../src/providers';

export interface LoadResult {
  pipeline: Pipeline;
  dealsPerStage: number[];
  /** Milliseconds from the first call to the last page. */
  ms: number;
  /** Times the HTTP layer said it was waiting for the limit (a 429's retry or a paused quota). */
  rateWaits: number;
  /** Stages whose load ended in an error, with the message. */
  errors: string[];
}

export type StageOrder = 'concurrent' | 'sequential';

const quietLogger = { debug() {}, info() {}, warn() {}, error() {} };

/**
 * The account's pipeline with the most stages, loaded to the end. `concurrent` starts every stage
 * at once, like the tree prefetching each stage's first page when a pipeline opens and the board
 * showing every column; the account's rate guard decides what actually goes out.
 */
export async function loadWholePipeline(account: Account, apiKey: string, order: StageOrder = 'concurrent'): Promise<LoadResult> {
  let rateWaits = 0;
  const session = new AccountSession(account, {
    descriptor: descriptorFor(account.provider),
    readKey: async () => apiKey,
    createProvider: (a, key, onWait) =>
      createProvider(a, key, {
        logger: quietLogger,
        storageDir: '/nonexistent',
        onWait: (info) => {
          rateWaits++;
          if (info.reason === 'rateLimited') onWait(info.delayMs);
        },
      }),
  });
  const started = performance.now();
  try {
    const pipelines = await session.pipelines();
    const pipeline = [...pipelines].sort((a, b) => b.stages.length - a.stages.length)[0];
    if (!pipeline) throw new Error(`${account.label}: no pipeline`);
    const errors: string[] = [];
    const loadStage = async (stageId: string): Promise<number> => {
      const list = session.stage(pipeline.id, stageId);
      await list.ensureFirstPage();
      while (!list.error && list.hasMore) await list.loadMore();
      if (list.error) errors.push(`${stageId}: ${list.error instanceof Error ? list.error.message : String(list.error)}`);
      return list.items.length;
    };
    const stageIds = pipeline.stages.map((s) => s.id);
    let dealsPerStage: number[];
    if (order === 'concurrent') dealsPerStage = await Promise.all(stageIds.map(loadStage));
    else {
      dealsPerStage = [];
      for (const id of stageIds) dealsPerStage.push(await loadStage(id));
    }
    return { pipeline, dealsPerStage, ms: performance.now() - started, rateWaits, errors };
  } finally {
    session.dispose();
  }
}
