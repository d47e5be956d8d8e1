import type { Account } from '../model';
import { AccountSession, type SessionDeps } from './account-session';

/**
 * The sessions of the configured accounts, kept in step with the setting: an unchanged account
 * keeps its session (and its caches); a changed or removed one is disposed.
 */
export class AccountSessions {
  private readonly sessions = new Map<string, AccountSession>();

  constructor(private readonly depsFor: (account: Account) => SessionDeps) {}

  sync(accounts: readonly Account[]): void {
    const wanted = new Map(accounts.map((a) => [a.id, a]));
    for (const [id, session] of this.sessions) {
      const next = wanted.get(id);
      if (!next || JSON.stringify(next) !== JSON.stringify(session.account)) {
        session.dispose();
        this.sessions.delete(id);
      }
    }
    for (const account of accounts) {
      if (!this.sessions.has(account.id)) this.sessions.set(account.id, new AccountSession(account, this.depsFor(account)));
    }
  }

  get(accountId: string): AccountSession | undefined {
    return this.sessions.get(accountId);
  }

  all(): AccountSession[] {
    return [...this.sessions.values()];
  }

  dispose(): void {
    for (const session of this.sessions.values()) session.dispose();
    this.sessions.clear();
  }
}
