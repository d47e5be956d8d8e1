import assert from 'node:assert/strict';
import type { Account } from '../../../../src/model';
import type { ProviderDescriptor } from '../../../../src/providers/contract';
import { TwentyProvider, type TwentyProviderOptions, twentyDescriptor } from '../../../../src/providers/twenty';
import { type FakeOptions, type RecordedRequest, startTwentyFake, type TwentyFake } from '../../../fakes/twenty';
import { clientRequests, FAST_RETRY, type RecordingContext, recordingContext } from '../shared-harness';

export const PIPELINE = 'stage';

export interface Harness extends RecordingContext {
  fake: TwentyFake;
  provider: TwentyProvider;
}

export interface HarnessOptions {
  fake?: FakeOptions;
  /**
   * Functional tests run the fake and the client far faster than Twenty's 100 per minute (like the
   * ActiveCampaign tests): `limit` requests per `windowMs` on both sides. The rate tests scale it down.
   */
  rate?: { limit: number; windowMs: number };
  /** The client's rate when it should differ from the fake's. */
  clientRate?: { limit: number; windowMs: number };
  requestTimeoutMs?: number;
  providerOptions?: TwentyProviderOptions;
  account?: Partial<Account>;
  apiKey?: string;
}

const FAST = { limit: 1000, windowMs: 1000 };

export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  const rate = options.rate ?? FAST;
  const fake = await startTwentyFake({ rateLimit: rate, ...options.fake });
  const recording = recordingContext(
    { id: 'twenty-test', provider: 'twenty', label: 'Acme Twenty', baseUrl: fake.url, ...options.account },
    options.apiKey ?? fake.apiKey,
    options.requestTimeoutMs ?? 5000,
  );
  const client = options.clientRate ?? rate;
  // Always the test's rate, without the real burst: the fake's window is scaled to match it.
  const descriptor: ProviderDescriptor = {
    ...twentyDescriptor,
    rateLimit: { ratePerSecond: (client.limit * 1000) / client.windowMs, concurrency: 4 },
  };
  const provider = new TwentyProvider(descriptor, recording.context, {
    retry: FAST_RETRY,
    timeZone: 'UTC',
    rateWindowMs: client.windowMs,
    ...options.providerOptions,
  });
  return { fake, provider, ...recording };
}

/** The requests our client sent (not the test's own direct calls). */
export function sent(h: Harness): RecordedRequest[] {
  return clientRequests(h.fake.requests);
}

/** Every request carried the key as a bearer token and sent `depth` on every record read. */
export function assertRequestsWellFormed(h: Harness): void {
  for (const request of sent(h)) {
    assert.equal(request.headers['authorization'], `Bearer ${h.context.apiKey}`);
    const recordRead = request.method === 'GET' && !request.path.startsWith('/rest/metadata');
    if (recordRead && /^\/rest\/(opportunities|taskTargets|tasks)/.test(request.path)) {
      assert.ok(request.query['depth'] === '0' || request.query['depth'] === '1', `depth sent on ${request.path}: ${String(request.query['depth'])}`);
    }
  }
}

export function snapshot(h: Harness): string {
  return JSON.stringify(h.fake.state);
}

export function fakeDeal(h: Harness, predicate: (d: TwentyFake['state']['opportunities'][number]) => boolean = () => true) {
  const deal = h.fake.state.opportunities.find(predicate);
  assert.ok(deal, 'no matching deal in the fake');
  return deal;
}

export { assertNoKey, rejectsWith } from '../key-checks';
export { endTest, stopHarness } from '../shared-harness';
