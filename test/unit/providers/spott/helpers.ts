import assert from 'node:assert/strict';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Account } from '../../../../src/model';
import type { ProviderContext, ProviderDescriptor } from '../../../../src/providers/contract';
import { SpottProvider, type SpottProviderOptions, spottDescriptor } from '../../../../src/providers/spott';
import { type FakeOptions, type SpottFake, startSpottFake } from '../../../fakes/spott';
import { assertRequestsDocumented, loadSubset } from '../../../openapi/check-request';

export const SUBSET = loadSubset(join(__dirname, 'spott-subset.json'));
export const PIPELINE = 'opportunities';
export const USER_AGENT = 'crm-pipelines-vscode';

export interface Harness {
  fake: SpottFake;
  provider: SpottProvider;
  logs: string[];
  waits: { reason: string; delayMs: number; operation: string }[];
  context: ProviderContext;
}

export interface HarnessOptions {
  fake?: FakeOptions;
  /** Requests per second for both sides; functional tests run fast, the rate tests use Spott's. */
  ratePerSecond?: number;
  /** The client's rate when it should differ from the fake's. */
  clientRatePerSecond?: number;
  requestTimeoutMs?: number;
  providerOptions?: SpottProviderOptions;
  apiKey?: string;
  stageOutcomes?: Account['stageOutcomes'];
}

const FAST_RATE = 200;

export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  const rate = options.ratePerSecond ?? FAST_RATE;
  const fake = await startSpottFake({ ratePerSecond: rate, rateWindowMs: 1000, ...options.fake });
  const logs: string[] = [];
  const waits: Harness['waits'] = [];
  const log = (level: string) => (message: string) => void logs.push(`${level} ${message}`);
  const context: ProviderContext = {
    account: { id: 'spott-test', provider: 'spott', label: 'Acme Talent', baseUrl: fake.url, stageOutcomes: options.stageOutcomes },
    apiKey: options.apiKey ?? fake.apiKey,
    logger: { debug: log('debug'), info: log('info'), warn: log('warn'), error: log('error') },
    requestTimeoutMs: options.requestTimeoutMs ?? 5000,
    storageDir: tmpdir(),
    onWait: (info) => void waits.push(info),
  };
  const clientRate = options.clientRatePerSecond ?? rate;
  const descriptor: ProviderDescriptor =
    clientRate === spottDescriptor.rateLimit?.ratePerSecond
      ? spottDescriptor
      : { ...spottDescriptor, rateLimit: { ratePerSecond: clientRate, concurrency: 4 } };
  const provider = new SpottProvider(descriptor, context, {
    retry: { maxAttempts: 3, baseDelayMs: 20, maxDelayMs: 100 },
    ...options.providerOptions,
  });
  return { fake, provider, logs, waits, context };
}

/** Every request the client sent is an operation the notes document, with documented query and body keys. */
export function assertClientRequestsDocumented(h: Harness): void {
  const sent = h.fake.requests.filter((r) => r.headers['user-agent'] === USER_AGENT);
  assertRequestsDocumented(SUBSET, sent);
}

export async function stopHarness(h: Harness | undefined): Promise<void> {
  if (!h) return;
  h.provider.dispose();
  await h.fake.close();
}

/** The fake's opportunities in a stage, in list order (oldest change first). */
export function fakeDealsOf(h: Harness, stageId: string) {
  return h.fake.state.opportunities
    .filter((o) => o.stageId === stageId)
    .sort((a, b) => a.modifiedAt.localeCompare(b.modifiedAt) || a.id.localeCompare(b.id));
}

export function opportunity(h: Harness, predicate: (o: SpottFake['state']['opportunities'][number]) => boolean = () => true) {
  const found = h.fake.state.opportunities.find(predicate);
  assert.ok(found, 'no matching opportunity in the fake');
  return found;
}

export function snapshot(h: Harness): string {
  return JSON.stringify(h.fake.state.opportunities) + JSON.stringify(h.fake.state.tasks);
}

/** The requests of one method and path (a string equal to it, or a RegExp). */
export function sent(h: Harness, method: string, path: string | RegExp) {
  return h.fake.requests.filter((r) => r.method === method && (typeof path === 'string' ? r.path === path : path.test(r.path)));
}

/** Pages of 50: the fewest requests one pass over `n` records takes. */
export const passRequests = (n: number): number => Math.max(1, Math.ceil(n / 50));

export { assertNoKey, rejectsWith } from '../key-checks';
