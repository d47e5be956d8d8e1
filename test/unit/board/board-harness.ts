import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AccountSession } from '../../../src/accounts/account-session';
import { BoardController, type BoardOptions } from '../../../src/board/board-controller';
import type { Account, Deal } from '../../../src/model';
import type { CrmProvider, ProviderDescriptor } from '../../../src/providers/contract';
import { HostToBoardSchema, type BoardColumn, type HostToBoard } from '../../../src/protocol/board-messages';
import { SampleProvider, sampleDescriptor } from '../../../src/providers/sample';

export const NEW_BUSINESS = 'pipeline-new-business';

/** Every call the provider receives, by method name, with its arguments. */
export function counting<T extends CrmProvider>(provider: T): { provider: T; calls: { method: string; args: unknown[] }[] } {
  const calls: { method: string; args: unknown[] }[] = [];
  const counted = new Proxy(provider, {
    get(target, prop, receiver) {
      const value = Reflect.get(target, prop, receiver);
      if (typeof value !== 'function' || prop === 'constructor') return value;
      return (...args: unknown[]) => {
        calls.push({ method: String(prop), args });
        return value.apply(target, args);
      };
    },
  });
  return { provider: counted, calls };
}

/** A board over any provider, through a real AccountSession, with everything it posts recorded. */
export function boardFor(account: Account, descriptor: ProviderDescriptor, provider: CrmProvider, pipelineId: string, options: Partial<BoardOptions> = {}) {
  const { provider: counted, calls } = counting(provider);
  const session = new AccountSession(account, { descriptor, readKey: async () => 'key', createProvider: () => counted });
  const posted: HostToBoard[] = [];
  const titles: string[] = [];
  const opened: string[] = [];
  const saved: Deal[] = [];
  let invalidated = 0;
  const warnings: string[] = [];
  const log = { debug: () => {}, info: () => {}, warn: (m: string) => warnings.push(m), error: (m: string) => warnings.push(m) };
  const controller = new BoardController(session, pipelineId, {
    post: (message) => {
      // What the host posts must pass the webview's own validation.
      HostToBoardSchema.parse(message);
      posted.push(structuredClone(message));
    },
    setTitle: (t) => titles.push(t),
    openDeal: (id) => opened.push(id),
    dealSaved: (d) => saved.push(d),
    invalidate: () => {
      invalidated += 1;
      session.invalidate({ pipelineId });
    },
  }, { staleAfterDays: 14, locale: 'en-US', log, ...options });
  /** The webview's picture of the board: the last full board with later column updates applied. */
  const columns = (): BoardColumn[] => {
    let current: BoardColumn[] = [];
    for (const message of posted) {
      if (message.type === 'board') current = message.view.columns;
      if (message.type === 'columns') current = current.map((c) => message.columns.find((n) => n.stageId === c.stageId) ?? c);
    }
    return current;
  };
  const column = (name: string): BoardColumn => {
    const found = columns().find((c) => c.name === name);
    if (!found) throw new Error(`no column "${name}"; columns: ${columns().map((c) => c.name).join(', ')}`);
    return found;
  };
  return {
    controller, session, calls, posted, titles, opened, saved, warnings, columns, column,
    invalidated: () => invalidated,
    announcements: () => posted.flatMap((m) => (m.type === 'announce' ? [m.text] : [])),
    writes: () => calls.filter((c) => c.method === 'updateDeal'),
  };
}

/** A board of the Sample CRM's "New Business" in a fresh temp store. */
export function sampleBoard(options: Partial<BoardOptions> = {}) {
  const account: Account = { id: 'sample', provider: 'sample', label: 'Sample CRM' };
  const logger = { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} };
  const sample = new SampleProvider(sampleDescriptor, { account, logger, storageDir: mkdtempSync(join(tmpdir(), 'crm-board-')) });
  return { sample, ...boardFor(account, sampleDescriptor, sample, NEW_BUSINESS, options) };
}

/** Lets queued microtasks (batched column posts) run. */
export function settle(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
