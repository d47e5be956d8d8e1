import * as vscode from 'vscode';
import { isCrmError } from '../http/errors';
import type { Account } from '../model';
import { createProvider, descriptorFor } from '../providers';
import type { Services } from './services';

/** Makes one cheap authenticated call with a candidate key; resolves with a problem, or undefined when it works. */
export async function checkKey(services: Services, account: Account, apiKey: string): Promise<string | undefined> {
  const provider = createProvider(account, apiKey, services.providerHost);
  try {
    await provider.checkKey();
    return undefined;
  } catch (error) {
    const name = descriptorFor(account.provider)?.displayName ?? account.provider;
    if (isCrmError(error) && (error.kind === 'auth' || error.kind === 'forbidden')) {
      return `${name} rejected this key${error.status ? ` (HTTP ${error.status})` : ''}. Check it and try again.`;
    }
    return error instanceof Error ? error.message : String(error);
  } finally {
    provider.dispose();
  }
}

/**
 * Asks for a key in a password box and checks it before resolving; a rejected key keeps the box
 * open with the reason, so the user can paste it again without starting over.
 */
export function promptForKey(services: Services, account: Account, title: string): Promise<string | undefined> {
  const descriptor = descriptorFor(account.provider);
  const box = vscode.window.createInputBox();
  box.title = title;
  box.password = true;
  box.ignoreFocusOut = true;
  box.placeholder = `${descriptor?.displayName ?? account.provider} API key`;
  box.prompt = descriptor?.keyHelp ?? 'Paste the API key. It is stored in VS Code secret storage only.';
  return new Promise((resolve) => {
    let settled = false;
    const finish = (value: string | undefined) => {
      if (settled) return;
      settled = true;
      resolve(value);
      box.dispose();
    };
    box.onDidChangeValue(() => (box.validationMessage = undefined));
    box.onDidAccept(async () => {
      const key = box.value.trim();
      if (!key) {
        box.validationMessage = 'Enter a key, or press Escape to cancel.';
        return;
      }
      box.busy = true;
      box.enabled = false;
      const problem = await checkKey(services, account, key);
      box.busy = false;
      box.enabled = true;
      if (problem) box.validationMessage = problem;
      else finish(key);
    });
    box.onDidHide(() => finish(undefined));
    box.show();
  });
}
