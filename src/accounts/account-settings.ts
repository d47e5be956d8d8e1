import * as vscode from 'vscode';
import type { Account, InvalidAccountEntry } from '../model';
import { parseAccountsSetting } from './parse-accounts';

const SECTION = 'crmPipelines';
const KEY = 'accounts';

/** The non-secret account list in the user's settings (`crmPipelines.accounts`). */
export class AccountSettings {
  readonly onDidChange: vscode.Event<void>;
  private readonly emitter = new vscode.EventEmitter<void>();
  private readonly subscription: vscode.Disposable;

  constructor() {
    this.onDidChange = this.emitter.event;
    this.subscription = vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration(`${SECTION}.${KEY}`)) this.emitter.fire();
    });
  }

  read(): { accounts: Account[]; invalid: InvalidAccountEntry[] } {
    return parseAccountsSetting(this.raw());
  }

  async add(account: Account): Promise<void> {
    await this.write([...this.raw(), stripUndefined(account)]);
  }

  /** Removes the entry by id, leaving every other entry exactly as the user wrote it. */
  async remove(accountId: string): Promise<void> {
    await this.write(this.raw().filter((entry) => !(entry && typeof entry === 'object' && (entry as { id?: unknown }).id === accountId)));
  }

  dispose(): void {
    this.subscription.dispose();
    this.emitter.dispose();
  }

  private raw(): unknown[] {
    const value = vscode.workspace.getConfiguration(SECTION).inspect<unknown>(KEY)?.globalValue;
    return Array.isArray(value) ? value : [];
  }

  private async write(entries: unknown[]): Promise<void> {
    await vscode.workspace.getConfiguration(SECTION).update(KEY, entries, vscode.ConfigurationTarget.Global);
  }
}

function stripUndefined(account: Account): Record<string, unknown> {
  return Object.fromEntries(Object.entries(account).filter(([, v]) => v !== undefined));
}
