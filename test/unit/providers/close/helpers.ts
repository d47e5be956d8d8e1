import assert from 'node:assert/strict';
import { join } from 'node:path';
import { type CrmError, type CrmErrorKind, isCrmError } from '../../../../src/http';
import { type CloseProvider, createCloseProvider } from '../../../../src/providers/close';
import type { HttpClientOptions } from '../../../../src/http';
import { type CloseFake, type CloseFakeOptions, type Json, startCloseFake } from '../../../fakes/close';
import { assertRequestsDocumented, loadSubset } from '../../../openapi/check-request';
import { type RecordedWait, recordingContext } from '../shared-harness';

/** A key distinctive enough that finding it anywhere is certainly a leak. */
export const API_KEY = 'api_4qZ9SECRETcloseKEY7x1';
export const SUBSET = loadSubset(join(__dirname, '../../../openapi/close-subset.json'));

export interface Harness {
  fake: CloseFake;
  provider: CloseProvider;
  logs: string[];
  waits: RecordedWait[];
  /** Providers made by `another`, disposed with the harness. */
  extra: CloseProvider[];
  another(options?: { apiKey?: string; timeoutMs?: number; retry?: HttpClientOptions['retry'] }): CloseProvider;
  close(): Promise<void>;
}

export interface HarnessOptions {
  fake?: CloseFakeOptions;
  timeoutMs?: number;
  retry?: HttpClientOptions['retry'];
}

export async function openClose(options: HarnessOptions = {}): Promise<Harness> {
  const fake = await startCloseFake({ apiKey: API_KEY, ...options.fake });
  const logs: string[] = [];
  const waits: RecordedWait[] = [];
  // Every provider of the harness logs into the same lines and waits.
  const make = (apiKey: string, timeoutMs?: number, retry?: HttpClientOptions['retry']): CloseProvider => {
    const account = { id: 'close-test', provider: 'close', label: 'Bluth Co', baseUrl: fake.url } as const;
    const { context } = recordingContext(account, apiKey, timeoutMs, { storageDir: '/nonexistent', logs, waits });
    return createCloseProvider(context, retry ? { retry } : undefined);
  };
  const extra: CloseProvider[] = [];
  const provider = make(API_KEY, options.timeoutMs, options.retry);
  return {
    fake,
    provider,
    logs,
    waits,
    extra,
    another: (o = {}) => {
      const p = make(o.apiKey ?? API_KEY, o.timeoutMs ?? options.timeoutMs, o.retry ?? options.retry);
      extra.push(p);
      return p;
    },
    close: async () => {
      provider.dispose();
      for (const p of extra) p.dispose();
      await fake.close();
    },
  };
}

const basic = (key: string): string => Buffer.from(`${key}:`).toString('base64');

/** The key, raw or inside its Basic header, appears in no text. */
export function assertNoSecret(text: string, key = API_KEY): void {
  assert.ok(!text.includes(key), `the key leaked into: ${text}`);
  assert.ok(!text.includes(basic(key)), `the Basic credentials leaked into: ${text}`);
}

export async function expectCrmError(promise: Promise<unknown>, kind: CrmErrorKind, key = API_KEY): Promise<CrmError> {
  let caught: unknown;
  try {
    await promise;
  } catch (error) {
    caught = error;
  }
  assert.ok(caught !== undefined, `expected a ${kind} error, but the call succeeded`);
  assert.ok(isCrmError(caught), `expected a CrmError, got ${String(caught)}`);
  assert.equal(caught.kind, kind, caught.message);
  assert.equal(caught.provider, 'Close');
  for (const text of [caught.message, caught.detail ?? '', ...(caught.fieldErrors ?? []).map((f) => `${f.field} ${f.message}`)]) {
    assertNoSecret(text, key);
  }
  return caught;
}

/** Every request the fake saw is documented by the vendor spec; nothing secret was logged. */
export function assertCleanRun(h: Harness): void {
  assertRequestsDocumented(SUBSET, h.fake.requests);
  for (const line of h.logs) assertNoSecret(line);
}

export function stageOf(h: Harness, pipelineName: string, label: string): { pipelineId: string; stageId: string } {
  const pipeline = h.fake.state.pipelines.find((p) => p.name === pipelineName)!;
  const status = h.fake.state.statuses.find((s) => s.pipeline_id === pipeline.id && s.label === label)!;
  return { pipelineId: pipeline.id, stageId: status.id };
}

export function storedOpportunity(h: Harness, id: string): Json {
  const opp = h.fake.state.opportunities.find((o) => o['id'] === id);
  assert.ok(opp, `no opportunity ${id}`);
  return opp;
}

/** Requests since `from` (an index into fake.requests), as `METHOD /path/`. */
export function requestLines(h: Harness, from = 0): string[] {
  return h.fake.requests.slice(from).map((r) => `${r.method} ${r.path.replace('/api/v1', '')}`);
}

export { allDealsOf as allDeals } from '../shared-harness';
