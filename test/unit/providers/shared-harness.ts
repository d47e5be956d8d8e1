import { tmpdir } from 'node:os';
import type { Account, Pipeline } from '../../../src/model';
import type { CrmProvider, ProviderContext, ProviderDescriptor } from '../../../src/providers/contract';

/** The User-Agent our HTTP client sends: it tells the client's requests from a test's own fetches. */
export const USER_AGENT = 'crm-pipelines-vscode';

/** Backoff short enough for tests; waits a server asks for are still honoured in full. */
export const FAST_RETRY = { maxAttempts: 3, baseDelayMs: 20, maxDelayMs: 100 };

/** A wait the HTTP layer announced (a rate-limit pause or a retry's backoff). */
export interface RecordedWait {
  reason: string;
  delayMs: number;
  operation: string;
}

/** What a provider test reads after the fact: every log line and every announced wait. */
export interface RecordingContext {
  context: ProviderContext;
  logs: string[];
  waits: RecordedWait[];
}

/**
 * A provider context for `account` that records its log lines (as `level message`) and waits;
 * into the given arrays when several providers of one test share them.
 */
export function recordingContext(
  account: Account,
  apiKey: string | undefined,
  requestTimeoutMs: number | undefined,
  { storageDir = tmpdir(), logs = [], waits = [] }: { storageDir?: string; logs?: string[]; waits?: RecordedWait[] } = {},
): RecordingContext {
  const log = (level: string) => (message: string) => void logs.push(`${level} ${message}`);
  const context: ProviderContext = {
    account,
    apiKey,
    logger: { debug: log('debug'), info: log('info'), warn: log('warn'), error: log('error') },
    requestTimeoutMs,
    storageDir,
    onWait: (info) => void waits.push(info),
  };
  return { context, logs, waits };
}

/** The descriptor as is when the client keeps its real rate, else with the test's rate and concurrency. */
export function atClientRate(descriptor: ProviderDescriptor, ratePerSecond: number, concurrency: number): ProviderDescriptor {
  return ratePerSecond === descriptor.rateLimit?.ratePerSecond ? descriptor : { ...descriptor, rateLimit: { ratePerSecond, concurrency } };
}

/** A provider on a fake, as each CRM's harness holds them. */
export interface FakeBacked {
  provider: { dispose(): void };
  fake: { close(): Promise<void> };
}

export async function stopHarness(h: FakeBacked | undefined): Promise<void> {
  if (!h) return;
  h.provider.dispose();
  await h.fake.close();
}

/**
 * Ends a test (call from `afterEach` with mocha's `this`): the checks every test of the file owes
 * (documented requests, no key anywhere) run only when the test passed, so they never hide its
 * own failure; the harness is stopped either way.
 */
export async function endTest<H extends FakeBacked>(test: Mocha.Context, h: H | undefined, ...checks: ((h: H) => void)[]): Promise<void> {
  if (h && test.currentTest?.state === 'passed') for (const check of checks) check(h);
  await stopHarness(h);
}

/** The requests our client sent (not a test's own fetches). */
export function clientRequests<R extends { headers: Record<string, string | string[] | undefined> }>(requests: readonly R[]): R[] {
  return requests.filter((r) => r.headers['user-agent'] === USER_AGENT);
}

/** The most requests that arrived within any window of `windowMs`. */
export function maxInAnyWindow(requests: readonly { at: number }[], windowMs: number): number {
  const times = requests.map((r) => r.at).sort((a, b) => a - b);
  let max = 0;
  for (let i = 0, j = 0; i < times.length; i++) {
    while (times[i]! - times[j]! >= windowMs) j++;
    max = Math.max(max, i - j + 1);
  }
  return max;
}

/** Every item of a paged list, following `next` to the end. */
export async function allPages<T>(pageAt: (cursor: string | undefined) => Promise<{ items: T[]; next?: string }>): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | undefined;
  do {
    const page = await pageAt(cursor);
    items.push(...page.items);
    cursor = page.next;
  } while (cursor !== undefined);
  return items;
}

/** Every deal of a stage, following `next` to the end. */
export function allDealsOf<D>(
  provider: { listDeals(query: { pipelineId: string; stageId: string; cursor?: string }): Promise<{ items: D[]; next?: string }> },
  stage: { pipelineId: string; stageId: string },
): Promise<D[]> {
  return allPages((cursor) => provider.listDeals({ ...stage, cursor }));
}

/** Every stage of these pipelines read to its end at once, as a tree expanding them all would; the deals loaded. */
export async function loadEveryStage(provider: CrmProvider, pipelines: readonly Pipeline[]): Promise<number> {
  const perStage = await Promise.all(
    pipelines.flatMap((p) => p.stages.map((stage) => allDealsOf(provider, { pipelineId: p.id, stageId: stage.id }))),
  );
  return perStage.reduce((sum, deals) => sum + deals.length, 0);
}
