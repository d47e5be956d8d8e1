import assert from 'node:assert/strict';
import { HindsightProvider, type HindsightProviderOptions, hindsightDescriptor } from '../../../../src/providers/hindsight';
import {
  API_PREFIX, DOCUMENTED_QUERY, type FakeOptions, type HindsightFake, type HsDealRecord, type RecordedRequest, startHindsightFake,
} from '../../../fakes/hindsight';
import { atClientRate, clientRequests as requestsOfClient, FAST_RETRY, type RecordingContext, recordingContext } from '../shared-harness';

export const PIPELINE = 'deals';

export interface Harness extends RecordingContext {
  fake: HindsightFake;
  provider: HindsightProvider;
}

export interface HarnessOptions {
  fake?: FakeOptions;
  /**
   * Requests per minute for both sides, and how long a minute lasts. Functional tests run
   * effectively unlimited; the rate tests use Hindsight's 60 (with a real or a shortened minute).
   */
  ratePerMinute?: number;
  minuteMs?: number;
  /** The client's requests per its minute, when it should differ from the fake's. */
  clientRatePerMinute?: number;
  requestTimeoutMs?: number;
  providerOptions?: HindsightProviderOptions;
  baseUrl?: (fakeUrl: string) => string | undefined;
  apiKey?: string;
  stageOutcomes?: Record<string, 'won' | 'lost'>;
}

const FAST_PER_MINUTE = 600_000;

export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  const perMinute = options.ratePerMinute ?? FAST_PER_MINUTE;
  const minuteMs = options.minuteMs ?? 60_000;
  const fake = await startHindsightFake({ ratePerMinute: perMinute, minuteMs, ...options.fake });
  const recording = recordingContext(
    {
      id: 'hs-test',
      provider: 'hindsight',
      label: 'Acme Hindsight',
      baseUrl: options.baseUrl ? options.baseUrl(fake.url) : fake.url,
      ...(options.stageOutcomes ? { stageOutcomes: options.stageOutcomes } : {}),
    },
    options.apiKey ?? fake.apiKey,
    options.requestTimeoutMs ?? 5000,
  );
  // The descriptor states a rate per second of a real minute; a shortened minute keeps the same count per window.
  const descriptor = atClientRate(hindsightDescriptor, (options.clientRatePerMinute ?? perMinute) / 60, 2);
  const provider = new HindsightProvider(descriptor, recording.context, {
    retry: FAST_RETRY,
    rateWindowMs: minuteMs,
    ...options.providerOptions,
  });
  return { fake, provider, ...recording };
}

/** The requests our client sent (not the tests' own fetches). */
export function clientRequests(h: Harness): RecordedRequest[] {
  return requestsOfClient(h.fake.requests);
}

/**
 * Every request the client sent is the one documented read, `GET /api/v1/deals`, with documented
 * query parameters only, JSON arrays where the docs ask for them and a page size Hindsight allows.
 */
export function assertClientRequestsDocumented(h: Harness): void {
  for (const r of clientRequests(h)) {
    const where = `${r.method} ${r.path} ${JSON.stringify(r.query)}`;
    assert.equal(r.method, 'GET', where);
    assert.equal(r.path, `${API_PREFIX}/deals`, where);
    assert.match(String(r.headers['authorization']), /^Bearer /, where);
    for (const [name, value] of Object.entries(r.query)) {
      assert.ok(DOCUMENTED_QUERY.has(name), `undocumented query parameter ${name}: ${where}`);
      assert.equal(typeof value, 'string', `repeated parameter ${name}: ${where}`);
    }
    for (const name of ['status', 'ids']) {
      const value = r.query[name];
      if (typeof value === 'string') assert.ok(Array.isArray(JSON.parse(value)), `${name} is a JSON array: ${where}`);
    }
    const size = r.query['page_size'];
    if (typeof size === 'string') assert.ok(Number(size) >= 1 && Number(size) <= 100, where);
    const type = r.query['status_filter_type'];
    if (type !== undefined) assert.ok(type === 'is any of' || type === 'is not', where);
  }
}

/** The fake's deals in Hindsight's default order (`created_at` desc, ties by id). */
export function inDefaultOrder(deals: readonly HsDealRecord[]): HsDealRecord[] {
  return [...deals].sort((a, b) => (a.created_at === b.created_at ? a.id.localeCompare(b.id) : a.created_at < b.created_at ? 1 : -1));
}

export function dealsIn(h: Harness, status: string): HsDealRecord[] {
  return inDefaultOrder(h.fake.state.deals.filter((d) => d.status_id === status));
}

/** Distinct stages in the fake's data. */
export function fakeStatuses(h: Harness): string[] {
  return [...new Set(h.fake.state.deals.map((d) => d.status_id))];
}

/**
 * The documented request count of stage discovery for this data: page 0 of the stage columns,
 * then pages of deals in none of the stages seen so far, until a short page.
 */
export function discoveryRequests(deals: readonly HsDealRecord[]): number {
  const ordered = inDefaultOrder(deals);
  const seen = new Set<string>();
  for (let requests = 1; ; requests++) {
    const rows = ordered.filter((d) => !seen.has(d.status_id)).slice(0, 100);
    const before = seen.size;
    for (const row of rows) seen.add(row.status_id);
    if (rows.length < 100) return requests;
    assert.ok(seen.size > before, 'every full page brings a new stage');
  }
}

/** Requests to read a stage to its end: floor(n/100) + 1 pages; a bare array says nothing of more, so a full last page is followed by an empty one. */
export function stageRequests(size: number): number {
  return Math.floor(size / 100) + 1;
}

export { assertNoKey, rejectsWith } from '../key-checks';
export { endTest, maxInAnyWindow, stopHarness } from '../shared-harness';
