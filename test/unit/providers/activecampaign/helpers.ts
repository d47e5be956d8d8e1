import assert from 'node:assert/strict';
import { join } from 'node:path';
import {
  ActiveCampaignProvider, type ActiveCampaignProviderOptions, activeCampaignDescriptor,
} from '../../../../src/providers/activecampaign';
import { type ActiveCampaignFake, type FakeOptions, startActiveCampaignFake } from '../../../fakes/activecampaign';
import { assertRequestsDocumented, loadSubset } from '../../../openapi/check-request';
import { atClientRate, clientRequests, FAST_RETRY, type RecordingContext, recordingContext } from '../shared-harness';

export const SUBSET = loadSubset(join(__dirname, '../../../openapi/activecampaign-subset.json'));
export const SALES = { pipelineId: '1' };

export interface Harness extends RecordingContext {
  fake: ActiveCampaignFake;
  provider: ActiveCampaignProvider;
}

export interface HarnessOptions {
  fake?: FakeOptions;
  /** Requests per second for both sides; functional tests run fast, the rate tests use AC's real 5. */
  ratePerSecond?: number;
  /** The client's rate when it should differ from the fake's. */
  clientRatePerSecond?: number;
  requestTimeoutMs?: number;
  providerOptions?: ActiveCampaignProviderOptions;
  /** The account's API URL from the fake's URL (default: the fake's URL as is). */
  baseUrl?: (fakeUrl: string) => string;
  apiKey?: string;
}

const FAST_RATE = 100;

export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  const rate = options.ratePerSecond ?? FAST_RATE;
  const fake = await startActiveCampaignFake({ ratePerSecond: rate, ...options.fake });
  const recording = recordingContext(
    { id: 'ac-test', provider: 'activecampaign', label: 'Acme AC', baseUrl: options.baseUrl ? options.baseUrl(fake.url) : fake.url },
    options.apiKey ?? fake.apiKey,
    options.requestTimeoutMs ?? 5000,
  );
  const descriptor = atClientRate(activeCampaignDescriptor, options.clientRatePerSecond ?? rate, 3);
  const provider = new ActiveCampaignProvider(descriptor, recording.context, { retry: FAST_RETRY, ...options.providerOptions });
  return { fake, provider, ...recording };
}

/** Every request the client sent is an operation of AC's spec, with documented query and body keys. */
export function assertClientRequestsDocumented(h: Harness): void {
  assertRequestsDocumented(SUBSET, clientRequests(h.fake.requests));
}

/** The deals of a stage as the fake holds them. */
export function fakeDealsOf(h: Harness, stageId: string) {
  return h.fake.state.deals.filter((d) => d.stage === stageId);
}

/** A deal of the fake that is readable, in the given stage (first by default in "To Contact"). */
export function openDeal(h: Harness, predicate: (d: ActiveCampaignFake['state']['deals'][number]) => boolean = () => true) {
  const deal = h.fake.state.deals.find((d) => !d.isDisabled && predicate(d));
  assert.ok(deal, 'no matching deal in the fake');
  return deal;
}

export function snapshot(h: Harness): string {
  return JSON.stringify(h.fake.state);
}

export { assertNoKey, rejectsWith } from '../key-checks';
export { endTest, stopHarness } from '../shared-harness';
