import * as vscode from 'vscode';
import { z } from 'zod';
import { descriptorFor } from '../providers';
import { addAccount } from './add-account';
import { promptForKey } from './key-check';
import { resolveAccount } from './pick-account';
import type { Services } from './services';

const ConfirmedArg = z.object({ accountId: z.string(), confirmed: z.boolean().optional() }).passthrough();
const SetKeyArg = z.object({ accountId: z.string(), apiKey: z.string().min(1).optional() }).passthrough();

/** Removes the account's settings entry and deletes its key from secret storage. */
export async function removeAccount(services: Services, arg?: unknown): Promise<boolean> {
  const account = await resolveAccount(services, arg, { title: 'Remove CRM Account' });
  if (!account) return false;
  const scripted = ConfirmedArg.safeParse(arg);
  if (!(scripted.success && scripted.data.confirmed)) {
    const name = descriptorFor(account.provider)?.displayName ?? account.provider;
    const answer = await vscode.window.showWarningMessage(
      `Remove the ${name} account "${account.label}"?`,
      { modal: true, detail: 'Its API key is deleted from secret storage. Nothing is changed in the CRM.' },
      'Remove',
    );
    if (answer !== 'Remove') return false;
  }
  await services.keys.delete(account.id);
  await services.settings.remove(account.id);
  services.log.info(`Removed account "${account.label}" (${account.id}) and its key.`);
  return true;
}

/** Stores a new key for an account (after checking it) and reloads that account. */
export async function setApiKey(services: Services, arg?: unknown): Promise<boolean> {
  const account = await resolveAccount(services, arg, {
    title: 'Set API Key',
    filter: (a) => descriptorFor(a.provider)?.needsKey ?? false,
  });
  if (!account) return false;
  const scripted = SetKeyArg.safeParse(arg);
  const apiKey = scripted.success && scripted.data.apiKey
    ? scripted.data.apiKey
    : await promptForKey(services, account, `Set API Key: ${account.label}`);
  if (!apiKey) return false;
  await services.keys.set(account.id, apiKey);
  services.sessions.get(account.id)?.keyChanged();
  services.log.info(`Stored a new API key for "${account.label}" (${account.id}).`);
  return true;
}

/** Adds the Sample CRM (once) and opens it in the tree. */
export async function trySample(services: Services): Promise<string> {
  const existing = services.settings.read().accounts.find((a) => a.provider === 'sample');
  const accountId = existing?.id ?? (await addAccount(services, { provider: 'sample', label: 'Sample CRM' }));
  if (!accountId) throw new Error('Could not add the Sample CRM.');
  const node = services.tree.model.account(accountId);
  if (node) await services.treeView.reveal(node, { expand: true, focus: true, select: true });
  return accountId;
}

/** Puts the Sample CRM's data back as it was generated. */
export async function resetSampleData(services: Services, arg?: unknown): Promise<boolean> {
  const account = await resolveAccount(services, arg, { title: 'Reset Sample Data', filter: (a) => a.provider === 'sample' });
  if (!account) return false;
  const scripted = ConfirmedArg.safeParse(arg);
  if (!(scripted.success && scripted.data.confirmed)) {
    const answer = await vscode.window.showWarningMessage(
      `Reset the data of "${account.label}"?`,
      { modal: true, detail: 'Every change you made to its deals, fields and tasks is replaced by freshly generated sample data.' },
      'Reset',
    );
    if (answer !== 'Reset') return false;
  }
  const session = services.sessions.get(account.id);
  const provider = await session?.provider();
  if (!provider || !('reset' in provider) || typeof provider.reset !== 'function') return false;
  await provider.reset();
  session?.invalidate();
  const node = services.tree.model.account(account.id);
  node?.forgetChildren();
  services.tree.changed(node);
  services.log.info(`Reset the data of "${account.label}".`);
  return true;
}
