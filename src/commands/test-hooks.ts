import * as vscode from 'vscode';
import { z } from 'zod';
import type { CrmErrorKind } from '../http/errors';
import type { Services } from './services';

const FailNextWriteArg = z.object({
  accountId: z.string(),
  kind: z.enum(['auth', 'forbidden', 'notFound', 'conflict', 'validation', 'rateLimited', 'network', 'timeout', 'server', 'badResponse']),
  message: z.string().optional(),
});

/**
 * Commands that exist only while the extension runs from source (development and tests), never in
 * an installed extension: UI tests use them to make the Sample CRM fail one write.
 */
export function registerTestHooks(services: Services, mode: vscode.ExtensionMode): vscode.Disposable[] {
  if (mode === vscode.ExtensionMode.Production) return [];
  return [
    vscode.commands.registerCommand('crmPipelines.test.failNextWrite', async (raw: unknown) => {
      const arg = FailNextWriteArg.parse(raw);
      const provider = await services.sessions.get(arg.accountId)?.provider();
      if (!provider || !('failNextWrite' in provider) || typeof provider.failNextWrite !== 'function') {
        throw new Error(`Account "${arg.accountId}" cannot simulate a failed write.`);
      }
      provider.failNextWrite(arg.kind as CrmErrorKind, arg.message);
    }),
  ];
}
