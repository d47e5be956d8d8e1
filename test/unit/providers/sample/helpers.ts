import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type CrmError, isCrmError } from '../../../../src/http/errors';
import type { Deal, Money } from '../../../../src/model';
import type { ProviderContext } from '../../../../src/providers/contract';
import { createSampleProvider, type SampleProvider, type SampleProviderOptions } from '../../../../src/providers/sample';

/** A fixed "today" so generated data is the same in every run. */
export const GENERATION_DAY = new Date('2026-03-14T09:30:00Z');
export const LEAD_IN = { pipelineId: 'pipeline-new-business', stageId: 'stage-nb-lead-in' };
export const QUALIFIED = { pipelineId: 'pipeline-new-business', stageId: 'stage-nb-qualified' };
export const CONTRACTING = { pipelineId: 'pipeline-partnerships', stageId: 'stage-pt-contracting' };

export async function makeTempDir(): Promise<string> {
  return mkdtemp(join(tmpdir(), 'crm-sample-'));
}

export async function removeDir(dir: string): Promise<void> {
  await rm(dir, { recursive: true, force: true });
}

export function sampleContext(storageDir: string, accountId = 'demo'): ProviderContext {
  const quiet = (): void => undefined;
  return {
    account: { id: accountId, provider: 'sample', label: 'Demo' },
    logger: { debug: quiet, info: quiet, warn: quiet, error: quiet },
    storageDir,
  };
}

export function openSample(storageDir: string, options: SampleProviderOptions = {}): SampleProvider {
  return createSampleProvider(sampleContext(storageDir), { now: () => GENERATION_DAY, ...options });
}

/** Per-currency sums with BigInt, independent of the model's totalsByCurrency. */
export function sumByCurrency(deals: readonly Deal[]): Map<string, bigint> {
  const sums = new Map<string, bigint>();
  for (const { amount } of deals) {
    if (!amount) continue;
    assert.equal(amount.scale, 2);
    sums.set(amount.currency, (sums.get(amount.currency) ?? 0n) + BigInt(amount.minor));
  }
  return sums;
}

export function totalsAsMap(totals: readonly Money[] | undefined): Map<string, bigint> {
  return new Map((totals ?? []).map((m) => [m.currency, BigInt(m.minor) * 10n ** BigInt(2 - m.scale)]));
}

export async function rejection(promise: Promise<unknown>): Promise<CrmError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(isCrmError(error), `expected a CrmError, got ${String(error)}`);
    return error;
  }
  assert.fail('expected the call to fail');
}

export { allDealsOf } from '../shared-harness';
