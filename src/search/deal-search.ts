import type { Deal } from '../model';
import { Emitter } from '../util/emitter';
import { describeSearchFailure, keyProblemNote } from './search-errors';
import type { AccountSearch, AccountStatus, SearchableAccount, SearchMode, SearchResult, SearchState } from './search-types';
import { matchLoadedDeals, normalize, serverResultTier, type MatchTier } from './text-match';

export const MIN_QUERY_LENGTH = 2;
export const DEFAULT_DEBOUNCE_MS = 250;
/** Per account: a quick pick is for picking, not browsing; the CRMs return their best first. */
export const DEFAULT_LIMIT_PER_ACCOUNT = 20;

export interface Timers {
  setTimeout(run: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export interface DealSearchOptions {
  /** In the order the Pipelines view lists them: that order breaks ties between equal matches. */
  accounts: readonly SearchableAccount[];
  debounceMs?: number;
  limitPerAccount?: number;
  timers?: Timers;
}

interface Answer {
  matches: { deal: Deal; tier: MatchTier }[];
}

const realTimers: Timers = {
  setTimeout: (run, ms) => setTimeout(run, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/**
 * Searches every account for deals as the user types, without `vscode`. Each settled query asks
 * each CRM with server search once (debounced; superseded requests aborted) and matches loaded
 * deals at once for the others; answers stream in as each account replies, ranked together.
 * A state is only ever built from answers to its own query.
 */
export class DealSearch {
  private readonly changes = new Emitter<SearchState>();
  readonly onDidChange = this.changes.event;
  private readonly accounts: readonly SearchableAccount[];
  private readonly debounceMs: number;
  private readonly limit: number;
  private readonly timers: Timers;

  private text = '';
  private key = '';
  /** Bumped by every new query: an answer from an older generation is dropped. */
  private generation = 0;
  private timer: unknown;
  private readonly inFlight = new Map<string, AbortController>();
  private readonly statuses = new Map<string, AccountStatus>();
  private readonly answers = new Map<string, Answer>();
  /** Answers already received this session, so going back to a query costs no request. */
  private readonly cache = new Map<string, Deal[]>();
  private readonly stageNames = new Map<string, Map<string, string>>();
  private readonly pipelinesAsked = new Set<string>();
  private disposed = false;

  constructor(options: DealSearchOptions) {
    this.accounts = options.accounts;
    this.debounceMs = options.debounceMs ?? DEFAULT_DEBOUNCE_MS;
    this.limit = options.limitPerAccount ?? DEFAULT_LIMIT_PER_ACCOUNT;
    this.timers = options.timers ?? realTimers;
    for (const a of this.accounts) this.statuses.set(a.account.id, { kind: 'idle' });
  }

  modeOf(account: SearchableAccount): SearchMode {
    return account.descriptor?.capabilities.search ? 'server' : 'loaded';
  }

  get state(): SearchState {
    const accounts = this.accounts.map((a) => this.accountSearch(a));
    const busy = accounts.some((a) => a.status.kind === 'searching' || a.status.kind === 'waiting');
    return { query: this.text, tooShort: this.key.length < MIN_QUERY_LENGTH, busy, results: this.merged(), accounts };
  }

  /** The user typed: clears the previous query's results at once and starts the new search. */
  setQuery(raw: string): void {
    if (this.disposed) return;
    const text = raw.trim().replace(/\s+/g, ' ');
    const key = normalize(text);
    if (key === this.key) return;
    this.text = text;
    this.key = key;
    this.generation += 1;
    this.cancelPending();
    this.answers.clear();
    if (key.length < MIN_QUERY_LENGTH) {
      for (const a of this.accounts) this.statuses.set(a.account.id, { kind: 'idle' });
      this.emit();
      return;
    }
    let waitsForTyping = false;
    for (const a of this.accounts) {
      const id = a.account.id;
      const skip = this.skipReason(a);
      if (skip) {
        this.statuses.set(id, skip);
      } else if (this.modeOf(a) === 'loaded') {
        // No request involved: the loaded deals answer immediately, on every keystroke.
        this.answerFromLoaded(a);
      } else {
        const cached = this.cache.get(this.cacheKey(id));
        if (cached) this.accept(a, cached);
        else {
          this.statuses.set(id, { kind: 'searching' });
          waitsForTyping = true;
        }
      }
    }
    this.emit();
    if (waitsForTyping) {
      const generation = this.generation;
      this.timer = this.timers.setTimeout(() => {
        this.timer = undefined;
        if (generation !== this.generation) return;
        for (const a of this.accounts) {
          if (this.statuses.get(a.account.id)?.kind === 'searching') void this.searchServer(a, generation);
        }
      }, this.debounceMs);
    }
  }

  /** Asks one account again for the current query (its "Retry" item): at once, no debounce. */
  retry(accountId: string): void {
    const account = this.accounts.find((a) => a.account.id === accountId);
    if (!account || this.disposed || this.key.length < MIN_QUERY_LENGTH) return;
    if (this.modeOf(account) === 'loaded') {
      this.answerFromLoaded(account);
      this.emit();
      return;
    }
    this.inFlight.get(accountId)?.abort();
    this.statuses.set(accountId, { kind: 'searching' });
    this.emit();
    void this.searchServer(account, this.generation);
  }

  dispose(): void {
    this.disposed = true;
    this.generation += 1;
    this.cancelPending();
    this.changes.dispose();
  }

  private async searchServer(a: SearchableAccount, generation: number): Promise<void> {
    const id = a.account.id;
    const controller = new AbortController();
    this.inFlight.set(id, controller);
    const current = () => generation === this.generation && !controller.signal.aborted;
    // While the HTTP layer waits out a rate limit, say so instead of spinning silently.
    const subscription = a.onDidChange((event) => {
      if (event.kind === 'waiting' && current()) {
        this.statuses.set(id, { kind: 'waiting', until: event.until });
        this.emit();
      }
    });
    const text = this.text;
    try {
      const deals = await a.call((provider) => {
        if (!provider.searchDeals) throw new Error(`${a.descriptor?.displayName ?? 'This CRM'} has no deal search.`);
        return provider.searchDeals(text, this.limit, controller.signal);
      });
      if (!current()) return;
      this.cache.set(this.cacheKey(id), deals);
      this.accept(a, deals);
    } catch (error) {
      if (!current()) return;
      const problem = describeSearchFailure(error);
      this.statuses.set(id, problem.action === 'setApiKey' ? { kind: 'skipped', problem } : { kind: 'failed', problem });
    } finally {
      subscription.dispose();
      if (this.inFlight.get(id) === controller) this.inFlight.delete(id);
    }
    this.emit();
  }

  private accept(a: SearchableAccount, deals: readonly Deal[]): void {
    const seen = new Set<string>();
    const matches = deals
      .filter((deal) => !seen.has(deal.id) && seen.add(deal.id))
      .slice(0, this.limit)
      .map((deal) => ({ deal, tier: serverResultTier(deal, this.key) }));
    this.answers.set(a.account.id, { matches });
    this.statuses.set(a.account.id, { kind: 'done', matches: matches.length });
    if (matches.length > 0) this.askStageNames(a);
  }

  private answerFromLoaded(a: SearchableAccount): void {
    const matches = matchLoadedDeals(a.loadedDeals(), this.key, this.limit);
    this.answers.set(a.account.id, { matches });
    this.statuses.set(a.account.id, { kind: 'done', matches: matches.length });
    if (matches.length > 0) this.askStageNames(a);
  }

  private skipReason(a: SearchableAccount): AccountStatus | undefined {
    if (!a.descriptor) {
      return { kind: 'skipped', problem: { text: `this version of CRM Pipelines cannot connect to "${a.account.provider}"` } };
    }
    if (a.keyProblem) return { kind: 'skipped', problem: keyProblemNote(a.keyProblem) };
    return undefined;
  }

  /**
   * Stage names for the results' descriptions. The pipelines are the session's shared cache (the
   * tree loaded them already when the deals came from it); asked once, only for an account with results.
   */
  private askStageNames(a: SearchableAccount): void {
    const id = a.account.id;
    if (this.pipelinesAsked.has(id)) return;
    this.pipelinesAsked.add(id);
    a.pipelines().then(
      (pipelines) => {
        const names = new Map<string, string>();
        for (const pipeline of pipelines) {
          for (const stage of pipeline.stages) {
            names.set(`${pipeline.id}\u0000${stage.id}`, stage.name);
            if (!names.has(stage.id)) names.set(stage.id, stage.name);
          }
        }
        this.stageNames.set(id, names);
        if (!this.disposed && this.answers.has(id)) this.emit();
      },
      () => this.pipelinesAsked.delete(id),
    );
  }

  private merged(): SearchResult[] {
    const ranked: { result: SearchResult; order: number; index: number }[] = [];
    this.accounts.forEach((a, order) => {
      const answer = this.answers.get(a.account.id);
      if (!answer) return;
      const names = this.stageNames.get(a.account.id);
      const crmName = a.descriptor?.displayName ?? a.account.provider;
      const mode = this.modeOf(a);
      answer.matches.forEach(({ deal, tier }, index) => {
        const stageName = deal.stageId
          ? names?.get(`${deal.pipelineId ?? ''}\u0000${deal.stageId}`) ?? names?.get(deal.stageId)
          : undefined;
        ranked.push({ result: { accountId: a.account.id, accountLabel: a.account.label, crmName, deal, tier, stageName, mode }, order, index });
      });
    });
    // Exact and prefix name matches first, then account order, then each CRM's own order.
    ranked.sort((x, y) => x.result.tier - y.result.tier || x.order - y.order || x.index - y.index);
    const seen = new Set<string>();
    return ranked
      .map((r) => r.result)
      .filter((r) => {
        const id = `${r.accountId}\u0000${r.deal.id}`;
        return !seen.has(id) && Boolean(seen.add(id));
      });
  }

  private accountSearch(a: SearchableAccount): AccountSearch {
    const mode = this.modeOf(a);
    return {
      accountId: a.account.id,
      label: a.account.label,
      crmName: a.descriptor?.displayName ?? a.account.provider,
      mode,
      status: this.statuses.get(a.account.id) ?? { kind: 'idle' },
      ...(mode === 'loaded' && this.key.length >= MIN_QUERY_LENGTH ? { loadedCount: a.loadedDeals().length } : {}),
    };
  }

  private cancelPending(): void {
    if (this.timer !== undefined) this.timers.clearTimeout(this.timer);
    this.timer = undefined;
    for (const controller of this.inFlight.values()) controller.abort();
    this.inFlight.clear();
  }

  private cacheKey(accountId: string): string {
    return `${accountId}\u0000${this.key}`;
  }

  private emit(): void {
    if (!this.disposed) this.changes.fire(this.state);
  }
}
