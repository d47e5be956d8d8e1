import assert from 'node:assert/strict';
import { join } from 'node:path';
import type { Account } from '../../../../src/model';
import { SpottProvider, type SpottProviderOptions, spottDescriptor } from '../../../../src/providers/spott';
import { type FakeOptions, type SpottFake, startSpottFake } from '../../../fakes/spott';
import { assertRequestsDocumented, loadSubset } from '../../../openapi/check-request';
import { atClientRate, clientRequests, FAST_RETRY, type RecordingContext, recordingContext } from '../shared-harness';

export const SUBSET = loadSubset(join(__dirname, 'spott-subset.json'));
export const PIPELINE = 'opportunities';

export interface Harness extends RecordingContext {
  fake: SpottFake;
  provider: SpottProvider;
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
  const recording = recordingContext(
    { id: 'spott-test', provider: 'spott', label: 'Acme Talent', baseUrl: fake.url, stageOutcomes: options.stageOutcomes },
    options.apiKey ?? fake.apiKey,
    options.requestTimeoutMs ?? 5000,
  );
  const descriptor = atClientRate(spottDescriptor, options.clientRatePerSecond ?? rate, 4);
  const provider = new SpottProvider(descriptor, recording.context, { retry: FAST_RETRY, ...options.providerOptions });
  return { fake, provider, ...recording };
}

/** Every request the client sent is an operation the notes document, with documented query and body keys. */
export function assertClientRequestsDocumented(h: Harness): void {
  assertRequestsDocumented(SUBSET, clientRequests(h.fake.requests));
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
export { endTest, stopHarness } from '../shared-harness';
