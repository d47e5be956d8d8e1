import assert from 'node:assert/strict';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ProviderContext, ProviderDescriptor } from '../../../../src/providers/contract';
import {
  ActiveCampaignProvider, type ActiveCampaignProviderOptions, activeCampaignDescriptor,
} from '../../../../src/providers/activecampaign';
import { type ActiveCampaignFake, type FakeOptions, startActiveCampaignFake } from '../../../fakes/activecampaign';
import { assertRequestsDocumented, loadSubset } from '../../../openapi/check-request';

export const SUBSET = loadSubset(join(__dirname, '../../../openapi/activecampaign-subset.json'));
export const SALES = { pipelineId: '1' };
export const USER_AGENT = 'crm-pipelines-vscode';

export interface Harness {
  fake: ActiveCampaignFake;
  provider: ActiveCampaignProvider;
  logs: string[];
  waits: { reason: string; delayMs: number; operation: string }[];
  context: ProviderContext;
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
  const logs: string[] = [];
  const waits: Harness['waits'] = [];
  const log = (level: string) => (message: string) => void logs.push(`${level} ${message}`);
  const context: ProviderContext = {
    account: { id: 'ac-test', provider: 'activecampaign', label: 'Acme AC', baseUrl: options.baseUrl ? options.baseUrl(fake.url) : fake.url },
    apiKey: options.apiKey ?? fake.apiKey,
    logger: { debug: log('debug'), info: log('info'), warn: log('warn'), error: log('error') },
    requestTimeoutMs: options.requestTimeoutMs ?? 5000,
    storageDir: tmpdir(),
    onWait: (info) => void waits.push(info),
  };
  const clientRate = options.clientRatePerSecond ?? rate;
  const descriptor: ProviderDescriptor =
    clientRate === activeCampaignDescriptor.rateLimit?.ratePerSecond
      ? activeCampaignDescriptor
      : { ...activeCampaignDescriptor, rateLimit: { ratePerSecond: clientRate, concurrency: 3 } };
  const provider = new ActiveCampaignProvider(descriptor, context, {
    retry: { maxAttempts: 3, baseDelayMs: 20, maxDelayMs: 100 },
    ...options.providerOptions,
  });
  return { fake, provider, logs, waits, context };
}

/** Every request the client sent is an operation of AC's spec, with documented query and body keys. */
export function assertClientRequestsDocumented(h: Harness): void {
  const sent = h.fake.requests.filter((r) => r.headers['user-agent'] === USER_AGENT);
  assertRequestsDocumented(SUBSET, sent);
}

export async function stopHarness(h: Harness | undefined): Promise<void> {
  if (!h) return;
  h.provider.dispose();
  await h.fake.close();
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
