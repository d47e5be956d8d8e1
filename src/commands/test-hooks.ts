import * as vm from 'node:vm';
import * as v8 from 'node:v8';
import * as vscode from 'vscode';
import { z } from 'zod';
import type { CrmErrorKind } from '../http/errors';
import type { Services } from './services';
import { refresh } from './tree-commands';

const KINDS = ['network', 'server', 'validation', 'timeout', 'rateLimited', 'conflict', 'forbidden', 'notFound', 'auth', 'badResponse'] as const;

const FailNextWriteArg = z.object({
  accountId: z.string().optional(),
  kind: z.enum(KINDS).optional(),
  message: z.string().optional(),
});
const AccountArg = z.object({ accountId: z.string() });
const StageArg = z.object({ accountId: z.string(), pipelineId: z.string(), stageId: z.string() });

/** Commands that exist only while the extension runs from source, for tests and `npm run bench`. */
const HOOKS = [
  'crmPipelines.test.failNextWrite', 'crmPipelines.test.heap', 'crmPipelines.test.heapSnapshot', 'crmPipelines.test.loadAllDeals', 'crmPipelines.test.forgetStage',
] as const;
const SnapshotArg = z.object({ path: z.string().min(1) });

/**
 * Development-only commands, never active in an installed extension:
 * - "Simulate a Failed Write" makes the Sample CRM fail its next write, so the panel's rollback
 *   and Retry can be seen and tested (its palette entry shows only in this mode);
 * - `heap` forces a garbage collection and returns the extension host's heap (`heapSnapshot` writes
 *   one to a file), `loadAllDeals` loads
 *   every stage of an account to the end through its session, and `forgetStage` drops one stage's
 *   cached deals the way its Refresh does: what the benchmark's memory and tree measures need.
 */
export function registerTestHooks(services: Services, mode: vscode.ExtensionMode): vscode.Disposable[] {
  if (mode === vscode.ExtensionMode.Production) {
    // Contributed in package.json, so it must exist; in an installed extension it does nothing.
    return [vscode.commands.registerCommand('crmPipelines.test.failNextWrite', () => undefined)];
  }
  void vscode.commands.executeCommand('setContext', 'crmPipelines.developmentMode', true);
  const handlers: Record<(typeof HOOKS)[number], (raw?: unknown) => unknown> = {
    'crmPipelines.test.failNextWrite': async (raw?: unknown) => {
      const arg = FailNextWriteArg.parse(raw ?? {});
      const accountId = arg.accountId ?? services.settings.read().accounts.find((a) => a.provider === 'sample')?.id;
      const kind = arg.kind ?? (await vscode.window.showQuickPick([...KINDS], { title: 'Simulate a Failed Write', placeHolder: 'How should the next write fail?' }));
      if (!accountId || !kind) return false;
      const provider = await services.sessions.get(accountId)?.provider();
      if (!provider || !('failNextWrite' in provider) || typeof provider.failNextWrite !== 'function') {
        throw new Error(`Account "${accountId}" cannot simulate a failed write.`);
      }
      provider.failNextWrite(kind as CrmErrorKind, arg.message);
      return true;
    },
    'crmPipelines.test.heap': () => heapAfterGc(),
    // What holds the heap, for Chrome DevTools' Memory tab: written where the caller says.
    'crmPipelines.test.heapSnapshot': (raw?: unknown) => {
      heapAfterGc();
      return v8.writeHeapSnapshot(SnapshotArg.parse(raw).path);
    },
    'crmPipelines.test.loadAllDeals': (raw?: unknown) => loadAllDeals(services, AccountArg.parse(raw).accountId),
    'crmPipelines.test.forgetStage': (raw?: unknown) => {
      const { accountId, pipelineId, stageId } = StageArg.parse(raw);
      const node = services.tree.model.find(`${accountId}/${pipelineId}/${stageId}`);
      if (node) refresh(services, node);
      else services.sessions.get(accountId)?.invalidate({ pipelineId, stageId });
      return Boolean(node);
    },
  };
  return HOOKS.map((id) => vscode.commands.registerCommand(id, handlers[id]));
}

let collect: (() => void) | undefined;

/** Heap in use after a full collection, so two readings compare what is really kept. */
function heapAfterGc(): { heapUsed: number; heapTotal: number; rss: number; external: number } {
  if (!collect) {
    // The extension host runs without --expose-gc; this enables it for this process from now on.
    v8.setFlagsFromString('--expose-gc');
    collect = vm.runInNewContext('gc') as () => void;
  }
  // Twice: the first pass may only queue finalizers whose memory the second one frees.
  collect();
  collect();
  const { heapUsed, heapTotal, rss, external } = process.memoryUsage();
  return { heapUsed, heapTotal, rss, external };
}

/** Every pipeline's stages loaded to the end, stages at once as the tree's prefetch and the board do. */
async function loadAllDeals(services: Services, accountId: string): Promise<{ deals: number; stages: number; ms: number; errors: string[] }> {
  const session = services.sessions.get(accountId);
  if (!session) throw new Error(`No account "${accountId}".`);
  const started = performance.now();
  const errors: string[] = [];
  const lists = (await session.pipelines()).flatMap((p) => p.stages.map((s) => ({ name: s.name, list: session.stage(p.id, s.id) })));
  const counts = await Promise.all(
    lists.map(async ({ name, list }) => {
      await list.ensureFirstPage();
      while (!list.error && list.hasMore) await list.loadMore();
      if (list.error) errors.push(`${name}: ${list.error instanceof Error ? list.error.message : String(list.error)}`);
      return list.items.length;
    }),
  );
  return { deals: counts.reduce((a, b) => a + b, 0), stages: lists.length, ms: performance.now() - started, errors };
}
