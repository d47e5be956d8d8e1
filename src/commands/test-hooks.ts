import * as vscode from 'vscode';
import { z } from 'zod';
import type { CrmErrorKind } from '../http/errors';
import type { Services } from './services';

const KINDS = ['network', 'server', 'validation', 'timeout', 'rateLimited', 'conflict', 'forbidden', 'notFound', 'auth', 'badResponse'] as const;

const FailNextWriteArg = z.object({
  accountId: z.string().optional(),
  kind: z.enum(KINDS).optional(),
  message: z.string().optional(),
});

/**
 * "Simulate a Failed Write": exists only while the extension runs from source (development and
 * tests), never in an installed extension. It makes the Sample CRM fail its next write, so the
 * panel's rollback and Retry can be seen and tested. Its palette entry shows only in that mode.
 */
export function registerTestHooks(services: Services, mode: vscode.ExtensionMode): vscode.Disposable[] {
  if (mode === vscode.ExtensionMode.Production) {
    // Contributed in package.json, so it must exist; in an installed extension it does nothing.
    return [vscode.commands.registerCommand('crmPipelines.test.failNextWrite', () => undefined)];
  }
  void vscode.commands.executeCommand('setContext', 'crmPipelines.developmentMode', true);
  return [
    vscode.commands.registerCommand('crmPipelines.test.failNextWrite', async (raw?: unknown) => {
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
    }),
  ];
}
