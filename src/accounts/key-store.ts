import type * as vscode from 'vscode';

/**
 * API keys, kept only in VS Code's SecretStorage (the OS keychain on desktop) under the account id.
 * Nothing else in the extension holds a key longer than one call.
 */
export class KeyStore {
  constructor(private readonly secrets: vscode.SecretStorage) {}

  get(accountId: string): Promise<string | undefined> {
    return Promise.resolve(this.secrets.get(accountId));
  }

  set(accountId: string, apiKey: string): Promise<void> {
    return Promise.resolve(this.secrets.store(accountId, apiKey));
  }

  delete(accountId: string): Promise<void> {
    return Promise.resolve(this.secrets.delete(accountId));
  }
}
