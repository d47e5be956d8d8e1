// "What would the proposed fix give?": the same economy runs with a CRM's client-side limit
// changed in this process only (the descriptors' rateLimit objects), never in the product. Each
// entry says which source change it stands for.
import { descriptorFor } from '../../src/providers';
import { CRMS } from './crms';
import { type EconomyRun, runOnce } from './run-economy';

export interface WhatIf {
  provider: string;
  change: string;
  ratePerSecond: number;
  runs: EconomyRun[];
}

const EXPERIMENTS = [
  // Close's descriptor says 10/s (half of the 20/s example); 19/s keeps 5 % below the enforced 20.
  { provider: 'close', ratePerSecond: 19, change: 'src/providers/close/descriptor.ts: CLOSE_RATE_LIMIT.ratePerSecond 10 → 19' },
  // ActiveCampaign spends descriptor rate × RATE_HEADROOM (0.9); 5.333 × 0.9 = 4.8/s, i.e. a headroom of 0.96.
  { provider: 'activecampaign', ratePerSecond: 4.8 / 0.9, change: 'src/providers/activecampaign/provider.ts: RATE_HEADROOM 0.9 → 0.96 (4.8 of 5 per second)' },
];

export async function runWhatIf(quick: boolean, log: (line: string) => void): Promise<WhatIf[]> {
  const results: WhatIf[] = [];
  for (const experiment of EXPERIMENTS) {
    const descriptor = descriptorFor(experiment.provider);
    const crm = CRMS.find((c) => c.provider === experiment.provider);
    if (!descriptor?.rateLimit || !crm) continue;
    const original = descriptor.rateLimit.ratePerSecond;
    descriptor.rateLimit.ratePerSecond = experiment.ratePerSecond;
    try {
      const runs: EconomyRun[] = [];
      for (let i = 0; i < (quick ? 1 : 3); i++) {
        const run = await runOnce(crm, quick ? crm.deals.quick : crm.deals.full, 'concurrent');
        runs.push(run);
        log(`  what-if ${crm.name} at ${experiment.ratePerSecond.toFixed(2)}/s: T/T0 ${run.timeRatio.toFixed(2)}, 429s ${run.tooMany}`);
      }
      results.push({ provider: crm.name, change: experiment.change, ratePerSecond: experiment.ratePerSecond, runs });
    } finally {
      descriptor.rateLimit.ratePerSecond = original;
    }
  }
  return results;
}
