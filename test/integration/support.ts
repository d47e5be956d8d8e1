import * as vscode from 'vscode';
import type { CrmPipelinesApi } from '../../src/tree/tree-api';

export const extensionId = 'crm-pipelines.crm-pipelines';

/** The running extension's read-only API (activating it if needed). */
export async function api(): Promise<CrmPipelinesApi> {
  const extension = vscode.extensions.getExtension<CrmPipelinesApi>(extensionId);
  if (!extension) throw new Error(`${extensionId} is not loaded`);
  return extension.activate();
}

export async function setAccounts(accounts: unknown[]): Promise<void> {
  await vscode.workspace.getConfiguration('crmPipelines').update('accounts', accounts, vscode.ConfigurationTarget.Global);
}

export function accountsSetting(): unknown[] {
  return vscode.workspace.getConfiguration('crmPipelines').inspect<unknown[]>('accounts')?.globalValue ?? [];
}

/** Polls until `check` returns a value that is not undefined/false, or fails with the last error. */
export async function waitFor<T>(check: () => Promise<T | undefined | false> | T | undefined | false, what: string, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await check();
      if (value !== undefined && value !== false) return value;
    } catch (error) {
      lastError = error;
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`timed out waiting for ${what}${lastError instanceof Error ? `: ${lastError.message}` : ''}`);
}
